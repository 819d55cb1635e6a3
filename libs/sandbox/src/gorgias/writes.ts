/**
 * What Gorgias accepts and refuses in writes. Its refusals are 400s whose body names each bad field the
 * way its (marshmallow) validation does: `{"error": {"msg": "...", "data": {"field": ["message"]}}}`.
 */
import { ProviderValidationError, type EmulatorContext, type ProviderObject } from '../kit/described';
import { personRef, sentAt } from './seed';

export class GorgiasInvalid extends ProviderValidationError {
  constructor(readonly fields: Record<string, string[]>) {
    super(
      Object.entries(fields)
        .map(([f, m]) => `${f}: ${m.join(' ')}`)
        .join('; '),
    );
  }
}

export const errorBody = (msg: string, data?: unknown) => ({ error: { msg, ...(data ? { data } : {}) } });

// The kit reports an error with a status by its message only: a 409 carries its field in it.
const CONFLICT = 'gorgias-conflict:';

/** 409: another record already uses this identifier (a customer's e-mail, a tag's or team's name). */
function conflict(field: string): never {
  throw Object.assign(new Error(`${CONFLICT}${field}`), { statusCode: 409 });
}

/** The body of a 4xx the kit reports by message: a conflict, malformed JSON, a bad cursor. */
export function badRequestBody(message: string): unknown {
  if (message.startsWith(CONFLICT)) {
    const field = message.slice(CONFLICT.length);
    return errorBody('Conflict', { [field]: [`This ${field} is already in use.`] });
  }
  return errorBody(message);
}

const MISSING = 'Missing data for required field.';
function refuse(field: string, message: string): never {
  throw new GorgiasInvalid({ [field]: [message] });
}

