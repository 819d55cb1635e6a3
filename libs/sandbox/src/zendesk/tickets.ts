import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZendeskContext } from './context';
import {
  badRequest,
  bodyObject,
  idParam,
  notFound,
  param,
  queryOf,
  recordInvalid,
  route,
  type Query,
} from './http';
import { newEndUser, type ZdComment, type ZdTicket, type ZdUser } from './model';
import { paginate } from './pagination';
import { attachmentJson, commentJson, ticketJson, userJson } from './serialize';
import { applyTicketInput, commentFromInput } from './ticket-writes';
import { softDelete } from './deleted-tickets';

/** Tickets, their comments and attachments, and the ticket search export. */
export function ticketRoutes(app: FastifyInstance, ctx: ZendeskContext): void {
  const ticketOr404 = (request: FastifyRequest): ZdTicket => {
    const ticket = ctx.state.tickets.get(idParam(request));
    if (!ticket) throw notFound();
    return ticket;
  };
  const withUsers = (query: Query, ids: number[]) =>
    includes(query, 'users') ? { users: sideloadUsers(ctx, ids) } : {};
  const peopleOf = (t: ZdTicket) => [
    t.requester_id,
    t.submitter_id,
    t.assignee_id ?? 0,
    ...t.collaborator_ids,
  ];

  route(app, 'GET', '/api/v2/tickets', (request) => {
    const query = queryOf(request);
    const externalId = param(query, 'external_id');
    const tickets = [...ctx.state.tickets.values()].filter(
      (t) => !externalId || t.external_id === externalId,
    );
    const page = paginate(tickets, 'tickets', query, `${ctx.base()}/api/v2/tickets`, (t) =>
      ticketJson(t, ctx.base()),
    );
    const shown = (page.body.tickets as { id: number }[]).map((t) => ctx.state.tickets.get(t.id)!);
    return { ...page.body, ...withUsers(query, shown.flatMap(peopleOf)) };
  });

  route(app, 'GET', '/api/v2/tickets/:id', (request) => {
    const ticket = ticketOr404(request);
    return { ticket: ticketJson(ticket, ctx.base()), ...withUsers(queryOf(request), peopleOf(ticket)) };
  });

  route(app, 'POST', '/api/v2/tickets', (request, reply) => {
    const input = bodyObject(request, 'ticket');
    const actor = ctx.actor(request);
    const requesterId = requesterOf(ctx, input, actor);
    const now = ctx.timestamp();
    const blank: ZdTicket = {
      id: ctx.nextId(),
      external_id: null,
      channel: 'api',
      created_at: now,
      updated_at: now,
      type: null,
      subject: '',
      description: '',
      priority: null,
      status: 'new',
      custom_status_id: 101,
      requester_id: requesterId,
      submitter_id: actor.id,
      assignee_id: null,
      organization_id: ctx.state.users.get(requesterId)?.organization_id ?? null,
      group_id: null,
      collaborator_ids: [],
      follower_ids: [],
      email_cc_ids: [],
      problem_id: null,
      is_public: true,
      due_at: null,
      tags: [],
      custom_fields: [...ctx.state.ticketFields.values()]
        .filter((f) => f.removable)
        .map((f) => ({ id: f.id, value: null })),
      ticket_form_id: 500,
      brand_id: 360001,
    };
    if (input.comment === undefined || input.comment === null) {
      throw recordInvalid({ base: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] });
    }
    const ticket = applyTicketInput(ctx, blank, input);
    if (!('status' in input) && !('custom_status_id' in input) && ticket.assignee_id !== null) {
      ticket.status = 'open';
      ticket.custom_status_id = 102;
    }
    const comment = commentFromInput(ctx, ticket, input.comment, actor)!;
    ticket.description = comment.body;
    ticket.is_public = comment.public;
    ctx.state.tickets.set(ticket.id, ticket);
    ctx.state.comments.push(comment);
    ctx.events.ticketCreated(ticket, actor.id);
    reply.status(201).header('location', `${ctx.base()}/api/v2/tickets/${ticket.id}.json`);
    return { ticket: ticketJson(ticket, ctx.base()), audit: auditOf(ctx, ticket, comment, actor) };
  });

  route(app, 'PUT', '/api/v2/tickets/:id', (request) => {
    const current = ticketOr404(request);
    const input = bodyObject(request, 'ticket');
    const actor = ctx.actor(request);
    if (current.status === 'closed') {
      throw recordInvalid({
        status: [{ description: 'Status: closed prevents ticket update', error: 'ClosedPreventsUpdate' }],
      });
    }
    const next = applyTicketInput(ctx, current, input);
    const comment = commentFromInput(ctx, next, input.comment, actor);
    next.updated_at = ctx.timestamp();
    ctx.state.tickets.set(next.id, next);
    if (comment) ctx.state.comments.push(comment);
    ctx.events.ticketUpdated(
      current,
      next,
      actor.id,
      comment,
      comment ? ctx.state.users.get(comment.author_id) : undefined,
    );
    return { ticket: ticketJson(next, ctx.base()), audit: auditOf(ctx, next, comment, actor) };
  });

  route(app, 'DELETE', '/api/v2/tickets/:id', (request, reply) => {
    const ticket = ticketOr404(request);
    const actor = ctx.actor(request);
    softDelete(ctx, ticket, actor);
    ctx.events.ticketDeleted(ticket, actor.id);
    return reply.status(204).send();
  });

  route(app, 'GET', '/api/v2/tickets/:id/comments', (request) => {
    const ticket = ticketOr404(request);
    const query = queryOf(request);
    let comments = ctx.state.comments.filter((c) => c.ticket_id === ticket.id);
    if (param(query, 'sort_order') === 'desc') comments = comments.reverse();
    const page = paginate(
      comments,
      'comments',
      query,
      `${ctx.base()}/api/v2/tickets/${ticket.id}/comments`,
      (c) => commentJson(c, ctx.base()),
    );
    const authors = (page.body.comments as { author_id: number }[]).map((c) => c.author_id);
    return { ...page.body, ...withUsers(query, authors) };
  });

  route(app, 'GET', '/api/v2/attachments/:id', (request) => {
    const id = idParam(request);
    const attachment = ctx.state.comments
      .filter((c) => ctx.state.tickets.has(c.ticket_id))
      .flatMap((c) => c.attachments)
      .find((a) => a.id === id);
    if (!attachment) throw notFound();
    return { attachment: attachmentJson(attachment, ctx.base()) };
  });

  route(app, 'GET', '/api/v2/search/export', (request) => {
    const query = queryOf(request);
    const type = param(query, 'filter[type]');
    if (!type) throw badRequest('InvalidSearchParameter', 'filter[type] is required');
    const text = param(query, 'query') ?? '';
    const results = type === 'ticket' ? searchTickets([...ctx.state.tickets.values()], text) : [];
    const page = paginate(
      results,
      'results',
      { ...query, 'page[size]': param(query, 'page[size]') ?? '100' },
      `${ctx.base()}/api/v2/search/export`,
      (t) => ({ ...ticketJson(t, ctx.base()), result_type: 'ticket' }),
      { facets: null },
    );
    return page.body;
  });
}

