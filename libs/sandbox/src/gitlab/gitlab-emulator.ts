/**
 * GitLab REST v4 described for the kit: one project's issues, notes, members, labels and milestones,
 * plus groups and projects. `PRIVATE-TOKEN` or `Authorization: Bearer`; page/per_page paging with
 * `Link`, `X-Next-Page` and `X-Total*`; `{"message": …}` / `{"error": …}` bodies; RateLimit-* headers;
 * Issue Hook and Note Hook deliveries with `X-Gitlab-Token` (GitLab signs nothing: the token is the secret).
 */
import { randomUUID } from 'node:crypto';
import {
  DescribedEmulator,
  ProviderValidationError,
  type DescribedEmulatorOptions,
  type EmulatorContext,
  type EmulatorDescription,
  type ProviderObject,
} from '../kit/described';
import {
  GITLAB_PROJECT_PATH,
  GITLAB_SEED_TOKEN,
  GITLAB_WEB,
  gitlabGroups,
  gitlabIssues,
  gitlabLabels,
  gitlabMilestones,
  gitlabNotes,
  gitlabProjects,
  gitlabUsers,
} from './seed';
import { EmulatedHooks } from '../kit/hooks';
import { registerProjectHooks } from './project-hooks';

const PROJECT = '/api/v4/projects/:project';
const ISSUES = `${PROJECT}/issues`;
const issueUrl = (iid: unknown) => `${GITLAB_WEB}/${GITLAB_PROJECT_PATH}/-/issues/${String(iid)}`;

/** The short user GitLab embeds in issues and notes. */
function basicUser(ctx: EmulatorContext, id: unknown): ProviderObject | null {
  const u = ctx.find('users', (r) => r.id === id);
  return u
    ? {
        id: u.id,
        username: u.username,
        name: u.name,
        state: u.state,
        avatar_url: u.avatar_url,
        web_url: u.web_url,
      }
    : null;
}

function milestoneOf(ctx: EmulatorContext, id: unknown): ProviderObject | null {
  return (id !== null && ctx.find('milestones', (m) => m.id === id)) || null;
}

function renderIssue(issue: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const { author_id, assignee_ids, milestone_id, closed_by_id, ...rest } = issue;
  const assignees = (assignee_ids as number[]).map((id) => basicUser(ctx, id)).filter(Boolean);
  const notes = ctx.records('notes').filter((n) => n.noteable_id === issue.id && !n.system).length;
  return {
    ...rest,
    milestone: milestoneOf(ctx, milestone_id),
    assignees,
    assignee: assignees[0] ?? null,
    author: basicUser(ctx, author_id),
    closed_by: closed_by_id ? basicUser(ctx, closed_by_id) : null,
    user_notes_count: notes,
    web_url: issueUrl(issue.iid),
    references: {
      short: `#${String(issue.iid)}`,
      relative: `#${String(issue.iid)}`,
      full: `${GITLAB_PROJECT_PATH}#${String(issue.iid)}`,
    },
    _links: {
      self: `${ctx.baseUrl()}/api/v4/projects/${String(issue.project_id)}/issues/${String(issue.iid)}`,
      notes: `${ctx.baseUrl()}/api/v4/projects/${String(issue.project_id)}/issues/${String(issue.iid)}/notes`,
      project: `${ctx.baseUrl()}/api/v4/projects/${String(issue.project_id)}`,
    },
  };
}

function renderNote(note: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const { author_id, ...rest } = note;
  return { ...rest, author: basicUser(ctx, author_id) };
}

