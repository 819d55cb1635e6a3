/**
 * Help Scout's writes: creates answer 201 with the new id in `Resource-ID` (and `Location`) and no
 * body; updates are ONE JSON Patch operation per PATCH and answer 204. Each write announces the
 * webhook event Help Scout sends for it.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorContext, EmulatorKit, ProviderObject } from '../kit/described';
import { ProviderValidationError } from '../kit/described';
import { announceEvent } from './webhooks';

export const API = 'https://api.helpscout.net/v2';
const STATUSES = ['active', 'pending', 'closed', 'spam'];

/** A field error in Help Scout's vnd.error body. */
export class HelpScoutInvalid extends ProviderValidationError {
  constructor(
    readonly path: string,
    message: string,
    readonly rejectedValue: unknown = null,
  ) {
    super(message);
  }
}

/** Help Scout's times have no milliseconds. */
export const stamp = (ctx: EmulatorContext) => ctx.now().replace(/\.\d+Z$/, 'Z');

export const created = (reply: FastifyReply, path: string, id: number) =>
  reply
    .status(201)
    .headers({ 'resource-id': String(id), location: `${API}/${path}/${id}` })
    .send();

export function numberOf(value: unknown, path: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new HelpScoutInvalid(path, 'must be a valid id', value);
  return n;
}

export function mustExist(ctx: EmulatorContext, collection: string, id: number, path: string) {
  if (!ctx.find(collection, (r) => r.id === id)) throw new HelpScoutInvalid(path, 'does not exist', id);
}

export interface Patch {
  op?: string;
  path?: string;
  value?: unknown;
}

/** One JSON Patch operation on a conversation; the event it fires, if any. */
function patchConversation(c: ProviderObject, patch: Patch, ctx: EmulatorContext): string | undefined {
  const { op, path, value } = patch;
  if (op === 'replace' && path === '/subject') {
    if (typeof value !== 'string' || value.trim() === '')
      throw new HelpScoutInvalid('value', 'may not be empty', value);
    c.subject = value;
    return undefined; // Help Scout has no webhook for a changed subject
  }
  if (op === 'replace' && path === '/status') {
    if (!STATUSES.includes(String(value)))
      throw new HelpScoutInvalid('value', `must be one of ${STATUSES.join(', ')}`, value);
    c.status = value;
    c.closedAt = value === 'closed' ? ctx.now().replace(/\.\d+Z$/, 'Z') : null;
    return 'convo.status';
  }
  if (op === 'replace' && path === '/assignTo') {
    const id = numberOf(value, 'value');
    mustExist(ctx, 'users', id, 'value');
    c.assigneeId = id;
    return 'convo.assigned';
  }
  if (op === 'remove' && path === '/assignTo') {
    c.assigneeId = null;
    return 'convo.assigned';
  }
  if (op === 'move' && path === '/mailboxId') {
    const id = numberOf(value, 'value');
    mustExist(ctx, 'mailboxes', id, 'value');
    c.mailboxId = id;
    return 'convo.moved';
  }
  if (op === 'replace' && path === '/primaryCustomer.id') {
    const id = numberOf(value, 'value');
    mustExist(ctx, 'customers', id, 'value');
    c.primaryCustomerId = id;
    return undefined;
  }
  throw new HelpScoutInvalid('op', `Unsupported operation ${String(op)} on ${String(path)}`, patch);
}