function includes(query: Query, name: string): boolean {
  return (param(query, 'include') ?? '').split(',').includes(name);
}

function sideloadUsers(ctx: ZendeskContext, ids: number[]): unknown[] {
  return [...new Set(ids)]
    .map((id) => ctx.state.users.get(id))
    .filter((u): u is ZdUser => u !== undefined)
    .map((u) => userJson(u, ctx.base()));
}

/** `requester_id`, or `requester: {name, email}` (an end user found by e-mail or created), or the caller. */
function requesterOf(ctx: ZendeskContext, input: Record<string, unknown>, actor: ZdUser): number {
  const requester = input.requester as { name?: string; email?: string } | undefined;
  if (input.requester_id === undefined && requester?.email) {
    const existing = [...ctx.state.users.values()].find((u) => u.email === requester.email);
    if (existing) return existing.id;
    const now = ctx.timestamp();
    const id = ctx.nextId();
    ctx.state.users.set(id, newEndUser(id, requester.name ?? requester.email, requester.email, now));
    return id;
  }
  return input.requester_id === undefined ? actor.id : Number(input.requester_id);
}

/** The audit Zendesk returns with a ticket write; its `Comment` event is the comment just added. */
function auditOf(ctx: ZendeskContext, ticket: ZdTicket, comment: ZdComment | undefined, actor: ZdUser) {
  const events: Record<string, unknown>[] = [];
  if (comment) {
    const {
      created_at: _createdAt,
      via: _via,
      metadata: _metadata,
      ...event
    } = commentJson(comment, ctx.base());
    events.push(event);
  }
  events.push({ id: ctx.nextId(), type: 'Change', field_name: 'status', value: ticket.status });
  return {
    id: comment?.audit_id ?? ctx.nextId(),
    ticket_id: ticket.id,
    created_at: ticket.updated_at,
    author_id: actor.id,
    metadata: { system: {}, custom: {} },
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    events,
  };
}

/**
 * A small subset of Zendesk's search syntax, enough for date-windowed exports:
 * `type:ticket`, `created>…`, `updated>=…` (also `<`, `<=`, `:`), `status:…`, and free words.
 */
export function searchTickets(tickets: ZdTicket[], text: string): ZdTicket[] {
  const checks: ((t: ZdTicket) => boolean)[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const date = /^(created|updated)(>=|<=|>|<|:)(.+)$/.exec(token);
    if (date) {
      const [, field, op, raw] = date;
      const bound = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
      const value = (t: ZdTicket) => Date.parse(field === 'created' ? t.created_at : t.updated_at);
      const compare: Record<string, (a: number) => boolean> = {
        '>': (a) => a > bound,
        '>=': (a) => a >= bound,
        '<': (a) => a < bound,
        '<=': (a) => a <= bound,
        ':': (a) => new Date(a).toISOString().slice(0, 10) === new Date(bound).toISOString().slice(0, 10),
      };
      checks.push((t) => compare[op](value(t)));
    } else if (token.startsWith('type:')) {
      continue;
    } else if (token.startsWith('status:')) {
      checks.push((t) => t.status === token.slice(7));
    } else {
      const word = token.toLowerCase();
      checks.push((t) => `${t.subject} ${t.description}`.toLowerCase().includes(word));
    }
  }
  return tickets.filter((t) => checks.every((check) => check(t)));
}