/** The attributes of an issue create/update GitLab takes (`labels` is a comma-separated string). */
function issueAttributes(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const out: ProviderObject = {};
  if (input.title !== undefined) {
    if (typeof input.title !== 'string' || input.title.trim() === '')
      throw new ProviderValidationError('title is empty', { title: ["can't be blank"] });
    out.title = input.title;
  }
  if (input.description !== undefined) out.description = input.description;
  if (input.labels !== undefined)
    out.labels = String(input.labels ?? '')
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
  if (input.assignee_ids !== undefined) {
    const ids = (input.assignee_ids as unknown[]).map(Number);
    if (ids.some((id) => !ctx.find('users', (u) => u.id === id)))
      throw new ProviderValidationError('assignee_ids is invalid', { assignee_ids: ['does not exist'] });
    out.assignee_ids = ids;
  }
  if (input.milestone_id !== undefined) {
    const id = input.milestone_id === null ? null : Number(input.milestone_id);
    if (id !== null && !ctx.find('milestones', (m) => m.id === id))
      throw new ProviderValidationError('milestone_id is invalid', { milestone: ['is invalid'] });
    out.milestone_id = id;
  }
  if (input.due_date !== undefined) out.due_date = input.due_date;
  if (input.confidential !== undefined) out.confidential = Boolean(input.confidential);
  if (input.issue_type !== undefined) {
    if (!['issue', 'incident', 'test_case', 'task'].includes(String(input.issue_type)))
      throw new ProviderValidationError('issue_type does not have a valid value');
    out.issue_type = input.issue_type;
  }
  return out;
}

/** Issue Hook as GitLab sends it: `object_attributes` holds ids and label objects, not joined users. */
function issueHook(action: string, issue: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const labels = ctx.records('labels').filter((l) => (issue.labels as string[]).includes(String(l.name)));
  const assignees = (issue.assignee_ids as number[]).map((id) => basicUser(ctx, id)).filter(Boolean);
  return {
    object_kind: 'issue',
    event_type: 'issue',
    user: basicUser(ctx, 51),
    project: hookProject(ctx),
    object_attributes: {
      ...issue,
      assignee_id: (issue.assignee_ids as number[])[0] ?? null,
      labels: labels.map((l) => ({
        id: l.id,
        title: l.name,
        color: l.color,
        project_id: l.project_id,
        type: 'ProjectLabel',
      })),
      state_id: issue.state === 'closed' ? 2 : 1,
      url: issueUrl(issue.iid),
      action,
    },
    labels: labels.map((l) => ({ id: l.id, title: l.name, color: l.color })),
    assignees,
  };
}

function hookProject(ctx: EmulatorContext): ProviderObject {
  const p = ctx.records('projects')[0];
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    web_url: p.web_url,
    namespace: 'Acme',
    path_with_namespace: p.path_with_namespace,
    default_branch: p.default_branch,
  };
}

const notFound = (what: string) => ({ message: `404 ${what} Not Found` });

