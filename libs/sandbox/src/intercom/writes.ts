/**
 * What the Intercom emulator accepts on writes, and what it refuses the way Intercom does (400
 * `parameter_invalid` / `ticket_state_id_invalid`, 404 `assignee_not_found` / `admin_not_found` …).
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { failure, IntercomInvalid, unix } from './render';
import { INTERCOM_WORKSPACE_ID, ticketType } from './seed';
import { contact } from './seed-people';

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** Hex ids like Intercom's: a fixed prefix and a counter one past the largest ever seen here. */
export function nextHexId(ctx: EmulatorContext, collection: string): string {
  const records = ctx.records(collection);
  const prefix = String(records[0]?.id ?? '6762f0000000000000000000').slice(0, 18);
  const max = Math.max(
    0,
    ...records.map((r) => parseInt(String(r.id).slice(18), 16)).filter(Number.isFinite),
  );
  return `${prefix}${(max + 1).toString(16).padStart(6, '0')}`;
}

function attributesFor(type: ProviderObject, input: unknown, creating: boolean): ProviderObject {
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input)))
    throw new IntercomInvalid('ticket_attributes must be an object');
  const given = (input ?? {}) as ProviderObject;
  const known = (type.ticket_type_attributes as { data: ProviderObject[] }).data;
  for (const name of Object.keys(given))
    if (!known.some((a) => a.name === name))
      throw new IntercomInvalid(`Ticket attribute ${name} is not defined for the ticket type`);
  if (creating)
    for (const a of known)
      if (a.required_to_create && (given[String(a.name)] === undefined || given[String(a.name)] === ''))
        throw new IntercomInvalid(`Ticket attribute ${String(a.name)} is required`);
  return given;
}

function contactFor(ctx: EmulatorContext, ref: ProviderObject): string {
  const found =
    (ref.id !== undefined && ctx.find('contacts', (c) => c.id === ref.id)) ||
    (ref.external_id !== undefined && ctx.find('contacts', (c) => c.external_id === ref.external_id)) ||
    (ref.email !== undefined && ctx.find('contacts', (c) => c.email === ref.email));
  if (found) return String(found.id);
  // "If a contact with this email does not exist, one will be created."
  if (typeof ref.email !== 'string')
    throw new IntercomInvalid('Contact not found or could not be created', 'data_invalid');
  const created = contact(nextHexId(ctx, 'contacts'), null, ref.email, 'user', unix(ctx));
  ctx.records('contacts').push(created);
  return String(created.id);
}

export function createTicket(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const type = ctx.find('ticket_types', (t) => t.id === str(input.ticket_type_id));
  if (input.ticket_type_id === undefined) throw new IntercomInvalid('ticket_type_id is required');
  if (!type || type.archived) throw new IntercomInvalid('Ticket type not found', 'ticket_type_not_found');
  if (!Array.isArray(input.contacts) || input.contacts.length === 0)
    throw new IntercomInvalid('contacts is required');
  if (input.contacts.length > 1) throw new IntercomInvalid('Only one contact is allowed');
  const contacts = (input.contacts as ProviderObject[]).map((ref) => contactFor(ctx, ref));
  const company = str(input.company_id);
  if (company && !ctx.find('companies', (c) => c.id === company)) throw failure(404, 'Company Not Found');
  const assignment = (input.assignment ?? {}) as ProviderObject;
  const admin = str(assignment.admin_assignee_id);
  const team = str(assignment.team_assignee_id);
  if (admin && !ctx.find('admins', (a) => a.id === admin)) throw failure(404, 'Assignee not found');
  if (team && !ctx.find('teams', (t) => t.id === team)) throw failure(404, 'Assignee not found');
  const now = typeof input.created_at === 'number' ? input.created_at : unix(ctx);
  const category = String(type.category);
  return {
    type: 'ticket',
    id: String(ctx.nextId('tickets')),
    ticket_id: String(ctx.nextId('tickets', 'ticket_id')),
    ticket_attributes: { _default_description_: null, ...attributesFor(type, input.ticket_attributes, true) },
    ticket_state_id: '8321',
    ticket_type_id: String(type.id),
    contact_ids: contacts,
    company_id: company ?? null,
    admin_assignee_id: admin ? Number(admin) : 0,
    team_assignee_id: team ? Number(team) : 0,
    created_at: now,
    updated_at: now,
    open: true,
    linked_objects: { type: 'list', data: [], total_count: 0, has_more: false },
    category,
    is_shared: category === 'Customer',
    previous_ticket_state_id: null,
  };
}

