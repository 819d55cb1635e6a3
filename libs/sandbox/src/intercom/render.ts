/**
 * How the Intercom emulator serves its stored records (joins, list envelopes), its error bodies and its
 * webhook notifications. Stored records carry a few emulator-only reference fields (`ticket_type_id`,
 * `ticket_state_id`, `contact_ids`, `company_ids`, `tag_ids`, `ticket_id` on parts) that never reach a client.
 */
import { randomUUID } from 'node:crypto';
import {
  ProviderValidationError,
  type EmulatorContext,
  type PageInfo,
  type ProviderObject,
} from '../kit/described';
import { INTERCOM_WORKSPACE_ID } from './seed';

/** Intercom's error body: `{"type": "error.list", "request_id": …, "errors": [{code, message}]}`. */
export const errorList = (code: string, message: string) => ({
  type: 'error.list',
  request_id: randomUUID(),
  errors: [{ code, message }],
});

/** A refused body with Intercom's error code (`parameter_invalid` unless said otherwise). */
export class IntercomInvalid extends ProviderValidationError {
  constructor(
    message: string,
    readonly code = 'parameter_invalid',
  ) {
    super(message);
  }
}

/** An error answered with another status than the description's 400 (Fastify's `statusCode`). */
export const failure = (statusCode: number, message: string) =>
  Object.assign(new Error(message), { statusCode });

/** `Ticket not found` → `ticket_not_found`: Intercom's codes for missing objects follow their message. */
export const codeOf = (message: string) =>
  /not found$/i.test(message) ? message.toLowerCase().replace(/[^a-z]+/g, '_') : 'bad_request';

export const unix = (ctx: EmulatorContext) => Math.floor(Date.parse(ctx.now()) / 1000);

export function renderPart(part: ProviderObject): ProviderObject {
  const { ticket_id: _ticket, ...rest } = part;
  return rest;
}

function typeBrief(type: ProviderObject): ProviderObject {
  const { ticket_type_attributes: _a, workspace_id: _w, created_at: _c, updated_at: _u, ...brief } = type;
  return brief;
}

function stateBrief(state: ProviderObject | undefined): ProviderObject | null {
  if (!state) return null;
  const { ticket_type_ids: _types, archived: _archived, ...brief } = state;
  return brief;
}

/** A ticket type as `/ticket_types` serves it: with the states its tickets can take. */
export function renderTicketType(type: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const states = ctx
    .records('ticket_states')
    .filter((s) => (s.ticket_type_ids as string[]).includes(String(type.id)))
    .map(stateBrief);
  return { ...type, ticket_states: { type: 'list', data: states } };
}

export function renderTicketState(state: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const types = ctx
    .records('ticket_types')
    .filter((t) => (state.ticket_type_ids as string[]).includes(String(t.id)))
    .map(typeBrief);
  const { ticket_type_ids: _types, archived, ...rest } = state;
  return { ...rest, ticket_types: { type: 'list', data: types }, archived };
}

/** A ticket joined as Intercom serves it; `parts` narrows `ticket_parts` (a notification carries the new one). */
export function renderTicket(
  ticket: ProviderObject,
  ctx: EmulatorContext,
  parts?: ProviderObject[],
): ProviderObject {
  const { ticket_state_id, ticket_type_id, contact_ids, company_id: _company, ...rest } = ticket;
  const type = ctx.find('ticket_types', (t) => String(t.id) === String(ticket_type_id));
  const own = parts ?? ctx.records('ticket_parts').filter((p) => p.ticket_id === ticket.id);
  const contacts = (contact_ids as string[]).map((id) => {
    const c = ctx.find('contacts', (r) => r.id === id);
    return { type: 'contact', id, external_id: c?.external_id ?? null };
  });
  const { snoozed_until, open, linked_objects, category, is_shared, previous_ticket_state_id } = rest;
  return {
    type: 'ticket',
    id: rest.id,
    ticket_id: rest.ticket_id,
    ticket_attributes: rest.ticket_attributes,
    ticket_state: stateBrief(ctx.find('ticket_states', (s) => s.id === ticket_state_id)),
    ticket_type: type ?? null,
    contacts: { type: 'contact.list', contacts },
    admin_assignee_id: rest.admin_assignee_id,
    team_assignee_id: rest.team_assignee_id,
    created_at: rest.created_at,
    updated_at: rest.updated_at,
    ticket_parts: { type: 'ticket_part.list', ticket_parts: own.map(renderPart), total_count: own.length },
    open,
    ...(snoozed_until ? { snoozed_until } : {}),
    linked_objects,
    category,
    is_shared,
    previous_ticket_state_id,
  };
}

const addressable = (type: string, ids: string[], url: string) => ({
  type: 'list',
  data: ids.map((id) => ({ type, id, url: `/${type === 'company' ? 'companies' : `${type}s`}/${id}` })),
  url,
  total_count: ids.length,
  has_more: false,
});

export function renderContact(contact: ProviderObject): ProviderObject {
  const { company_ids, tag_ids, ...rest } = contact;
  const base = `/contacts/${String(contact.id)}`;
  return {
    ...rest,
    tags: addressable('tag', tag_ids as string[], `${base}/tags`),
    notes: addressable('note', [], `${base}/notes`),
    companies: addressable('company', company_ids as string[], `${base}/companies`),
    opted_out_subscription_types: addressable('subscription', [], `${base}/subscriptions`),
    opted_in_subscription_types: addressable('subscription', [], `${base}/subscriptions`),
  };
}

export function renderCompany(company: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const users = ctx
    .records('contacts')
    .filter((c) => (c.company_ids as string[]).includes(String(company.id)));
  return { ...company, user_count: users.length };
}

/** `{type: "list", data, total_count, pages}` of cursor lists; `next` only where there is a next page. */
export const cursorList = (items: unknown[], page: PageInfo, listType = 'list', key = 'data') => ({
  type: listType,
  [key]: items,
  total_count: page.total,
  pages: {
    type: 'pages',
    ...(page.nextCursor ? { next: { per_page: page.size, starting_after: page.nextCursor } } : {}),
    page: page.page,
    per_page: page.size,
    total_pages: page.totalPages,
  },
});

/** Page-numbered lists (companies): `next` is null on the last page, as in the description's example. */
export const pagedList = (items: unknown[], page: PageInfo) => ({
  type: 'list',
  data: items,
  pages: {
    type: 'pages',
    ...(page.page < page.totalPages ? {} : { next: null }),
    page: page.page,
    per_page: page.size,
    total_pages: page.totalPages,
  },
  total_count: page.total,
});

/** The notification Intercom POSTs to a webhook subscription; its `id` is the delivery id. */
export function notification(topic: string, item: unknown, ctx: EmulatorContext): ProviderObject {
  const now = unix(ctx);
  return {
    type: 'notification_event',
    app_id: INTERCOM_WORKSPACE_ID,
    data: { type: 'notification_event_data', item },
    links: {},
    id: `notif_${randomUUID()}`,
    topic,
    delivery_status: 'pending',
    delivery_attempts: 1,
    delivered_at: 0,
    first_sent_at: now,
    created_at: now,
    self: null,
  };
}