export const GITLAB_EMULATOR: EmulatorDescription = {
  provider: 'gitlab',
  apiPrefix: '/api/v4/',
  credentials: { token: GITLAB_SEED_TOKEN },
  authorized: (request, credentials) =>
    request.headers['private-token'] === credentials.token ||
    request.headers.authorization === `Bearer ${credentials.token}`,
  errors: {
    unauthorized: () => ({ message: '401 Unauthorized' }),
    notFound: (collection) =>
      notFound(
        {
          issues: 'Issue',
          notes: 'Note',
          labels: 'Label',
          milestones: 'Milestone',
          groups: 'Group',
          projects: 'Project',
          users: 'User',
        }[collection] ?? 'Not',
      ),
    // GitLab answers model validation with 400 and the attribute errors under `message`.
    invalid: (e) => (Object.keys(e.details).length > 0 ? { message: e.details } : { error: e.message }),
    invalidStatus: 400,
    badRequest: (message) => ({ error: message }),
  },
  paging: {
    style: 'page-number',
    pageParam: 'page',
    sizeParam: 'per_page',
    defaultSize: 20,
    maxSize: 100,
    linkHeader: true,
    headers: (p) => ({
      'x-page': String(p.page),
      'x-per-page': String(p.size),
      'x-next-page': p.page < p.totalPages ? String(p.page + 1) : '',
      'x-prev-page': p.page > 1 ? String(p.page - 1) : '',
      'x-total': String(p.total),
      'x-total-pages': String(p.totalPages),
    }),
  },
  rateLimit: {
    limit: 2000,
    windowSeconds: 60,
    headers: (limit, remaining, reset, now) => ({
      'ratelimit-limit': String(limit),
      'ratelimit-observed': String(limit - remaining),
      'ratelimit-remaining': String(remaining),
      'ratelimit-reset': String(now + reset),
      'ratelimit-name': 'throttle_authenticated_api',
    }),
    body: 'Retry later\n',
    contentType: 'text/plain',
  },
  collections: {
    issues: {
      path: ISSUES,
      key: 'iid',
      scope: { project: 'project_id' },
      seed: gitlabIssues(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      filters: {
        state: (r, v) => v === 'all' || r.state === v,
        updated_after: (r, v) => String(r.updated_at) >= v,
        updated_before: (r, v) => String(r.updated_at) <= v,
        created_after: (r, v) => String(r.created_at) >= v,
        created_before: (r, v) => String(r.created_at) <= v,
        labels: (r, v) => v.split(',').every((l) => (r.labels as string[]).includes(l)),
      },
      render: renderIssue,
      create: (input, ctx) => {
        if (input.title === undefined) throw new ProviderValidationError('title is missing');
        const now = ctx.now();
        return {
          id: ctx.nextId('issues'),
          iid: ctx.nextId('issues', 'iid'),
          state: 'opened',
          labels: [],
          milestone_id: null,
          assignee_ids: [],
          author_id: 51,
          type: 'ISSUE',
          issue_type: 'issue',
          confidential: false,
          discussion_locked: null,
          due_date: null,
          weight: null,
          upvotes: 0,
          downvotes: 0,
          merge_requests_count: 0,
          severity: 'UNKNOWN',
          description: null,
          ...issueAttributes(input, ctx),
          created_at: now,
          updated_at: now,
          closed_at: null,
          closed_by_id: null,
        };
      },
      update: (issue, input, ctx) => {
        const next = { ...issue, ...issueAttributes(input, ctx), updated_at: ctx.now() };
        if (input.state_event === 'close' && issue.state !== 'closed')
          Object.assign(next, { state: 'closed', closed_at: ctx.now(), closed_by_id: 51 });
        if (input.state_event === 'reopen' && issue.state === 'closed')
          Object.assign(next, { state: 'opened', closed_at: null, closed_by_id: null });
        return next;
      },
      webhook: (action, issue, ctx, before) =>
        action === 'deleted'
          ? undefined // GitLab sends no hook when an issue is deleted.
          : issueHook(
              action === 'created'
                ? 'open'
                : before && before.state !== issue.state
                  ? issue.state === 'closed'
                    ? 'close'
                    : 'reopen'
                  : 'update',
              issue,
              ctx,
            ),
    },
    notes: {
      path: `${ISSUES}/:issue/notes`,
      scope: { project: 'project_id', issue: 'noteable_iid' },
      seed: gitlabNotes(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      render: renderNote,
      create: (input, ctx) => {
        const issue = ctx.find(
          'issues',
          (i) => String(i.iid) === ctx.params.issue && String(i.project_id) === ctx.params.project,
        );
        if (!issue) throw Object.assign(new Error('404 Issue Not Found'), { statusCode: 404 });
        if (typeof input.body !== 'string' || input.body.trim() === '')
          throw new ProviderValidationError('body is missing');
        const now = ctx.now();
        return {
          id: ctx.nextId('notes'),
          type: null,
          body: input.body,
          attachment: null,
          author_id: 51,
          created_at: now,
          updated_at: now,
          system: false,
          noteable_id: issue.id,
          noteable_type: 'Issue',
          resolvable: false,
          confidential: Boolean(input.internal),
          internal: Boolean(input.internal),
        };
      },
      update: (note, input, ctx) => {
        if (typeof input.body !== 'string' || input.body.trim() === '')
          throw new ProviderValidationError('body is missing');
        return { ...note, body: input.body, updated_at: ctx.now() };
      },
      webhook: (action, note, ctx) => {
        if (action === 'deleted') return undefined; // no Note Hook for deletions
        const issue = ctx.find('issues', (i) => i.id === note.noteable_id);
        return {
          object_kind: 'note',
          event_type: 'note',
          user: basicUser(ctx, note.author_id),
          project_id: note.project_id,
          project: hookProject(ctx),
          object_attributes: {
            ...note,
            note: note.body,
            url: `${issueUrl(note.noteable_iid)}#note_${String(note.id)}`,
            action: action === 'created' ? 'create' : 'update',
          },
          issue: issue ? { ...issue, assignee_id: (issue.assignee_ids as number[])[0] ?? null } : undefined,
        };
      },
    },
    users: {
      // Members of the project list; a user is read by id.
      path: `${PROJECT}/users`,
      itemPath: '/api/v4/users/:id',
      seed: gitlabUsers(),
      methods: ['list', 'get'],
      filters: {
        search: (r, v) => `${String(r.name)} ${String(r.username)}`.toLowerCase().includes(v.toLowerCase()),
      },
    },
    labels: {
      path: `${PROJECT}/labels`,
      // GitLab takes a label's id or its name here; the unified tag id is the name (issues carry names).
      key: 'name',
      scope: { project: 'project_id' },
      seed: gitlabLabels(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      // project_id only scopes the emulator's store: GitLab's label objects do not carry it.
      render: ({ project_id: _project, ...label }) => label,
      create: (input, ctx) => {
        if (typeof input.name !== 'string' || input.name === '')
          throw new ProviderValidationError('name is missing');
        if (typeof input.color !== 'string') throw new ProviderValidationError('color is missing');
        if (ctx.find('labels', (l) => l.name === input.name))
          throw Object.assign(new Error('Label already exists'), { statusCode: 409 });
        return {
          ...gitlabLabels()[0],
          id: ctx.nextId('labels'),
          name: input.name,
          color: input.color,
          description: input.description ?? null,
          description_html: input.description ?? null,
        };
      },
      update: (label, input) => ({
        ...label,
        ...(input.new_name !== undefined ? { name: input.new_name } : {}),
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      }),
    },
    milestones: {
      path: `${PROJECT}/milestones`,
      scope: { project: 'project_id' },
      seed: gitlabMilestones(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      filters: { state: (r, v) => r.state === v },
      create: (input, ctx) => {
        if (typeof input.title !== 'string' || input.title === '')
          throw new ProviderValidationError('title is missing');
        const iid = ctx.nextId('milestones', 'iid');
        return {
          id: ctx.nextId('milestones'),
          iid,
          title: input.title,
          description: input.description ?? null,
          state: 'active',
          due_date: input.due_date ?? null,
          start_date: input.start_date ?? null,
          expired: false,
          created_at: ctx.now(),
          updated_at: ctx.now(),
          web_url: `${GITLAB_WEB}/${GITLAB_PROJECT_PATH}/-/milestones/${iid}`,
        };
      },
      update: (m, input, ctx) => ({
        ...m,
        ...Object.fromEntries(
          ['title', 'description', 'due_date', 'start_date']
            .filter((k) => input[k] !== undefined)
            .map((k) => [k, input[k]]),
        ),
        ...(input.state_event === 'close'
          ? { state: 'closed' }
          : input.state_event === 'activate'
            ? { state: 'active' }
            : {}),
        updated_at: ctx.now(),
      }),
    },
    groups: { path: '/api/v4/groups', seed: gitlabGroups(), methods: ['list', 'get'] },
    projects: {
      path: '/api/v4/projects',
      seed: gitlabProjects(),
      methods: ['list', 'get'],
      filters: { membership: () => true },
    },
  },
  signWebhook: (body, secret) => ({
    'x-gitlab-token': secret,
    'x-gitlab-event':
      (JSON.parse(body.toString('utf8')) as ProviderObject).object_kind === 'note'
        ? 'Note Hook'
        : 'Issue Hook',
    'x-gitlab-event-uuid': randomUUID(),
    'idempotency-key': randomUUID(),
    'x-gitlab-webhook-uuid': '3c5c2b48-1c12-4f5e-a1f4-1f0a9b0e5d11',
    'x-gitlab-instance': GITLAB_WEB,
    'user-agent': 'GitLab/17.6.0',
  }),
};

export class GitlabEmulator extends DescribedEmulator {
  /** Project hooks added through the API (each one receives the emulator's Issue and Note Hooks). */
  readonly hooks = new EmulatedHooks(this.webhooks, 3001);

  constructor(options: DescribedEmulatorOptions = {}) {
    super(GITLAB_EMULATOR, options);
    registerProjectHooks(this.app, this.hooks);
  }
}
