/**
 * The ticket routes the kit cannot derive: Freshdesk's list (default filters and order, `include=`) and
 * DELETE, which moves a ticket to the trash; and which automation rule a ticket write fires.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { triggeredEvent } from './automation';
import { invalid, stamp } from './errors';
import { renderTicket } from './tickets';

const ORDER_BY = ['created_at', 'due_by', 'updated_at', 'status'];
const DAY = 86_400_000;

/** GET /tickets (Freshdesk's filters and order) and DELETE /tickets/:id (to the trash). */
export function ticketRoutes(app: FastifyInstance, kit: EmulatorKit, paging: EmulatorPaging): void {
  app.get('/api/v2/tickets', async (request, reply) => {
    const ctx = kit.context(request);
    const q = ctx.query;
    const orderBy = q.order_by ?? 'created_at';
    if (!ORDER_BY.includes(orderBy))
      invalid('order_by', `It should be one of these values: '${ORDER_BY.join(',')}'`);
    if (q.order_type !== undefined && !['asc', 'desc'].includes(q.order_type))
      invalid('order_type', "It should be one of these values: 'asc,desc'");
    if (q.updated_since !== undefined && !Number.isFinite(Date.parse(q.updated_since)))
      invalid('updated_since', "It should be in the 'valid date time' format");
    const since = q.updated_since ? Date.parse(q.updated_since) : undefined;
    const recent = Date.parse(ctx.now()) - 30 * DAY;
    const matching = ctx
      .records('tickets')
      .filter((t) =>
        q.filter === 'deleted'
          ? t.deleted === true
          : q.filter === 'spam'
            ? t.spam === true
            : t.deleted !== true && t.spam !== true,
      )
      .filter((t) =>
        since !== undefined
          ? Date.parse(String(t.updated_at)) >= since
          : Date.parse(String(t.created_at)) >= recent,
      )
      .filter((t) => !q.requester_id || String(t.requester_id) === q.requester_id)
      .filter((t) => !q.company_id || String(t.company_id) === q.company_id)
      .sort((a, b) => {
        const order = String(a[orderBy]).localeCompare(String(b[orderBy])) || Number(a.id) - Number(b.id);
        return q.order_type === 'asc' ? order : -order;
      });
    const page = kit.page(matching, paging, ctx);
    if ('refused' in page)
      return invalid('per_page', 'It should be a Positive Integer less than or equal to 100');
    void reply.headers(page.headers);
    return page.items.map((t) => renderTicket(t, ctx, true));
  });

  app.delete('/api/v2/tickets/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const tickets = ctx.records('tickets');
    const index = tickets.findIndex((t) => String(t.id) === ctx.params.id && t.deleted !== true);
    if (index < 0) return kit.notFound(reply, 'tickets');
    const trashed = { ...tickets[index], deleted: true, updated_at: stamp(ctx.now()) };
    tickets[index] = trashed;
    kit.announce('tickets', 'deleted', trashed, ctx);
    return reply.status(204).send();
  });
}

/** The automation rule a ticket write fires, or none (Freshdesk fires on observed changes only). */
export function ticketWebhook(
  action: 'created' | 'updated' | 'deleted',
  ticket: ProviderObject,
  before?: ProviderObject,
): { event: 'ticket_created' | 'ticket_updated' | 'ticket_deleted'; triggered: string } | undefined {
  if (action === 'created') return { event: 'ticket_created', triggered: '' };
  if (action === 'deleted') return { event: 'ticket_deleted', triggered: '' };
  const triggered = before ? triggeredEvent(before, ticket) : '';
  return triggered ? { event: 'ticket_updated', triggered } : undefined;
}