export function updateTicket(
  ticket: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  const next: ProviderObject = { ...ticket, updated_at: unix(ctx) };
  const type = ctx.find('ticket_types', (t) => t.id === ticket.ticket_type_id)!;
  if (input.admin_id !== undefined && !ctx.find('admins', (a) => a.id === str(input.admin_id)))
    throw failure(404, 'Admin not found');
  if (input.ticket_attributes !== undefined)
    next.ticket_attributes = {
      ...(ticket.ticket_attributes as object),
      ...attributesFor(type, input.ticket_attributes, false),
    };
  const stateId = str(input.ticket_state_id);
  if (stateId !== undefined && stateId !== ticket.ticket_state_id) {
    const state = ctx.find('ticket_states', (s) => s.id === stateId);
    if (!state || !(state.ticket_type_ids as string[]).includes(String(ticket.ticket_type_id)))
      throw new IntercomInvalid(
        'Ticket state id is not valid or is not associated with the ticket type',
        'ticket_state_id_invalid',
      );
    Object.assign(next, {
      ticket_state_id: stateId,
      previous_ticket_state_id: ticket.ticket_state_id,
      open: state.category !== 'resolved',
    });
  }
  if (input.open !== undefined) next.open = Boolean(input.open);
  if (input.is_shared !== undefined) next.is_shared = Boolean(input.is_shared);
  if (input.snoozed_until !== undefined) next.snoozed_until = input.snoozed_until;
  if (input.company_id !== undefined) {
    const company = str(input.company_id);
    if (company && !ctx.find('companies', (c) => c.id === company)) throw failure(404, 'Company Not Found');
    next.company_id = company ?? null;
  }
  const assignee = str(input.assignee_id);
  if (assignee === '0') next.admin_assignee_id = 0;
  else if (assignee !== undefined) {
    if (ctx.find('admins', (a) => a.id === assignee)) next.admin_assignee_id = Number(assignee);
    else if (ctx.find('teams', (t) => t.id === assignee)) next.team_assignee_id = Number(assignee);
    else throw failure(404, 'Assignee not found');
  }
  return next;
}

const CATEGORIES = ['Customer', 'Back-office', 'Tracker'];

export function createTicketType(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  if (typeof input.name !== 'string' || input.name.trim() === '')
    throw new IntercomInvalid('Name is required');
  if (ctx.find('ticket_types', (t) => t.name === input.name))
    throw new IntercomInvalid('A ticket type with this name already exists');
  const category = str(input.category) ?? 'Customer';
  if (!CATEGORIES.includes(category))
    throw new IntercomInvalid(`category must be one of ${CATEGORIES.join(', ')}`);
  const id = ctx.nextId('ticket_types');
  const created = ticketType(
    id,
    input.name,
    str(input.description) ?? '',
    category,
    str(input.icon) ?? '🎟️',
    [],
    unix(ctx),
  );
  created.is_internal = Boolean(input.is_internal);
  created.workspace_id = INTERCOM_WORKSPACE_ID;
  // New types take the workspace's default states.
  for (const state of ctx.records('ticket_states'))
    if (['8321', '8322', '8323', '8324'].includes(String(state.id)))
      (state.ticket_type_ids as string[]).push(String(id));
  return created;
}

export function updateTicketType(
  type: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  if (input.category !== undefined && !CATEGORIES.includes(String(input.category)))
    throw new IntercomInvalid(`category must be one of ${CATEGORIES.join(', ')}`);
  const fields = ['name', 'description', 'category', 'icon', 'archived', 'is_internal'];
  const changes = Object.fromEntries(fields.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
  return { ...type, ...changes, updated_at: unix(ctx) };
}

const CONTACT_FIELDS = [
  'role',
  'external_id',
  'email',
  'phone',
  'name',
  'avatar',
  'signed_up_at',
  'last_seen_at',
  'owner_id',
  'unsubscribed_from_emails',
  'custom_attributes',
  'email_verified',
];

function contactChanges(input: ProviderObject, ctx: EmulatorContext, self?: string): ProviderObject {
  for (const key of Object.keys(input))
    if (!CONTACT_FIELDS.includes(key)) throw new IntercomInvalid(`bad '${key}' parameter`, 'bad_request');
  if (input.role !== undefined && !['user', 'lead'].includes(String(input.role)))
    throw new IntercomInvalid('role must be user or lead');
  const email = str(input.email);
  const clash = email && ctx.find('contacts', (c) => c.email === email && c.id !== self && c.role === 'user');
  if (clash)
    throw failure(409, `A contact matching those details already exists with id=${String(clash.id)}`);
  const { email_verified: _verified, ...changes } = input;
  return changes;
}

export function createContact(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  if (input.email === undefined && input.external_id === undefined && input.role === undefined)
    throw new IntercomInvalid('email, external_id or role is required', 'parameter_not_found');
  const changes = contactChanges(input, ctx);
  return contact(nextHexId(ctx, 'contacts'), null, null, String(input.role ?? 'user'), unix(ctx), {
    ...changes,
    external_id: changes.external_id ?? null,
  });
}

export function updateContact(
  record: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  return { ...record, ...contactChanges(input, ctx, String(record.id)), updated_at: unix(ctx) };
}

const COMPANY_FIELDS = [
  'name',
  'company_id',
  'plan',
  'size',
  'website',
  'industry',
  'custom_attributes',
  'remote_created_at',
  'update_last_request_at',
  'monthly_spend',
];

/** The attributes of a company create-or-update (`POST /companies`) or update (`PUT /companies/{id}`). */
export function companyChanges(
  input: ProviderObject,
  ctx: EmulatorContext,
  creating: boolean,
): ProviderObject {
  for (const key of Object.keys(input))
    if (!COMPANY_FIELDS.includes(key) || (!creating && ['company_id', 'remote_created_at'].includes(key)))
      throw new IntercomInvalid(`bad '${key}' parameter`, 'bad_request');
  const { plan, update_last_request_at, ...rest } = input;
  return {
    ...rest,
    ...(plan !== undefined
      ? { plan: { type: 'plan', id: String(Math.abs(hash(String(plan)))), name: plan } }
      : {}),
    ...(update_last_request_at ? { last_request_at: unix(ctx) } : {}),
    ...(typeof input.monthly_spend === 'number' ? { monthly_spend: Math.trunc(input.monthly_spend) } : {}),
  };
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}
