/**
 * The Azure DevOps routes the kit cannot derive: WIQL, the work item batch read, create by type
 * (`POST …/workitems/$Bug`), delete to the recycle bin, and the classification node trees.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorContext, EmulatorKit, ProviderObject } from '../kit/described';
import { AdoError, errorBody } from './errors';
import { IDENTITIES } from './seed';
import { createWorkItem, nodePath, renderWorkItem } from './work-items';

const WIT = '/:org/:project/_apis/wit';
const BATCH_LIMIT = 200;
const WIQL_LIMIT = 20000;

function refuse(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof AdoError)) throw error;
  return reply
    .status(error.status)
    .type('application/json; charset=utf-8')
    .send(errorBody(error.typeKey, error.message));
}

/** The part of a flat WIQL query the emulator understands: `[System.ChangedDate] >= '…'`. */
function wiqlFilter(query: string, ctx: EmulatorContext): (item: ProviderObject) => boolean {
  if (!/^\s*select\s+.+\s+from\s+workitems\b/i.test(query))
    throw new AdoError(400, 'WiqlSyntaxException', 'TF51006: The query statement is missing a FROM clause.');
  const changed = /\[System\.ChangedDate\]\s*>=\s*'([^']+)'/i.exec(query)?.[1];
  if (changed && /T\d/.test(changed) && ctx.query.timePrecision !== 'true')
    throw new AdoError(
      400,
      'WorkItemTrackingQueryResultTypeException',
      'VS402619: The query compares a date with a time: set timePrecision=true.',
    );
  const since = changed ? Date.parse(changed) : undefined;
  return (item) =>
    since === undefined ||
    Date.parse(String((item.fields as Record<string, unknown>)['System.ChangedDate'])) >= since;
}

function renderNode(
  nodes: ProviderObject[],
  node: ProviderObject,
  depth: number,
  ctx: EmulatorContext,
): ProviderObject {
  const children = nodes.filter((n) => n.parent === node.id);
  const group = node.structureType === 'iteration' ? 'Iterations' : 'Areas';
  const { parent: _parent, ...stored } = node;
  return {
    ...stored,
    path: nodePath(nodes, node, false),
    hasChildren: children.length > 0,
    ...(depth > 0 && children.length > 0
      ? { children: children.map((c) => renderNode(nodes, c, depth - 1, ctx)) }
      : {}),
    url: `${ctx.baseUrl()}/fabrikam/${String(ctx.params.project)}/_apis/wit/classificationNodes/${group}`,
  };
}

export function adoRoutes(app: FastifyInstance, kit: EmulatorKit): void {
  app.post(`/:org/:project/:team/_apis/wit/wiql`, async (request, reply) => {
    const ctx = kit.context(request);
    try {
      const query = String((request.body as { query?: unknown } | undefined)?.query ?? '');
      const matches = wiqlFilter(query, ctx);
      const top = Math.min(Number(ctx.query.$top ?? WIQL_LIMIT) || WIQL_LIMIT, WIQL_LIMIT);
      const ids = ctx
        .records('workitems')
        .filter(matches)
        .map((i) => Number(i.id))
        .sort((a, b) => a - b)
        .slice(0, top);
      const field = {
        referenceName: 'System.Id',
        name: 'ID',
        url: `${ctx.baseUrl()}/fabrikam/_apis/wit/fields/System.Id`,
      };
      return {
        queryType: 'flat',
        queryResultType: 'workItem',
        asOf: ctx.now(),
        columns: [field],
        sortColumns: [{ field, descending: false }],
        workItems: ids.map((id) => ({ id, url: `${ctx.baseUrl()}/fabrikam/_apis/wit/workItems/${id}` })),
      };
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.post(`${WIT}/workitemsbatch`, async (request, reply) => {
    const ctx = kit.context(request);
    const { ids, errorPolicy } = (request.body ?? {}) as { ids?: unknown; errorPolicy?: string };
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > BATCH_LIMIT)
      return refuse(
        reply,
        new AdoError(
          400,
          'ArgumentException',
          `VS402335: The number of ids must be between 1 and ${BATCH_LIMIT}.`,
        ),
      );
    const items = ids.map((id) => ctx.find('workitems', (i) => i.id === Number(id)));
    if (errorPolicy?.toLowerCase() !== 'omit' && items.some((i) => !i))
      return refuse(
        reply,
        new AdoError(
          404,
          'WorkItemUnauthorizedAccessException',
          'TF401232: Work item does not exist, or you do not have permissions to read it.',
        ),
      );
    const value = items.map((i) => (i ? renderWorkItem(i, ctx) : null));
    return { count: value.length, value };
  });

  app.post(`${WIT}/workitems/:type`, async (request, reply) => {
    const ctx = kit.context(request);
    const type = String(ctx.params.type);
    if (!type.startsWith('$')) return kit.notFound(reply, 'workitems');
    try {
      const created = createWorkItem(type.slice(1), { operations: request.body }, ctx);
      ctx.records('workitems').push(created);
      kit.announce('workitems', 'created', created, ctx);
      return renderWorkItem(created, ctx);
    } catch (error) {
      return refuse(reply, error);
    }
  });

  // To the recycle bin: the answer is the WorkItemDelete.
  app.delete(`${WIT}/workitems/:id`, async (request, reply) => {
    const ctx = kit.context(request);
    const records = ctx.records('workitems');
    const item = records.find((i) => String(i.id) === ctx.params.id);
    if (!item) return kit.notFound(reply, 'workitems');
    records.splice(records.indexOf(item), 1);
    kit.announce('workitems', 'deleted', item, ctx);
    const fields = item.fields as Record<string, unknown>;
    return {
      id: item.id,
      code: 200,
      deletedBy: IDENTITIES.jamal.displayName,
      deletedDate: ctx.now(),
      name: fields['System.Title'],
      project: fields['System.TeamProject'],
      type: fields['System.WorkItemType'],
      url: `${ctx.baseUrl()}/fabrikam/_apis/wit/recyclebin/${String(item.id)}`,
    };
  });

  app.get(`${WIT}/classificationnodes`, async (request) => {
    const ctx = kit.context(request);
    const nodes = ctx.records('nodes');
    const depth = Number(ctx.query.$depth ?? 0) || 0;
    const ids = ctx.query.ids?.split(',').map(Number);
    const chosen = ids
      ? ids.map((id) => nodes.find((n) => n.id === id)).filter(Boolean)
      : nodes.filter((n) => n.parent === undefined);
    const value = (chosen as ProviderObject[]).map((n) => renderNode(nodes, n, depth, ctx));
    return { count: value.length, value };
  });
}
