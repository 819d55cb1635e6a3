/**
 * What Front does on writes to conversations and comments: validation with Front's 400s, the records a
 * write adds (a discussion's starter comment), and the events it records — which are also the bodies of
 * its application webhooks (`comment`, `assign`, `archive`, `tag`, `move`, …).
 */
import { randomBytes } from 'node:crypto';
import { ProviderValidationError, type EmulatorContext, type ProviderObject } from '../kit/described';
import { FRONT_API_AUTHOR } from './seed';

type Ctx = EmulatorContext;

const RESOLVED_DEFAULT = 'sts_5z';
const OPEN_DEFAULT = 'sts_5x';
const HIGHLIGHTS = ['grey', 'pink', 'red', 'orange', 'yellow', 'green', 'light-blue', 'blue', 'purple'];

/** Front ids: a type prefix and a short suffix (`cnv_55c8c149`); random, so instances never repeat one. */
export const newFrontId = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

export const seconds = (ctx: Ctx) => Date.parse(ctx.now()) / 1000;

/** Records an event (what GET /events lists and the application webhook sends); returns it. */
export function recordEvent(
  ctx: Ctx,
  conversationId: unknown,
  type: string,
  target: ProviderObject | null,
  source: ProviderObject = { type: 'api' },
): ProviderObject {
  const event = {
    id: newFrontId('evt'),
    type,
    emitted_at: seconds(ctx),
    conversation_id: conversationId,
    source,
    target,
  };
  ctx.records('events').push(event);
  return event;
}

function authorOf(ctx: Ctx, authorId: unknown): string {
  if (authorId === undefined || authorId === null) return String(FRONT_API_AUTHOR.id);
  if (!ctx.find('teammates', (t) => t.id === authorId))
    throw new ProviderValidationError(`author_id: unknown teammate ${String(authorId)}`);
  return String(authorId);
}

/** A comment added to a conversation (POST /conversations/{id}/comments, or a discussion's starter). */
export function addComment(ctx: Ctx, conversation: ProviderObject, input: ProviderObject): ProviderObject {
  if (typeof input.body !== 'string' || input.body.trim() === '')
    throw new ProviderValidationError('body: a non-empty string is required');
  const author = authorOf(ctx, input.author_id);
  const comment = {
    id: newFrontId('com'),
    conversation_id: conversation.id,
    author_id: author,
    body: input.body,
    posted_at: seconds(ctx),
    attachments: [],
    is_pinned: input.is_pinned === true,
  };
  ctx.records('comments').push(comment);
  conversation.updated_at = comment.posted_at;
  const source = author === FRONT_API_AUTHOR.id ? { type: 'api' } : { type: 'teammate', id: author };
  recordEvent(ctx, conversation.id, 'comment', { type: 'comment', id: comment.id }, source);
  return comment;
}

/** POST /conversations: a discussion (starter comment required) or a task, in an inbox or for teammates. */
export function createConversation(input: ProviderObject, ctx: Ctx): ProviderObject {
  if (input.type !== 'discussion' && input.type !== 'task')
    throw new ProviderValidationError('type: must be one of discussion, task');
  if (typeof input.subject !== 'string' || input.subject.trim() === '')
    throw new ProviderValidationError('subject: a non-empty string is required');
  const teammates = input.teammate_ids as unknown[] | undefined;
  if ((input.inbox_id === undefined) === (teammates === undefined))
    throw new ProviderValidationError('Either inbox_id or teammate_ids must be provided (not both)');
  if (input.inbox_id !== undefined && !ctx.find('inboxes', (i) => i.id === input.inbox_id))
    throw new ProviderValidationError(`inbox_id: unknown inbox ${String(input.inbox_id)}`);
  for (const id of teammates ?? []) authorOf(ctx, id);
  const comment = input.comment as ProviderObject | undefined;
  if (input.type === 'discussion' && !comment)
    throw new ProviderValidationError('comment: required for discussions');
  if (input.type !== 'task' && (input.description !== undefined || input.due_at !== undefined))
    throw new ProviderValidationError('description and due_at are only allowed on tasks');
  const now = seconds(ctx);
  checkDueAt(input.due_at, now);
  const number = Math.max(
    100,
    ...ctx
      .records('conversations')
      .map((c) => Number(String((c.ticket_ids as string[])[0]).split('-')[1]) || 0),
  );
  const conversation: ProviderObject = {
    id: newFrontId('cnv'),
    type: input.type,
    subject: input.subject,
    status_id: OPEN_DEFAULT,
    trashed: false,
    ticket_ids: [`TICKET-${number + 1}`],
    assignee_id: null,
    recipient: null,
    tag_ids: [],
    inbox_ids: input.inbox_id !== undefined ? [input.inbox_id] : [],
    links: [],
    custom_fields: (input.custom_fields as ProviderObject) ?? {},
    created_at: now,
    updated_at: now,
    is_private: input.inbox_id === undefined,
    scheduled_reminders: [],
    metadata: {},
    ...(input.type === 'task'
      ? { description: input.description ?? null, due_at: input.due_at ?? null }
      : {}),
  };
  if (comment) addComment(ctx, conversation, comment);
  return conversation;
}

function checkDueAt(dueAt: unknown, now: number): void {
  if (dueAt === undefined || dueAt === null) return;
  if (typeof dueAt !== 'number' || dueAt <= now || dueAt > now + 50 * 365 * 86400)
    throw new ProviderValidationError('due_at: must be a Unix timestamp in the future and within 50 years');
}

type Change = [type: string, target: ProviderObject | null];

/**
 * PATCH /conversations/{id}: applies the update in place and records one event per kind of change,
 * in Front's vocabulary. Throws Front's 400 for what it refuses; nothing is applied then.
 */
