import { takeUploads } from './attachments';
import type { ZendeskContext } from './context';
import { recordInvalid, type FieldError } from './http';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
  type ZdComment,
  type ZdTicket,
  type ZdUser,
} from './model';

/** The `comment` of a ticket write: how Zendesk creates comments (there is no comment create endpoint). */
export interface CommentInput {
  body?: string;
  html_body?: string;
  public?: boolean;
  author_id?: number;
  /** Upload tokens (POST /api/v2/uploads) whose files the comment carries. */
  uploads?: unknown;
}

const DEFAULT_STATUS_OF: Record<TicketStatus, number> = {
  new: 101,
  open: 102,
  pending: 103,
  hold: 104,
  solved: 105,
  closed: 105,
};

/**
 * Applies a `ticket` write body to a ticket, the way Zendesk validates it: unknown enumerations,
 * users, groups and statuses are 422 RecordInvalid with per-attribute details; nothing is changed
 * when any attribute is invalid.
 */
export function applyTicketInput(
  ctx: ZendeskContext,
  current: ZdTicket,
  input: Record<string, unknown>,
): ZdTicket {
  const next: ZdTicket = {
    ...current,
    tags: [...current.tags],
    custom_fields: current.custom_fields.map((f) => ({ ...f })),
  };
  const errors: Record<string, FieldError[]> = {};
  const fail = (field: string, description: string, error = 'InvalidValue') => {
    (errors[field] ??= []).push({ description, error });
  };
  const has = (key: string) => Object.prototype.hasOwnProperty.call(input, key);
  const userId = (key: string, label: string, staffOnly: boolean): number | null | undefined => {
    if (!has(key)) return undefined;
    const value = input[key];
    if (value === null) return null;
    const user = ctx.state.users.get(Number(value));
    if (!user) fail(key.replace(/_id$/, ''), `${label}: ${String(value)} is not a known user`);
    else if (staffOnly && user.role === 'end-user')
      fail(key.replace(/_id$/, ''), `${label}: ${user.name} is not an agent`);
    return Number(value);
  };

  if (has('subject')) {
    if (typeof input.subject !== 'string') fail('subject', 'Subject: must be text');
    else next.subject = input.subject;
  }
  if (has('priority')) {
    const value = input.priority;
    if (value === null || value === '') next.priority = null;
    else if (!TICKET_PRIORITIES.includes(value as TicketPriority))
      fail('priority', `Priority: ${String(value)} is not valid`);
    else next.priority = value as TicketPriority;
  }
  if (has('type')) {
    const value = input.type;
    if (value === null || value === '') next.type = null;
    else if (!TICKET_TYPES.includes(value as TicketType)) fail('type', `Type: ${String(value)} is not valid`);
    else next.type = value as TicketType;
  }
  if (has('status')) {
    const value = input.status as TicketStatus;
    if (!TICKET_STATUSES.includes(value)) fail('status', `Status: ${String(value)} is not valid`);
    else {
      next.status = value;
      next.custom_status_id = DEFAULT_STATUS_OF[value];
    }
  }
  if (has('custom_status_id')) {
    const status = ctx.state.customStatuses.get(Number(input.custom_status_id));
    if (!status || !status.active)
      fail('custom_status_id', `Custom status: ${String(input.custom_status_id)} is not valid`);
    else {
      next.custom_status_id = status.id;
      if (!(next.status === 'closed' && status.status_category === 'solved'))
        next.status = status.status_category;
    }
  }
  const requester = userId('requester_id', 'Requester', false);
  if (requester !== undefined && requester !== null) next.requester_id = requester;
  const submitter = userId('submitter_id', 'Submitter', false);
  if (submitter !== undefined && submitter !== null) next.submitter_id = submitter;
  const assignee = userId('assignee_id', 'Assignee', true);
  if (assignee !== undefined) next.assignee_id = assignee;
  if (has('group_id')) {
    const id = input.group_id === null ? null : Number(input.group_id);
    if (id !== null && !ctx.state.groups.has(id))
      fail('group', `Group: ${String(input.group_id)} is not valid`);
    else next.group_id = id;
  }
  if (has('organization_id')) {
    const id = input.organization_id === null ? null : Number(input.organization_id);
    if (id !== null && !ctx.state.organizations.has(id))
      fail('organization', `Organization: ${String(id)} is not valid`);
    else next.organization_id = id;
  }
  if (has('brand_id')) {
    if (!ctx.state.brands.has(Number(input.brand_id)))
      fail('brand', `Brand: ${String(input.brand_id)} is not valid`);
    else next.brand_id = Number(input.brand_id);
  }
  if (has('tags')) {
    if (!Array.isArray(input.tags)) fail('tags', 'Tags: must be a list');
    else next.tags = [...new Set(input.tags.map((t) => String(t).trim().toLowerCase().replace(/\s+/g, '_')))];
  }
  if (has('due_at')) {
    const value = input.due_at;
    if (value === null) next.due_at = null;
    else if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      fail('due_at', 'Due date: is not a date');
    else next.due_at = new Date(value).toISOString().replace('.000Z', 'Z');
  }
  if (has('external_id')) next.external_id = input.external_id === null ? null : String(input.external_id);
  if (has('problem_id')) next.problem_id = input.problem_id === null ? null : Number(input.problem_id);
  if (has('collaborator_ids') && Array.isArray(input.collaborator_ids)) {
    next.collaborator_ids = input.collaborator_ids.map(Number);
  }
  if (has('custom_fields')) applyCustomFields(ctx, next, input.custom_fields, fail);
  if (Object.keys(errors).length > 0) throw recordInvalid(errors);
  return next;
}

