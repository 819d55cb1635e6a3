import type { FastifyInstance } from 'fastify';
import type { ZendeskContext } from './context';
import { badRequest, idParam, notFound, param, queryOf, route } from './http';
import type { ZdDeletedTicket, ZdTicket, ZdUser } from './model';
import { offsetPage, paginate } from './pagination';

const SORTABLE: Record<string, (t: ZdDeletedTicket) => string | number> = {
  id: (t) => t.id,
  subject: (t) => t.subject,
  deleted_at: (t) => t.deleted_at,
};

/** A ticket deleted through the API is soft-deleted: listed by `deleted_tickets` until restored. */
export function softDelete(ctx: ZendeskContext, ticket: ZdTicket, actor: ZdUser): void {
  ctx.state.tickets.delete(ticket.id);
  ctx.state.deletedTickets.set(ticket.id, {
    id: ticket.id,
    subject: ticket.subject,
    description: ticket.description,
    actor: { id: actor.id, name: actor.name },
    deleted_at: ctx.timestamp(),
    previous_state: ticket.status,
  });
}

/**
 * Zendesk's deleted tickets (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-deleted-tickets):
 * `sort_by` (`id`, `subject`, `deleted_at`) and `sort_order` with offset pagination; cursor pagination
 * (`page[size]`) in id order. Restoring (`PUT …/restore`) is not emulated: a deleted ticket stays deleted.
 */
export function deletedTicketRoutes(app: FastifyInstance, ctx: ZendeskContext): void {
  route(app, 'GET', '/api/v2/deleted_tickets', (request) => {
    const query = queryOf(request);
    const url = `${ctx.base()}/api/v2/deleted_tickets`;
    const all = [...ctx.state.deletedTickets.values()];
    if (param(query, 'page[size]') !== undefined || param(query, 'page[after]') !== undefined)
      return paginate(all, 'deleted_tickets', query, url, (t) => t).body;
    const sortBy = param(query, 'sort_by') ?? 'id';
    const key = SORTABLE[sortBy];
    if (!key) throw badRequest('InvalidValue', `sort_by must be one of ${Object.keys(SORTABLE).join(', ')}`);
    const order = param(query, 'sort_order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc')
      throw badRequest('InvalidValue', 'sort_order must be asc or desc');
    const sign = order === 'asc' ? 1 : -1;
    const sorted = all.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return sign * (x < y ? -1 : x > y ? 1 : a.id - b.id);
    });
    return offsetPage(sorted, 'deleted_tickets', query, url, (t) => t, {}).body;
  });

  route(app, 'GET', '/api/v2/deleted_tickets/:id', (request) => {
    const deleted = ctx.state.deletedTickets.get(idParam(request));
    if (!deleted) throw notFound();
    return { deleted_ticket: deleted };
  });
}
