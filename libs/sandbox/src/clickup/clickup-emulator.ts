/**
 * ClickUp API v2 described for the kit: one Workspace with its spaces, folders, lists, tasks,
 * comments, tags, custom fields and user groups. A personal token bare in `Authorization`;
 * `{"tasks": …}`-style list bodies; zero-based task pages of 100 with `last_page` (routes.ts), other
 * lists whole; `X-RateLimit-Limit/-Remaining/-Reset` on every answer and a 429 on excess;
 * `{"err", "ECODE"}` error bodies; creates answer 200. Webhooks: events.ts, created with their secret by
 * webhook-routes.ts.
 */
import {
  DescribedEmulator,
  type CollectionDescription,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type ProviderObject,
} from '../kit/described';
import { clickupError, notFoundBody, RATE_LIMITED, UNAUTHORIZED } from './errors';
import { commentEvent, signClickUp, taskEvent } from './events';
import { clickupRoutes } from './routes';
import { clickupWebhookRoutes } from './webhook-routes';
import {
  CLICKUP_SEED_TOKEN,
  clickupFields,
  clickupFolders,
  clickupGroups,
  clickupLists,
  clickupSpaces,
  clickupTags,
  clickupUsers,
  clickupWorkspaces,
} from './seed';
import { clickupComments, clickupTasks } from './seed-tasks';
import {
  createComment,
  createFolder,
  createGroup,
  createTask,
  updateFolder,
  updateGroup,
  updateTask,
} from './writes';

const API = '/api/v2';

/** A record as served: without the emulator's `*_scope` bookkeeping. */
const served = (record: ProviderObject) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => !k.endsWith('_scope')));

/** A ClickUp collection: lists come whole in `{ "<name>": [...] }`, records without bookkeeping. */
const clickupCollection = (listKey: string, c: CollectionDescription): CollectionDescription => ({
  paging: { style: 'none' },
  render: served,
  listBody: (items) => ({ [listKey]: items }),
  createStatus: 200,
  ...c,
});

export const CLICKUP_EMULATOR: EmulatorDescription = {
  provider: 'clickup',
  apiPrefix: `${API}/`,
  credentials: { api_token: CLICKUP_SEED_TOKEN },
  authorized: (request, credentials) => request.headers.authorization === credentials.api_token,
  errors: {
    unauthorized: () => UNAUTHORIZED,
    notFound: notFoundBody,
    invalid: (e) => clickupError(e.message, e.details.ECODE?.[0] ?? 'INPUT_005'),
    invalidStatus: 400,
    badRequest: (message) => clickupError(message, 'INPUT_005'),
  },
  paging: { style: 'none' },
  rateLimit: {
    // Free Forever: 100 requests a minute per token.
    limit: 100,
    windowSeconds: 60,
    headers: (limit, remaining, resetSeconds, nowSeconds) => ({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(nowSeconds + resetSeconds),
    }),
    body: RATE_LIMITED,
  },
  collections: {
    // Members are served inside their Workspace (GET /team) and as list members (routes.ts).
    users: clickupCollection('users', {
      path: `${API}/team/:team/user`,
      seed: clickupUsers(),
      methods: [],
    }),
    workspaces: clickupCollection('teams', {
      path: `${API}/team`,
      seed: clickupWorkspaces(),
      methods: ['list'],
      render: (team, ctx) => ({ ...team, members: ctx.records('users').map((user) => ({ user })) }),
    }),
    spaces: clickupCollection('spaces', {
      path: `${API}/team/:team/space`,
      itemPath: `${API}/space/:id`,
      scope: { team: 'team_scope' },
      seed: clickupSpaces(),
      methods: ['list', 'get'],
    }),
    folders: clickupCollection('folders', {
      path: `${API}/space/:space/folder`,
      itemPath: `${API}/folder/:id`,
      scope: { space: 'space_scope' },
      seed: clickupFolders(),
      methods: ['list', 'get', 'create', 'update'],
      create: createFolder,
      update: updateFolder,
    }),
    lists: clickupCollection('lists', {
      path: `${API}/folder/:folder/list`,
      itemPath: `${API}/list/:id`,
      seed: clickupLists(),
      methods: ['get'],
    }),
    tasks: clickupCollection('tasks', {
      path: `${API}/list/:list/task`,
      itemPath: `${API}/task/:id`,
      scope: { list: 'list_scope' },
      seed: clickupTasks(),
      methods: ['get', 'create', 'update'],
      create: createTask,
      update: updateTask,
      webhook: taskEvent,
    }),
    comments: clickupCollection('comments', {
      path: `${API}/task/:task/comment`,
      itemPath: `${API}/comment/:id`,
      scope: { task: 'task_scope' },
      seed: clickupComments(),
      methods: ['create'],
      create: createComment,
      // A create answers the new comment's id, history id and time only.
      itemBody: (comment) => {
        const { id, date } = comment as ProviderObject;
        return { id, hist_id: String(Number(id) * 7 + 11), date: Number(date) };
      },
      webhook: commentEvent,
    }),
    tags: clickupCollection('tags', {
      path: `${API}/space/:space/tag`,
      scope: { space: 'space_scope' },
      seed: clickupTags(),
      methods: ['list'],
    }),
    fields: clickupCollection('fields', {
      path: `${API}/list/:list/field`,
      scope: { list: 'list_scope' },
      seed: clickupFields(),
      methods: ['list'],
    }),
    groups: clickupCollection('groups', {
      path: `${API}/team/:team/group`,
      itemPath: `${API}/group/:id`,
      seed: clickupGroups(),
      methods: ['create', 'update'],
      create: createGroup,
      update: updateGroup,
    }),
  },
  signWebhook: signClickUp,
  extraRoutes: clickupRoutes,
};

export class ClickUpEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(CLICKUP_EMULATOR, options);
    clickupWebhookRoutes(this);
  }
}
