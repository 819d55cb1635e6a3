/**
 * What Asana does beyond the derived CRUD: `limit` outside 1–100 refused, `GET /tasks` refused without
 * a project, section, tag or assignee, `POST /sections/:id/addTask` moving a task between columns, and
 * deletes answering `{"data": {}}` as Asana does (the kit's default is an empty 204).
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorKit, ProviderObject } from '../kit/described';
import { dataOf, errorBody, invalid } from './errors';
import { sectionEvent } from './events';
import { compact } from './seed';

const API = '/api/1.0';

/** Collection → the route of one of its records that Asana lets a token delete. */
const DELETABLE: Record<string, string> = {
  tasks: `${API}/tasks/:id`,
  stories: `${API}/stories/:id`,
  tags: `${API}/tags/:id`,
};

export function asanaRoutes(app: FastifyInstance, kit: EmulatorKit): void {
  app.addHook('preValidation', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, string>;
    const limit = query.limit;
    let refusal: string | undefined;
    if (
      limit !== undefined &&
      !(Number.isInteger(Number(limit)) && Number(limit) >= 1 && Number(limit) <= 100)
    )
      refusal = `limit: Must be between 1 and 100, got ${limit}`;
    const path = request.url.split('?')[0];
    if (
      request.method === 'GET' &&
      path === `${API}/tasks` &&
      !['project', 'section', 'tag', 'assignee'].some((k) => query[k])
    )
      refusal = 'Must specify exactly one of project, tag, section, user task list, or assignee + workspace';
    if (!refusal) return undefined;
    await reply
      .status(400)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(errorBody(refusal)));
    return reply;
  });

  app.post(`${API}/sections/:id/addTask`, async (request, reply) => {
    const ctx = kit.context(request);
    const section = ctx.find('sections', (s) => s.gid === ctx.params.id);
    if (!section) return kit.notFound(reply, 'sections');
    const gid = dataOf(request.body).task;
    const task = ctx.find('tasks', (t) => t.gid === gid);
    if (!task) invalid(`task: Not a recognized ID: ${String(gid)}`);
    const memberships = task.memberships as ProviderObject[];
    const membership = memberships.find((m) => (m.project as ProviderObject).gid === section.project_scope);
    if (!membership) invalid('task: The task is not in the section’s project');
    const before = structuredClone(task);
    membership.section = compact('section', String(section.gid), String(section.name));
    task.modified_at = ctx.now();
    if (JSON.stringify(before.memberships) !== JSON.stringify(task.memberships))
      kit.announce('sections', 'updated', sectionEvent(task, String(section.gid), ctx) as never, ctx);
    return { data: {} };
  });

  for (const [collection, path] of Object.entries(DELETABLE))
    app.delete(path, async (request, reply) => {
      const ctx = kit.context(request);
      const records = ctx.records(collection);
      const index = records.findIndex((r) => r.gid === ctx.params.id);
      if (index < 0) return kit.notFound(reply, collection);
      const [removed] = records.splice(index, 1);
      kit.announce(collection, 'deleted', removed, ctx);
      return { data: {} };
    });
}