function applyCustomFields(
  ctx: ZendeskContext,
  ticket: ZdTicket,
  values: unknown,
  fail: (field: string, description: string, error?: string) => void,
): void {
  if (!Array.isArray(values)) return fail('custom_fields', 'Custom fields: must be a list');
  for (const entry of values as { id?: unknown; value?: unknown }[]) {
    const field = ctx.state.ticketFields.get(Number(entry?.id));
    // Zendesk ignores ids that are not custom ticket fields; it validates the values of known ones.
    if (!field || !field.removable) continue;
    const value = entry.value ?? null;
    if (value !== null && field.type === 'integer' && !Number.isInteger(Number(value))) {
      fail(`custom_fields.${field.id}`, `${field.title}: ${String(value)} is not a number`);
      continue;
    }
    if (
      value !== null &&
      field.type === 'tagger' &&
      !field.custom_field_options?.some((o) => o.value === value)
    ) {
      fail(`custom_fields.${field.id}`, `${field.title}: ${String(value)} is not an option`);
      continue;
    }
    if (
      value !== null &&
      field.regexp_for_validation &&
      !new RegExp(field.regexp_for_validation).test(String(value))
    ) {
      fail(`custom_fields.${field.id}`, `${field.title}: ${String(value)} is invalid`);
      continue;
    }
    const slot = ticket.custom_fields.find((f) => f.id === field.id);
    const stored = field.type === 'integer' && value !== null ? Number(value) : value;
    if (slot) slot.value = stored;
    else ticket.custom_fields.push({ id: field.id, value: stored });
  }
}

/** Validates a `comment` object and turns it into a stored comment (or undefined when absent). */
export function commentFromInput(
  ctx: ZendeskContext,
  ticket: ZdTicket,
  input: unknown,
  actor: ZdUser,
): ZdComment | undefined {
  if (input === undefined || input === null) return undefined;
  const comment = input as CommentInput;
  const text = typeof comment.body === 'string' ? comment.body : stripHtml(comment.html_body);
  if (!text || text.trim() === '') {
    throw recordInvalid({ comment: [{ description: 'Comment: cannot be blank', error: 'BlankValue' }] });
  }
  const authorId = comment.author_id !== undefined ? Number(comment.author_id) : actor.id;
  if (!ctx.state.users.has(authorId)) {
    throw recordInvalid({
      comment: [{ description: `Author: ${authorId} is not a known user`, error: 'InvalidValue' }],
    });
  }
  const attachments = takeUploads(ctx, comment.uploads);
  const id = ctx.nextId();
  return {
    id,
    ticket_id: ticket.id,
    author_id: authorId,
    body: text,
    html_body:
      typeof comment.html_body === 'string'
        ? comment.html_body
        : `<div class="zd-comment" dir="auto"><p dir="auto">${escapeHtml(text)}</p></div>`,
    public: comment.public !== false,
    channel: 'api',
    created_at: ctx.timestamp(),
    audit_id: ctx.nextId(),
    attachments,
  };
}

function stripHtml(html: unknown): string | undefined {
  return typeof html === 'string' ? html.replace(/<[^>]*>/g, '').trim() : undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
