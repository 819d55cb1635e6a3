/**
 * Asana API 1.0 described for the kit: one organisation's workspaces, users, teams, projects, sections,
 * tasks, stories, tags and custom fields. Bearer personal access tokens; `{"data": …}` envelopes;
 * `limit` + `offset` token paging with `next_page` (null on the last page); compact records unless
 * `opt_fields` names more (render.ts); `{"errors": [{message, help}]}` bodies; no rate-limit headers
 * but on the 429, which carries `Retry-After`. Webhooks: events.ts, and the `X-Hook-Secret` handshake
 * of `POST /webhooks` (webhook-handshake.ts).
 */
import {
  DescribedEmulator,
  type CollectionDescription,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type EmulatorPaging,
} from '../kit/described';
import { bearerToken } from '../kit/provider-emulator';
import { dataOf, errorBody, RATE_LIMITED, UNAUTHORIZED } from './errors';
import { signAsana, storyEvent, taskEvent } from './events';
import { pageBody, renderFor, wrapped } from './render';
import { asanaRoutes } from './routes';
import { asanaWebhookRoutes } from './webhook-handshake';
import {
  ASANA_SEED_TOKEN,
  asanaCustomFields,
  asanaProjects,
  asanaSections,
  asanaTags,
  asanaTeams,
  asanaUsers,
  asanaWorkspaces,
} from './seed';
import { asanaStories, asanaTasks } from './seed-tasks';
import { createStory, createTag, createTask, updateStory, updateTag, updateTask } from './writes';

const API = '/api/1.0';
const PAGING: EmulatorPaging = {
  style: 'cursor',
  cursorParam: 'offset',
  sizeParam: 'limit',
  defaultSize: 100,
  maxSize: 100,
};

/** What every Asana collection shares: gid keys, opt_fields rendering, the envelopes. */
const asanaCollection = (
  c: Omit<CollectionDescription, 'key' | 'render' | 'listBody' | 'itemBody' | 'input'>,
) => ({
  key: 'gid',
  render: renderFor,
  listBody: pageBody,
  itemBody: wrapped,
  input: dataOf,
  ...c,
});

const has = (field: string) => (record: Record<string, unknown>, value: string) =>
  ([] as unknown[]).concat(record[field]).some((r) => (r as { gid?: string } | null)?.gid === value);

export const ASANA_EMULATOR: EmulatorDescription = {
  provider: 'asana',
  apiPrefix: `${API}/`,
  credentials: { access_token: ASANA_SEED_TOKEN },
  authorized: (request, credentials) => bearerToken(request) === credentials.access_token,
  errors: {
    unauthorized: () => UNAUTHORIZED,
    notFound: (what) => errorBody(`${what.replace(/s$/, '').replace(/ie$/, 'y')}: Unknown object`),
    invalid: (e) => errorBody(e.message),
    invalidStatus: 400,
    badRequest: (message) => errorBody(message),
  },
  paging: PAGING,
  rateLimit: { limit: 1500, windowSeconds: 60, headers: () => ({}), body: RATE_LIMITED },
  collections: {
    workspaces: asanaCollection({
      path: `${API}/workspaces`,
      seed: asanaWorkspaces(),
      methods: ['list', 'get'],
    }),
    users: asanaCollection({
      path: `${API}/users`,
      seed: asanaUsers(),
      methods: ['list', 'get'],
      filters: { workspace: has('workspaces') },
    }),
    teams: asanaCollection({
      path: `${API}/workspaces/:workspace/teams`,
      itemPath: `${API}/teams/:id`,
      scope: { workspace: 'workspace_scope' },
      seed: asanaTeams(),
      methods: ['list', 'get'],
    }),
    projects: asanaCollection({
      path: `${API}/projects`,
      seed: asanaProjects(),
      methods: ['list', 'get'],
      filters: { workspace: has('workspace'), team: has('team') },
    }),
    sections: asanaCollection({
      path: `${API}/projects/:project/sections`,
      itemPath: `${API}/sections/:id`,
      scope: { project: 'project_scope' },
      seed: asanaSections(),
      methods: ['list', 'get'],
      // Moving a task into a section (routes.ts) announces the task's event.
      webhook: (_action, payload) => payload,
    }),
    tasks: asanaCollection({
      path: `${API}/tasks`,
      seed: asanaTasks(),
      methods: ['list', 'get', 'create', 'update'],
      filters: {
        project: has('projects'),
        tag: has('tags'),
        assignee: has('assignee'),
        section: (t, v) =>
          (t.memberships as { section?: { gid?: string } }[]).some((m) => m.section?.gid === v),
        modified_since: (t, v) => String(t.modified_at) >= new Date(v).toISOString(),
      },
      create: createTask,
      update: updateTask,
      webhook: taskEvent,
    }),
    stories: asanaCollection({
      path: `${API}/tasks/:task/stories`,
      itemPath: `${API}/stories/:id`,
      scope: { task: 'task_scope' },
      seed: asanaStories(),
      methods: ['list', 'get', 'create', 'update'],
      create: createStory,
      update: updateStory,
      webhook: (action, story, ctx) =>
        story.type === 'comment' ? storyEvent(action, story, ctx) : undefined,
    }),
    tags: asanaCollection({
      path: `${API}/tags`,
      seed: asanaTags(),
      methods: ['list', 'get', 'create', 'update'],
      filters: { workspace: has('workspace') },
      create: createTag,
      update: updateTag,
    }),
    custom_fields: asanaCollection({
      path: `${API}/workspaces/:workspace/custom_fields`,
      itemPath: `${API}/custom_fields/:id`,
      scope: { workspace: 'workspace_scope' },
      seed: asanaCustomFields(),
      methods: ['list', 'get'],
    }),
  },
  signWebhook: signAsana,
  extraRoutes: asanaRoutes,
};

export class AsanaEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(ASANA_EMULATOR, options);
    asanaWebhookRoutes(this);
  }
}