const ref = (value: unknown, field: string): number | undefined => {
  if (value === undefined || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  if (typeof value !== 'object' || !Number.isInteger(id))
    refuse(field, 'Not a valid object with an integer id.');
  return id as number;
};

/** A person or team an input points at, embedded the way Gorgias embeds it; unknown ids are refused. */
function embed(
  ctx: EmulatorContext,
  collection: string,
  value: unknown,
  field: string,
): ProviderObject | null | undefined {
  if (value === null) return null;
  const id = ref(value, field);
  if (id === undefined) return undefined;
  const found = ctx.find(collection, (r) => r.id === id);
  if (!found) refuse(field, `Object with id=${id} does not exist.`);
  return collection === 'teams'
    ? { id: found.id, name: found.name, decoration: found.decoration }
    : personRef(found);
}

const STATUSES = ['open', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'critical'];

function tagsOf(ctx: EmulatorContext, value: unknown): ProviderObject[] {
  if (!Array.isArray(value)) refuse('tags', 'Not a valid list.');
  return (value as { name?: string; id?: number }[]).map((t) => {
    const tag = ctx.find('tags', (r) => r.id === t.id || r.name === t.name);
    if (tag) return { id: tag.id, name: tag.name, uri: tag.uri, decoration: tag.decoration };
    if (!t.name) refuse('tags', MISSING);
    // Gorgias creates a tag named on a ticket that does not exist yet.
    const created = {
      id: ctx.nextId('tags'),
      uri: '',
      name: t.name,
      description: null,
      decoration: null,
      usage: 1,
      created_datetime: ctx.now(),
      deleted_datetime: null,
    };
    created.uri = `/api/tags/${created.id}/`;
    ctx.records('tags').push(created);
    return { id: created.id, name: created.name, uri: created.uri, decoration: null };
  });
}

/** Gorgias datetimes: naive ISO-8601 in UTC with microseconds. */
export const gorgiasNow = (ctx: EmulatorContext) => ctx.now().replace(/\.(\d{3})Z$/, '.$1000');

function ticketChanges(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const changes: ProviderObject = {};
  if (input.subject !== undefined) changes.subject = input.subject;
  if (input.status !== undefined) {
    if (!STATUSES.includes(String(input.status))) refuse('status', `Must be one of: ${STATUSES.join(', ')}.`);
    changes.status = input.status;
  }
  if (input.priority !== undefined) {
    if (!PRIORITIES.includes(String(input.priority)))
      refuse('priority', `Must be one of: ${PRIORITIES.join(', ')}.`);
    changes.priority = input.priority;
  }
  if (input.customer !== undefined) changes.customer = embed(ctx, 'customers', input.customer, 'customer');
  if (input.assignee_user !== undefined)
    changes.assignee_user = embed(ctx, 'users', input.assignee_user, 'assignee_user');
  if (input.assignee_team !== undefined)
    changes.assignee_team = embed(ctx, 'teams', input.assignee_team, 'assignee_team');
  if (input.tags !== undefined) changes.tags = tagsOf(ctx, input.tags);
  if (input.custom_fields !== undefined) changes.custom_fields = input.custom_fields;
  return changes;
}

export function createTicket(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  if (!input.customer) refuse('customer', MISSING);
  const messages = input.messages;
  if (!Array.isArray(messages) || messages.length === 0) refuse('messages', MISSING);
  const now = gorgiasNow(ctx);
  const id = ctx.nextId('tickets');
  const first = (messages as ProviderObject[])[0];
  const ticket: ProviderObject = {
    id,
    uri: `/api/tickets/${id}/`,
    external_id: input.external_id ?? null,
    language: null,
    status: 'open',
    priority: 'normal',
    channel: input.channel ?? 'api',
    via: input.via ?? 'api',
    from_agent: input.from_agent ?? false,
    assignee_user: null,
    assignee_team: null,
    subject: null,
    excerpt: String(first.body_text ?? '').slice(0, 200),
    integrations: [],
    meta: null,
    tags: [],
    messages_count: 0,
    is_unread: true,
    spam: false,
    custom_fields: {},
    created_datetime: now,
    opened_datetime: null,
    last_received_message_datetime: now,
    last_message_datetime: now,
    updated_datetime: now,
    closed_datetime: null,
    snooze_datetime: null,
    trashed_datetime: null,
    ...ticketChanges(input, ctx),
  };
  if (ticket.status === 'closed') ticket.closed_datetime = now;
  return ticket;
}

export function updateTicket(
  ticket: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  const now = gorgiasNow(ctx);
  const updated: ProviderObject = { ...ticket, ...ticketChanges(input, ctx), updated_datetime: now };
  if (updated.status === 'closed' && ticket.status !== 'closed') updated.closed_datetime = now;
  if (updated.status === 'open') updated.closed_datetime = null;
  return updated;
}

/** A message on a ticket: needs a channel, a sender and a body; internal notes are never public. */
export function writeMessage(create: boolean) {
  return (input: ProviderObject, ctx: EmulatorContext, message?: ProviderObject): ProviderObject => {
    const now = gorgiasNow(ctx);
    if (message) {
      const body = input.body_text ?? message.body_text;
      return {
        ...message,
        body_text: body,
        stripped_text: body,
        body_html: input.body_html ?? message.body_html,
        stripped_html: input.body_html ?? message.stripped_html,
      };
    }
    if (!create) return input;
    if (!input.channel) refuse('channel', MISSING);
    if (input.from_agent === undefined) refuse('from_agent', MISSING);
    if (!input.body_text && !input.body_html)
      refuse('body_text', 'Either body_text or body_html is required.');
    const sender = embed(ctx, input.from_agent ? 'users' : 'customers', input.sender, 'sender');
    if (!sender) refuse('sender', MISSING);
    const ticketId = Number(ctx.params.ticket);
    const id = ctx.nextId('messages');
    const internal = input.channel === 'internal-note';
    const ticket = ctx.find('tickets', (t) => t.id === ticketId);
    if (ticket)
      Object.assign(ticket, {
        messages_count: Number(ticket.messages_count) + 1,
        updated_datetime: now,
        last_message_datetime: now,
      });
    return {
      id,
      uri: `/api/tickets/${ticketId}/messages/${id}/`,
      message_id: null,
      ticket_id: ticketId,
      external_id: null,
      public: !internal,
      channel: input.channel,
      via: input.via ?? 'api',
      source: input.source ?? { type: input.channel },
      sender,
      receiver: null,
      integration_id: null,
      subject: input.subject ?? null,
      body_text: input.body_text ?? null,
      body_html: input.body_html ?? null,
      stripped_text: input.body_text ?? null,
      stripped_html: input.body_html ?? null,
      stripped_signature: null,
      attachments: [],
      actions: null,
      macros: [],
      meta: null,
      from_agent: input.from_agent,
      ...sentAt(now),
    };
  };
}

export function writeCustomer(
  input: ProviderObject,
  ctx: EmulatorContext,
  customer?: ProviderObject,
): ProviderObject {
  const now = gorgiasNow(ctx);
  const email = input.email ?? customer?.email ?? null;
  if (email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(email)))
    refuse('email', 'Not a valid email address.');
  if (email && ctx.find('customers', (c) => c.email === email && c.id !== customer?.id)) conflict('email');
  const id = customer?.id ?? ctx.nextId('customers');
  const channels = Array.isArray(input.channels)
    ? (input.channels as ProviderObject[]).map((c, i) => ({
        id: Number(id) * 10 + i + 1,
        type: c.type,
        address: c.address,
        preferred: c.preferred ?? i === 0,
        created_datetime: now,
        updated_datetime: now,
      }))
    : (customer?.channels ??
      (email
        ? [
            {
              id: Number(id) * 10 + 1,
              type: 'email',
              address: email,
              preferred: true,
              created_datetime: now,
              updated_datetime: now,
            },
          ]
        : []));
  return {
    external_id: null,
    active: true,
    language: null,
    timezone: null,
    note: null,
    data: null,
    meta: null,
    integrations: {},
    created_datetime: now,
    firstname: null,
    lastname: null,
    name: null,
    ...customer,
    ...Object.fromEntries(
      ['name', 'firstname', 'lastname', 'note', 'language', 'timezone', 'external_id']
        .filter((k) => input[k] !== undefined)
        .map((k) => [k, input[k]]),
    ),
    id,
    email,
    channels,
    updated_datetime: now,
  };
}

/** Teams and tags: a name is required and unique. */
export function writeNamed(collection: 'teams' | 'tags') {
  return (input: ProviderObject, ctx: EmulatorContext, existing?: ProviderObject): ProviderObject => {
    if (!existing && !input.name) refuse('name', MISSING);
    if (
      input.name !== undefined &&
      ctx.find(collection, (r) => r.name === input.name && r.id !== existing?.id)
    )
      conflict('name');
    const id = existing?.id ?? ctx.nextId(collection);
    const base =
      existing ??
      (collection === 'teams'
        ? { description: null, decoration: null, members: [], created_datetime: gorgiasNow(ctx) }
        : {
            description: null,
            decoration: null,
            usage: 0,
            created_datetime: gorgiasNow(ctx),
            deleted_datetime: null,
          });
    const changes = Object.fromEntries(
      ['name', 'description', 'decoration'].filter((k) => input[k] !== undefined).map((k) => [k, input[k]]),
    );
    return { ...base, ...changes, id, uri: `/api/${collection}/${String(id)}/` };
  };
}