export function patchConversation(c: ProviderObject, input: ProviderObject, ctx: Ctx): ProviderObject[] {
  const next = { ...c };
  const changes: Change[] = [];
  if (input.status !== undefined && input.status_id !== undefined)
    throw new ProviderValidationError('Only one of status and status_id should be provided');
  if (input.assignee_id !== undefined) {
    if (input.assignee_id !== null) authorOf(ctx, input.assignee_id);
    if (input.assignee_id !== c.assignee_id) {
      next.assignee_id = input.assignee_id;
      changes.push(
        input.assignee_id === null
          ? ['unassign', null]
          : ['assign', { type: 'teammate', id: input.assignee_id }],
      );
    }
  }
  if (input.inbox_id !== undefined) {
    if (!ctx.find('inboxes', (i) => i.id === input.inbox_id))
      throw new ProviderValidationError(`inbox_id: unknown inbox ${String(input.inbox_id)}`);
    next.inbox_ids = [input.inbox_id];
    changes.push(['move', { type: 'inboxes', ids: [input.inbox_id] }]);
  }
  if (input.status !== undefined) changes.push(...applyStatus(next, String(input.status)));
  if (input.status_id !== undefined) {
    if (!ctx.find('statuses', (s) => s.id === input.status_id))
      throw new ProviderValidationError(`status_id: unknown status ${String(input.status_id)}`);
    if (input.status_id !== c.status_id) changes.push(['ticket_status_update', null]);
    Object.assign(next, { status_id: input.status_id, trashed: false });
  }
  if (input.tag_ids !== undefined) {
    const ids = input.tag_ids as unknown[];
    if (!Array.isArray(ids) || ids.some((id) => !ctx.find('tags', (t) => t.id === id)))
      throw new ProviderValidationError('tag_ids: unknown tag');
    const before = (c.tag_ids as string[]) ?? [];
    for (const id of ids.filter((t) => !before.includes(String(t))))
      changes.push(['tag', { type: 'tag', id }]);
    for (const id of before.filter((t) => !ids.includes(t))) changes.push(['untag', { type: 'tag', id }]);
    next.tag_ids = [...ids];
  }
  if (input.description !== undefined || input.due_at !== undefined) {
    if (c.type !== 'task')
      throw new ProviderValidationError('description and due_at are only allowed on tasks');
    checkDueAt(input.due_at, seconds(ctx));
    if (input.description !== undefined) next.description = input.description;
    if (input.due_at !== undefined) next.due_at = input.due_at;
  }
  if (input.custom_fields !== undefined) {
    next.custom_fields = input.custom_fields;
    changes.push(['custom_field_updated', null]);
  }
  next.updated_at = seconds(ctx);
  Object.assign(c, next);
  return changes.map(([type, target]) => recordEvent(ctx, c.id, type, target));
}

function applyStatus(next: ProviderObject, status: string): Change[] {
  switch (status) {
    case 'archived':
      Object.assign(next, { status_id: RESOLVED_DEFAULT, trashed: false });
      return [['archive', null]];
    case 'open': {
      const wasTrashed = next.trashed === true;
      Object.assign(next, { status_id: OPEN_DEFAULT, trashed: false });
      return [[wasTrashed ? 'restore' : 'reopen', null]];
    }
    case 'deleted':
    case 'spam':
      next.trashed = true;
      return [['trash', null]];
    default:
      throw new ProviderValidationError('status: must be one of archived, open, deleted, spam');
  }
}

/** The writable attributes of a tag (POST /tags, PATCH /tags/{id}). */
export function tagAttributes(input: ProviderObject, ctx: Ctx, creating: boolean): ProviderObject {
  const out: ProviderObject = {};
  if (creating || input.name !== undefined) {
    if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 64)
      throw new ProviderValidationError('name: a string of 1 to 64 characters is required');
    out.name = input.name;
  }
  if (input.highlight !== undefined) {
    if (input.highlight !== null && !HIGHLIGHTS.includes(String(input.highlight)))
      throw new ProviderValidationError(`highlight: must be one of ${HIGHLIGHTS.join(', ')}`);
    out.highlight = input.highlight;
  }
  if (input.parent_tag_id !== undefined) {
    if (!ctx.find('tags', (t) => t.id === input.parent_tag_id))
      throw new ProviderValidationError(`parent_tag_id: unknown tag ${String(input.parent_tag_id)}`);
    out.parent_tag_id = input.parent_tag_id;
  }
  if (input.is_visible_in_conversation_lists !== undefined)
    out.is_visible_in_conversation_lists = input.is_visible_in_conversation_lists === true;
  return out;
}

const SOURCES = ['twitter', 'email', 'phone', 'facebook', 'intercom', 'front_chat', 'custom'];

/** The writable attributes of a contact (POST /contacts needs handles; PATCH cannot change them). */
export function contactAttributes(input: ProviderObject, creating: boolean): ProviderObject {
  const out: ProviderObject = {};
  for (const key of ['name', 'description', 'links', 'custom_fields'])
    if (input[key] !== undefined) out[key] = input[key];
  if (creating) {
    const handles = input.handles as ProviderObject[] | undefined;
    if (!Array.isArray(handles) || handles.length === 0)
      throw new ProviderValidationError('handles: at least one handle is required');
    for (const h of handles)
      if (typeof h.handle !== 'string' || !SOURCES.includes(String(h.source)))
        throw new ProviderValidationError(
          `handles: each needs a handle and a source (${SOURCES.join(', ')})`,
        );
    out.handles = handles.map((h) => ({ handle: h.handle, source: h.source }));
  }
  return out;
}
