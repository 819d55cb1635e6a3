/**
 * Tickets as Freshdesk's API v2 validates and serves them: create/update attributes checked against the
 * helpdesk's ticket fields (statuses, types, dropdown choices, unknown attributes refused), the requester
 * found or created by e-mail, `stats` kept up to date, and `include=` embeds. Routes: ticket-routes.ts.
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { allowOnly, EMAIL, invalid, oneOf, optionalId, requireString, stamp } from './errors';
import { FRESHDESK_STATUS_IDS, FRESHDESK_TICKET_TYPES } from './seed';

const WRITABLE = [
  'subject',
  'description',
  'status',
  'priority',
  'source',
  'type',
  'requester_id',
  'email',
  'phone',
  'name',
  'responder_id',
  'group_id',
  'company_id',
  'product_id',
  'due_by',
  'fr_due_by',
  'tags',
  'cc_emails',
  'custom_fields',
];
const SOURCES = [1, 2, 3, 5, 6, 7, 9, 10];
const DAY = 86_400_000;

/** The attributes of a create/update body, validated the way Freshdesk does. */
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
  if (input.status !== undefined) oneOf('status', input.status, FRESHDESK_STATUS_IDS);
  if (input.priority !== undefined) oneOf('priority', input.priority, [1, 2, 3, 4]);
  if (input.source !== undefined) oneOf('source', input.source, SOURCES);
  if (input.type !== undefined && input.type !== null) oneOf('type', input.type, FRESHDESK_TICKET_TYPES);
  for (const key of ['status', 'priority', 'source', 'type', 'due_by', 'fr_due_by'])
    if (input[key] !== undefined) out[key] = input[key];
  const refs: [string, string, string][] = [
    ['requester_id', 'contacts', 'contact'],
    ['responder_id', 'agents', 'agent'],
    ['group_id', 'groups', 'group'],
    ['company_id', 'companies', 'company'],
  ];
  for (const [field, collection, what] of refs) {
    const id = optionalId(input, field);
    if (id === undefined) continue;
    if (id !== null && !ctx.find(collection, (r) => r.id === id && r.deleted !== true))
      invalid(field, `There is no ${what} matching the given ${field}`);
    out[field] = id;
  }
  if (input.tags !== undefined) {
    const tags = input.tags;
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))
      invalid('tags', 'It should be a/an Array', 'datatype_mismatch');
    out.tags = tags;
  }
  if (input.cc_emails !== undefined) out.cc_emails = input.cc_emails;
  if (input.custom_fields !== undefined) out.custom_fields = customFields(input.custom_fields, ctx);
  return out;
}

function customFields(value: unknown, ctx: EmulatorContext): ProviderObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid('custom_fields', 'It should be a/an key/value pair', 'datatype_mismatch');
  for (const [name, v] of Object.entries(value as ProviderObject)) {
    const f = ctx.find('ticket_fields', (r) => r.name === name && r.default === false);
    if (!f) invalid(name, 'Unexpected/invalid field in request', 'invalid_field');
    if (f.type === 'custom_dropdown' && v !== null) oneOf(name, v, f.choices as string[]);
  }
  return value as ProviderObject;
}

/** The requester by id or e-mail; an unknown e-mail becomes a new contact, as in Freshdesk. */
function requester(input: ProviderObject, ctx: EmulatorContext): number {
  if (typeof input.requester_id === 'number') return input.requester_id;
  if (typeof input.email === 'string') {
    if (!EMAIL.test(input.email)) invalid('email', 'It should be a valid email address');
    const found = ctx.find('contacts', (c) => c.email === input.email);
    if (found) return found.id as number;
    const id = ctx.nextId('contacts');
    const now = stamp(ctx.now());
    ctx.records('contacts').push({
      ...ctx.records('contacts')[0],
      id,
      name: typeof input.name === 'string' ? input.name : input.email.split('@')[0],
      email: input.email,
      phone: null,
      mobile: null,
      company_id: null,
      job_title: null,
      description: null,
      other_emails: [],
      custom_fields: {},
      active: false,
      created_at: now,
      updated_at: now,
    });
    return id;
  }
  return invalid(
    'requester_id',
    'Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id fields',
    'missing_field',
  );
}

export function createTicket(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  requireString(input, 'subject');
  requireString(input, 'description');
  const attrs = attributes(input, ctx);
  const requesterId = requester(input, ctx);
  const contact = ctx.find('contacts', (c) => c.id === requesterId);
  const now = stamp(ctx.now());
  const status = (attrs.status as number | undefined) ?? 2;
  return {
    ...ctx.records('tickets')[0],
    cc_emails: [],
    reply_cc_emails: [],
    ticket_cc_emails: [],
    spam: false,
    group_id: null,
    priority: 1,
    responder_id: null,
    source: 2,
    company_id: contact?.company_id ?? null,
    status,
    type: null,
    tags: [],
    attachments: [],
    custom_fields: { cf_order_number: null, cf_refund_reason: null, cf_units: null },
    ...attrs,
    requester_id: requesterId,
    id: ctx.nextId('tickets'),
    created_at: now,
    updated_at: now,
    due_by: attrs.due_by ?? new Date(Date.parse(now) + 3 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    fr_due_by: attrs.fr_due_by ?? new Date(Date.parse(now) + DAY).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    deleted: false,
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
  const base = previous ?? {
    agent_responded_at: null,
    requester_responded_at: null,
    first_responded_at: null,
    reopened_at: null,
    resolved_at: null,
    closed_at: null,
    pending_since: null,
  };
  return {
    ...base,
    status_updated_at: now,
    resolved_at: status === 4 || status === 5 ? (base.resolved_at ?? now) : null,
    closed_at: status === 5 ? now : null,
    pending_since: status === 3 ? now : null,
    reopened_at: status === 2 && base.resolved_at ? now : base.reopened_at,
  };
}

/** A stored ticket as the API serves it: `stats`, `requester`, `company` only when included. */
export function renderTicket(ticket: ProviderObject, ctx: EmulatorContext, list = false): ProviderObject {
  const include = (ctx.query.include ?? '').split(',');
  const { stats, description, description_text, ...rest } = ticket;
  const out: ProviderObject = { ...rest };
  if (!list || include.includes('description')) Object.assign(out, { description, description_text });
  if (include.includes('stats')) out.stats = stats;
  if (include.includes('requester')) {
    const c = ctx.find('contacts', (r) => r.id === ticket.requester_id);
    out.requester = c && { id: c.id, name: c.name, email: c.email, mobile: c.mobile, phone: c.phone };
  }
  if (include.includes('company'))
    out.company = ctx.find('companies', (r) => r.id === ticket.company_id) ?? {};
  if (!list && include.includes('conversations'))
    out.conversations = ctx
      .records('conversations')
      .filter((c) => c.ticket_id === ticket.id)
      .slice(0, 10);
  return out;
}
