/**
 * Tickets as Freshservice's API v2 validates and serves them: attributes checked (statuses, priorities,
 * types, references, unknown attributes refused), the requester found or created by e-mail, `stats`
 * kept, `include=stats`; the list's default 30-day window and `updated_since`; DELETE to the trash.
 */
import type { FastifyInstance } from 'fastify';
import { allowOnly, EMAIL, invalid, oneOf, optionalId, requireString, stamp } from '../freshdesk/errors';
import type { EmulatorContext, EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { FRESHSERVICE_STATUSES, FRESHSERVICE_TICKET_TYPES } from './seed-fields';

const WRITABLE = [
  'subject',
  'description',
  'status',
  'priority',
  'source',
  'type',
  'requester_id',
  'email',
  'name',
  'responder_id',
  'group_id',
  'department_id',
  'workspace_id',
  'due_by',
  'fr_due_by',
  'tags',
  'cc_emails',
  'custom_fields',
  'urgency',
  'impact',
  'category',
];
const DAY = 86_400_000;

const REFS: [field: string, collection: string, what: string][] = [
  ['requester_id', 'requesters', 'requester'],
  ['responder_id', 'agents', 'agent'],
  ['group_id', 'groups', 'group'],
  ['department_id', 'departments', 'department'],
];

function attributes(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  allowOnly(input, WRITABLE);
  const out: ProviderObject = {};
  if (input.subject !== undefined) out.subject = requireString(input, 'subject');
  if (input.description !== undefined) {
    out.description = requireString(input, 'description');
    out.description_text = String(out.description)
      .replace(/<[^>]*>/g, '')
      .trim();
  }
  if (input.status !== undefined) oneOf('status', input.status, FRESHSERVICE_STATUSES);
  if (input.priority !== undefined) oneOf('priority', input.priority, [1, 2, 3, 4]);
  if (input.type !== undefined) oneOf('type', input.type, FRESHSERVICE_TICKET_TYPES);
  for (const key of [
    'status',
    'priority',
    'source',
    'type',
    'due_by',
    'fr_due_by',
    'workspace_id',
    'cc_emails',
  ])
    if (input[key] !== undefined) out[key] = input[key];
  for (const [field, collection, what] of REFS) {
    const id = optionalId(input, field);
    if (id === undefined) continue;
    if (id !== null && !ctx.find(collection, (r) => r.id === id))
      invalid(field, `There is no ${what} matching the given ${field}`);
    out[field] = id;
  }
  if (input.tags !== undefined) {
    if (!Array.isArray(input.tags) || input.tags.some((t) => typeof t !== 'string'))
      invalid('tags', 'It should be a/an Array', 'datatype_mismatch');
    out.tags = input.tags;
  }
  if (input.custom_fields !== undefined) out.custom_fields = input.custom_fields;
  return out;
}

/** The requester by id or e-mail; an unknown e-mail becomes a new requester, as in Freshservice. */
function requester(input: ProviderObject, ctx: EmulatorContext): number {
  if (typeof input.requester_id === 'number') return input.requester_id;
  if (typeof input.email !== 'string')
    return invalid(
      'requester_id',
      'Please fill at least 1 of requester_id, phone, email fields',
      'missing_field',
    );
  if (!EMAIL.test(input.email)) invalid('email', 'It should be a valid email address');
  const found = ctx.find('requesters', (r) => r.primary_email === input.email);
  if (found) return found.id as number;
  const id = ctx.nextId('requesters');
  const now = stamp(ctx.now());
  ctx.records('requesters').push({
    ...ctx.records('requesters')[0],
    id,
    first_name: typeof input.name === 'string' ? input.name : input.email.split('@')[0],
    last_name: null,
    primary_email: input.email,
    secondary_emails: [],
    work_phone_number: null,
    department_ids: [],
    background_information: null,
    created_at: now,
    updated_at: now,
  });
  return id;
}

export function createTicket(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  requireString(input, 'subject');
  requireString(input, 'description');
  const attrs = attributes(input, ctx);
  const requesterId = requester(input, ctx);
  const now = stamp(ctx.now());
  const status = (attrs.status as number | undefined) ?? 2;
  const inDays = (days: number) => stamp(new Date(Date.parse(now) + days * DAY).toISOString());
  const person = ctx.find('requesters', (r) => r.id === requesterId);
  return {
    ...ctx.records('tickets')[0],
    group_id: null,
    responder_id: null,
    priority: 1,
    source: 2,
    type: 'Incident',
    category: null,
    tags: [],
    custom_fields: { asset_tag: null },
    department_id: (person?.department_ids as number[] | undefined)?.[0] ?? null,
    ...attrs,
    status,
    requester_id: requesterId,
    requested_for_id: requesterId,
    id: ctx.nextId('tickets'),
    deleted: false,
    created_at: now,
    updated_at: now,
    due_by: attrs.due_by ?? inDays(3),
    fr_due_by: attrs.fr_due_by ?? inDays(1),
    stats: statsAfter(null, status, now),
  };
}

export function updateTicket(ticket: ProviderObject, input: ProviderObject, ctx: EmulatorContext) {
  const attrs = attributes(input, ctx);
  const now = stamp(ctx.now());
  const next: ProviderObject = { ...ticket, ...attrs, updated_at: now };
  if (attrs.custom_fields)
    next.custom_fields = { ...(ticket.custom_fields as ProviderObject), ...(attrs.custom_fields as object) };
  if (attrs.status !== undefined && attrs.status !== ticket.status)
    next.stats = statsAfter(ticket.stats as ProviderObject, attrs.status as number, now);
  return next;
}

function statsAfter(previous: ProviderObject | null, status: number, now: string): ProviderObject {
  const base = previous ?? { first_responded_at: null, resolved_at: null, closed_at: null };
  return {
    ...base,
    status_updated_at: now,
    resolved_at: status === 4 || status === 5 ? (base.resolved_at ?? now) : null,
    closed_at: status === 5 ? now : null,
    pending_since: status === 3 ? now : null,
  };
}

/** A stored ticket as the API serves it: `stats` only with `include=stats`. */
export function renderTicket(ticket: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const { stats, ...rest } = ticket;
  return (ctx.query.include ?? '').split(',').includes('stats') ? { ...rest, stats } : rest;
}

/** GET /tickets (last 30 days unless `updated_since`; trash left out) and DELETE (to the trash). */
export function ticketRoutes(app: FastifyInstance, kit: EmulatorKit, paging: EmulatorPaging): void {
  app.get('/api/v2/tickets', async (request, reply) => {
    const ctx = kit.context(request);
    const q = ctx.query;
    if (q.order_type !== undefined && !['asc', 'desc'].includes(q.order_type))
      invalid('order_type', "It should be one of these values: 'asc,desc'");
    if (q.updated_since !== undefined && !Number.isFinite(Date.parse(q.updated_since)))
      invalid('updated_since', "It should be in the 'valid date time' format");
    const since = q.updated_since ? Date.parse(q.updated_since) : undefined;
    const recent = Date.parse(ctx.now()) - 30 * DAY;
    const matching = ctx
      .records('tickets')
      .filter((t) => (q.filter === 'deleted' ? t.deleted === true : t.deleted !== true))
      .filter((t) =>
        since !== undefined
          ? Date.parse(String(t.updated_at)) >= since
          : Date.parse(String(t.created_at)) >= recent,
      )
      .sort((a, b) => {
        const order = String(a.created_at).localeCompare(String(b.created_at)) || Number(a.id) - Number(b.id);
        return q.order_type === 'asc' ? order : -order;
      });
    const page = kit.page(matching, paging, ctx);
    if ('refused' in page)
      return invalid('per_page', 'It should be a Positive Integer less than or equal to 100');
    void reply.headers(page.headers);
    return { tickets: page.items.map((t) => renderTicket(t, ctx)) };
  });

  app.delete('/api/v2/tickets/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const tickets = ctx.records('tickets');
    const index = tickets.findIndex((t) => String(t.id) === ctx.params.id && t.deleted !== true);
    if (index < 0) return kit.notFound(reply, 'tickets');
    tickets[index] = { ...tickets[index], deleted: true, updated_at: stamp(ctx.now()) };
    kit.announce('tickets', 'deleted', tickets[index], ctx);
    return reply.status(204).send();
  });
}