export function helpScoutWrites(app: FastifyInstance, kit: EmulatorKit): void {
  const conversationOf = (ctx: EmulatorContext) =>
    ctx.find('conversations', (c) => String(c.id) === ctx.params.id);

  app.patch('/v2/conversations/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const c = conversationOf(ctx);
    if (!c) return kit.notFound(reply, 'conversations');
    const patch = request.body as Patch | null;
    if (!patch || typeof patch !== 'object' || Array.isArray(patch))
      throw new HelpScoutInvalid('op', 'A single JSON Patch operation is expected', patch);
    const event = patchConversation(c, patch, ctx);
    c.userUpdatedAt = stamp(ctx);
    if (event) announceEvent(kit, 'conversations', event, c, ctx);
    return reply.status(204).send();
  });

  app.put('/v2/conversations/:id/tags', async (request, reply) => {
    const ctx = kit.context(request);
    const c = conversationOf(ctx);
    if (!c) return kit.notFound(reply, 'conversations');
    const tags = (request.body as { tags?: unknown } | null)?.tags;
    if (!Array.isArray(tags)) throw new HelpScoutInvalid('tags', 'may not be null', tags);
    for (const name of tags.map(String))
      if (!ctx.find('tags', (t) => t.name === name))
        ctx.records('tags').push({
          id: ctx.nextId('tags'),
          slug: name,
          name,
          color: '#a5b2bd',
          createdAt: stamp(ctx),
          updatedAt: stamp(ctx),
          ticketCount: 0,
        });
    c.tags = tags.map(String);
    announceEvent(kit, 'conversations', 'convo.tags', c, ctx);
    return reply.status(204).send();
  });

  app.delete('/v2/conversations/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const c = conversationOf(ctx);
    if (!c) return kit.notFound(reply, 'conversations');
    announceEvent(kit, 'conversations', 'convo.deleted', c, ctx);
    const all = ctx.records('conversations');
    all.splice(all.indexOf(c), 1);
    return reply.status(204).send();
  });

  // Notes, replies and customer threads: the conversation's newest thread.
  for (const [segment, type, event] of [
    ['notes', 'note', 'convo.note.created'],
    ['reply', 'message', 'convo.agent.reply.created'],
    ['customer', 'customer', 'convo.customer.reply.created'],
  ] as const)
    app.post(`/v2/conversations/:id/${segment}`, async (request, reply) => {
      const ctx = kit.context(request);
      const c = conversationOf(ctx);
      if (!c) return kit.notFound(reply, 'conversations');
      const body = (request.body ?? {}) as { text?: unknown; user?: unknown; customer?: { id?: unknown } };
      if (typeof body.text !== 'string' || body.text === '')
        throw new HelpScoutInvalid('text', 'may not be empty');
      const user = body.user === undefined ? 428001 : numberOf(body.user, 'user');
      mustExist(ctx, 'users', user, 'user');
      let customerId = c.primaryCustomerId;
      if (type !== 'note') {
        customerId = numberOf(body.customer?.id, 'customer.id');
        mustExist(ctx, 'customers', customerId as number, 'customer.id');
      }
      const thread = {
        id: ctx.nextId('threads'),
        conversationId: c.id,
        type,
        status: c.status,
        state: 'published',
        action: null,
        body: body.text,
        source: { type: type === 'note' ? 'web' : 'email', via: type === 'customer' ? 'customer' : 'user' },
        customerId,
        createdBy: type === 'customer' ? { id: customerId, type: 'customer' } : { id: user, type: 'user' },
        assignedToId: c.assigneeId,
        to: [],
        cc: [],
        bcc: [],
        createdAt: stamp(ctx),
      };
      ctx.records('threads').push(thread);
      c.userUpdatedAt = stamp(ctx);
      announceEvent(kit, 'conversations', event, c, ctx);
      return created(reply, `conversations/${String(c.id)}/threads`, thread.id);
    });

  app.post('/v2/conversations', async (request, reply) => {
    const ctx = kit.context(request);
    const body = (request.body ?? {}) as Record<string, unknown> & {
      customer?: { id?: unknown };
      threads?: { type?: string; text?: string }[];
    };
    if (typeof body.subject !== 'string' || body.subject === '')
      throw new HelpScoutInvalid('subject', 'may not be empty');
    const customerId = numberOf(body.customer?.id, 'customer.id');
    mustExist(ctx, 'customers', customerId, 'customer.id');
    const mailboxId = numberOf(body.mailboxId, 'mailboxId');
    mustExist(ctx, 'mailboxes', mailboxId, 'mailboxId');
    if (!['email', 'chat', 'phone'].includes(String(body.type)))
      throw new HelpScoutInvalid('type', 'must be email, chat or phone', body.type);
    if (!['active', 'pending', 'closed'].includes(String(body.status)))
      throw new HelpScoutInvalid('status', 'must be active, pending or closed', body.status);
    if (!Array.isArray(body.threads) || body.threads.length === 0)
      throw new HelpScoutInvalid('threads', 'may not be empty');
    const assigneeId = body.assignTo === undefined ? null : numberOf(body.assignTo, 'assignTo');
    if (assigneeId) mustExist(ctx, 'users', assigneeId, 'assignTo');
    const id = ctx.nextId('conversations');
    const conversation: ProviderObject = {
      id,
      number: ctx.nextId('conversations', 'number'),
      type: body.type,
      folderId: 6_100_001,
      status: body.status,
      state: 'published',
      subject: body.subject,
      mailboxId,
      assigneeId,
      createdBy: { id: customerId, type: 'customer' },
      primaryCustomerId: customerId,
      createdAt: stamp(ctx),
      closedAt: body.status === 'closed' ? stamp(ctx) : null,
      closedBy: 0,
      userUpdatedAt: stamp(ctx),
      source: { type: 'api', via: 'user' },
      tags: Array.isArray(body.tags) ? body.tags.map(String) : [],
      customFields: [],
    };
    ctx.records('conversations').push(conversation);
    body.threads.forEach((t) =>
      ctx.records('threads').push({
        id: ctx.nextId('threads'),
        conversationId: id,
        type: t.type === 'note' ? 'note' : t.type === 'reply' ? 'message' : 'customer',
        status: body.status,
        state: 'published',
        action: null,
        body: t.text ?? '',
        source: { type: 'api', via: t.type === 'customer' ? 'customer' : 'user' },
        customerId,
        createdBy: { id: customerId, type: 'customer' },
        assignedToId: assigneeId,
        to: [],
        cc: [],
        bcc: [],
        createdAt: stamp(ctx),
      }),
    );
    announceEvent(kit, 'conversations', 'convo.created', conversation, ctx);
    return created(reply, 'conversations', id);
  });
}
