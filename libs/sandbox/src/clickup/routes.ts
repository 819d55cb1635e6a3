/**
 * What ClickUp does beyond the derived CRUD: the task list (zero-based pages of 100 whatever is asked,
 * `last_page`; closed tasks and subtasks only when asked for; newest first unless `reverse`), the
 * user-group list (`GET /group?team_id=&group_ids=`), the newest 25 comments of a task, comment edits
 * answering `{}`, and deletes answering `{}` as ClickUp does.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorKit, ProviderObject } from '../kit/described';
import { clickupError } from './errors';
import { editComment } from './writes';

const API = '/api/v2';
const TASK_PAGE = 100;
const COMMENT_PAGE = 25;
const PROFILE_INFO = {
  display_profile: null,
  verified_ambassador: null,
  verified_consultant: null,
  top_tier_user: null,
  viewed_verified_ambassador: null,
  viewed_verified_consultant: null,
  viewed_top_tier_user: null,
};

/** Collection → the route of one of its records that a token may delete. */
const DELETABLE: Record<string, string> = {
  tasks: `${API}/task/:id`,
  comments: `${API}/comment/:id`,
  folders: `${API}/folder/:id`,
  groups: `${API}/group/:id`,
};

function tasksOf(records: ProviderObject[], list: string, query: Record<string, string>): ProviderObject[] {
  const since = query.date_updated_gt === undefined ? undefined : Number(query.date_updated_gt);
  const order = query.order_by ?? 'created';
  const key = order === 'updated' ? 'date_updated' : order === 'due_date' ? 'due_date' : 'date_created';
  return records
    .filter((t) => t.list_scope === list && t.archived !== true)
    .filter((t) => query.include_closed === 'true' || (t.status as ProviderObject).type !== 'closed')
    .filter((t) => query.subtasks === 'true' || t.parent === null)
    .filter((t) => since === undefined || Number(t.date_updated) > since)
    .sort((a, b) => (Number(b[key] ?? 0) - Number(a[key] ?? 0)) * (query.reverse === 'true' ? -1 : 1));
}

export function clickupRoutes(app: FastifyInstance, kit: EmulatorKit): void {
  app.get(`${API}/list/:list/task`, async (request, reply) => {
    const ctx = kit.context(request);
    if (!ctx.find('lists', (l) => l.id === ctx.params.list)) return kit.notFound(reply, 'lists');
    const page = Math.max(0, Math.floor(Number(ctx.query.page ?? 0)) || 0);
    const all = tasksOf(ctx.records('tasks'), ctx.params.list, ctx.query);
    const tasks = all.slice(page * TASK_PAGE, (page + 1) * TASK_PAGE).map(({ list_scope: _, ...t }) => t);
    return { tasks, last_page: (page + 1) * TASK_PAGE >= all.length };
  });

  // Every member of the emulator's Workspace can see every list.
  app.get(`${API}/list/:list/member`, async (request, reply) => {
    const ctx = kit.context(request);
    if (!ctx.find('lists', (l) => l.id === ctx.params.list)) return kit.notFound(reply, 'lists');
    return { members: ctx.records('users').map((user) => ({ ...user, profileInfo: PROFILE_INFO })) };
  });

  app.get(`${API}/group`, async (request, reply) => {
    const ctx = kit.context(request);
    if (!ctx.query.team_id) return reply.status(400).send(clickupError('Team id is required', 'GROUP_001'));
    const ids = ctx.query.group_ids?.split(',');
    const groups = ctx
      .records('groups')
      .filter((g) => g.team_id === ctx.query.team_id && (!ids || ids.includes(String(g.id))));
    return { groups };
  });

  app.get(`${API}/task/:task/comment`, async (request, reply) => {
    const ctx = kit.context(request);
    if (!ctx.find('tasks', (t) => t.id === ctx.params.task)) return kit.notFound(reply, 'tasks');
    const comments = ctx
      .records('comments')
      .filter((c) => c.task_scope === ctx.params.task)
      .sort((a, b) => Number(b.date) - Number(a.date))
      .slice(0, COMMENT_PAGE)
      .map(({ task_scope: _, ...c }) => c);
    return { comments };
  });

  app.put(`${API}/comment/:id`, async (request, reply) => {
    const ctx = kit.context(request);
    const records = ctx.records('comments');
    const index = records.findIndex((c) => c.id === ctx.params.id);
    if (index < 0) return kit.notFound(reply, 'comments');
    records[index] = editComment(records[index], (request.body ?? {}) as ProviderObject);
    kit.announce('comments', 'updated', records[index], ctx);
    return {};
  });

  for (const [collection, path] of Object.entries(DELETABLE))
    app.delete(path, async (request, reply) => {
      const ctx = kit.context(request);
      const records = ctx.records(collection);
      const index = records.findIndex((r) => String(r.id) === ctx.params.id);
      if (index < 0) return kit.notFound(reply, collection);
      const [removed] = records.splice(index, 1);
      kit.announce(collection, 'deleted', removed, ctx);
      return {};
    });
}
