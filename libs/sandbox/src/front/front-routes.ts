/**
 * Front routes the kit cannot derive: every list (Front's `{_pagination, _links, _results}` envelope,
 * `_links.self` from the request), PATCHes that answer 204, a conversation's comments, messages and
 * events, the permanent delete of a trashed conversation, 403 for a token without write scopes, and
 * Front's 404 body for unknown routes.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  ProviderValidationError,
  type EmulatorContext,
  type EmulatorKit,
  type EmulatorPaging,
  type ProviderObject,
} from '../kit/described';
import { bearerToken } from '../kit/provider-emulator';
import {
  renderAccount,
  renderComment,
  renderContact,
  renderConversation,
  renderEvent,
  renderInbox,
  renderMessage,
  renderStatus,
  renderTag,
  renderTeam,
  renderTeammate,
} from './front-render';
import {
  addComment,
  contactAttributes,
  newFrontId,
  patchConversation,
  seconds,
  tagAttributes,
} from './front-writes';
import { FRONT_READ_ONLY_TOKEN } from './seed';

type Render = (record: ProviderObject, ctx: EmulatorContext) => unknown;

export const FRONT_PAGING: EmulatorPaging = {
  style: 'cursor',
  cursorParam: 'page_token',
  sizeParam: 'limit',
  defaultSize: 50,
  maxSize: 100,
};

export const frontError = (status: number, title: string, message: string) => ({
  _error: { status, title, message },
});

const send = (reply: FastifyReply, status: number, title: string, message: string) =>
  reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send(frontError(status, title, message));

type Order = (a: ProviderObject, b: ProviderObject) => number;
const newestFirst =
  (field: string): Order =>
  (a, b) =>
    Number(b[field]) - Number(a[field]) || String(a.id).localeCompare(String(b.id));
const oldestFirst =
  (field: string): Order =>
  (a, b) =>
    -newestFirst(field)(a, b);

export function frontRoutes(app: FastifyInstance, kit: EmulatorKit): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' && bearerToken(request) === FRONT_READ_ONLY_TOKEN) {
      await send(reply, 403, 'Forbidden', 'The API token lacks the write scope this endpoint requires');
      return reply;
    }
    return undefined;
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, 'Not found', `Unknown route ${request.method} ${request.url.split('?')[0]}`),
  );

  /** A list route: paged like Front (`limit`, `page_token`, `_pagination.next`) or whole. */
  const list = (
    route: string,
    select: (ctx: EmulatorContext) => ProviderObject[] | undefined,
    render: Render,
    paged = true,
  ) =>
    app.get(route, async (request, reply) => {
      const ctx = kit.context(request);
      const records = select(ctx);
      if (!records) return kit.notFound(reply, 'conversations');
      const self = `${ctx.baseUrl()}${request.url.split('?')[0]}`;
      if (!paged) return { _links: { self }, _results: records.map((r) => render(r, ctx)) };
      const page = kit.page(records, FRONT_PAGING, ctx);
      if ('refused' in page) return send(reply, 400, 'Bad request', page.refused);
      return {
        _pagination: { next: page.info.nextUrl ?? null },
        _links: { self },
        _results: page.items.map((r) => render(r, ctx)),
      };
    });
  const conversationOf = (ctx: EmulatorContext) =>
    ctx.find('conversations', (c) => c.id === ctx.params.conversation_id);
  const of = (collection: string, order?: Order) => (ctx: EmulatorContext) =>
    order ? [...ctx.records(collection)].sort(order) : ctx.records(collection);
  /** The records of one conversation (`sort_order=asc` reverses the order), or undefined: 404. */
  const inConversation =
    (collection: string, order: Order, sortable = true) =>
    (ctx: EmulatorContext) =>
      conversationOf(ctx)
        ? ctx
            .records(collection)
            .filter((r) => r.conversation_id === ctx.params.conversation_id)
            .sort(sortable && ctx.query.sort_order === 'asc' ? (a, b) => -order(a, b) : order)
        : undefined;

  // Most recently updated first, as Front lists conversations.
  list('/conversations', of('conversations', newestFirst('updated_at')), renderConversation);
  list(
    '/conversations/:conversation_id/messages',
    inConversation('messages', newestFirst('created_at')),
    renderMessage,
  );
  list(
    '/conversations/:conversation_id/events',
    inConversation('events', newestFirst('emitted_at')),
    renderEvent,
  );
  list('/events', of('events', newestFirst('emitted_at')), renderEvent);
  list('/contacts', of('contacts'), renderContact);
  list('/accounts', of('accounts'), renderAccount);
  list('/tags', of('tags'), renderTag);
  list('/teammates', of('teammates'), renderTeammate, false);
  list('/teams', of('teams'), renderTeam, false);
  list('/inboxes', of('inboxes'), renderInbox, false);
  list('/company/statuses', of('statuses'), renderStatus, false);
  // Front does not page a conversation's comments.
  list(
    '/conversations/:conversation_id/comments',
    inConversation('comments', oldestFirst('posted_at'), false),
    renderComment,
    false,
  );

  app.post('/conversations/:conversation_id/comments', async (request, reply) => {
    const ctx = kit.context(request);
    const conversation = conversationOf(ctx);
    if (!conversation) return kit.notFound(reply, 'conversations');
    const comment = addComment(ctx, conversation, (request.body ?? {}) as ProviderObject);
    announceLatest(kit, ctx, 1);
    return reply.status(201).send(renderComment(comment, ctx));
  });

  app.patch('/conversations/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const conversation = ctx.find('conversations', (c) => c.id === ctx.params.id);
    if (!conversation) return kit.notFound(reply, 'conversations');
    const events = patchConversation(conversation, bodyOf(request.body), ctx);
    for (const event of events) kit.announce('events', 'created', event, ctx);
    return reply.status(204).send();
  });

  app.delete('/conversations/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const conversation = ctx.find('conversations', (c) => c.id === ctx.params.id);
    if (!conversation) return kit.notFound(reply, 'conversations');
    if (!conversation.trashed)
      return send(
        reply,
        400,
        'Bad request',
        'Conversation must have status "trashed" before it can be permanently deleted',
      );
    for (const collection of ['conversations', 'messages', 'comments', 'events']) {
      const records = ctx.records(collection);
      const kept = records.filter((r) => r.id !== conversation.id && r.conversation_id !== conversation.id);
      records.splice(0, records.length, ...kept);
    }
    return reply.status(204).send();
  });

  // The reference documents the trailing slash; Front answers both forms.
  for (const route of ['/comments/:id', '/comments/:id/'])
    app.patch(route, async (request, reply) => {
      const ctx = kit.context(request);
      const comment = ctx.find('comments', (c) => c.id === ctx.params.id);
      if (!comment) return kit.notFound(reply, 'comments');
      const input = bodyOf(request.body);
      if (input.body !== undefined && (typeof input.body !== 'string' || input.body.trim() === ''))
        throw new ProviderValidationError('body: a non-empty string is required');
      if (input.body !== undefined) comment.body = input.body;
      if (input.is_pinned !== undefined) comment.is_pinned = input.is_pinned === true;
      return renderComment(comment, ctx);
    });

  // A child tag: POST /tags takes no parent.
  app.post('/tags/:id/children', async (request, reply) => {
    const ctx = kit.context(request);
    const parent = ctx.find('tags', (t) => t.id === ctx.params.id);
    if (!parent) return kit.notFound(reply, 'tags');
    const { parent_tag_id: _ignored, ...attributes } = tagAttributes(bodyOf(request.body), ctx, true);
    const tag = {
      id: newFrontId('tag'),
      description: null,
      highlight: null,
      is_private: false,
      is_visible_in_conversation_lists: false,
      ...attributes,
      parent_tag_id: parent.id,
      created_at: seconds(ctx),
      updated_at: seconds(ctx),
    };
    ctx.records('tags').push(tag);
    return reply.status(201).send(renderTag(tag, ctx));
  });

  app.patch('/tags/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const tag = ctx.find('tags', (t) => t.id === ctx.params.id);
    if (!tag) return kit.notFound(reply, 'tags');
    const changes = tagAttributes(bodyOf(request.body), ctx, false);
    if (changes.parent_tag_id === tag.id)
      throw new ProviderValidationError('parent_tag_id: a tag cannot be its own parent');
    Object.assign(tag, changes, { updated_at: seconds(ctx) });
    return reply.status(204).send();
  });

  app.patch('/contacts/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const contact = ctx.find('contacts', (c) => c.id === ctx.params.id);
    if (!contact) return kit.notFound(reply, 'contacts');
    Object.assign(contact, contactAttributes(bodyOf(request.body), false));
    return reply.status(204).send();
  });
}

function bodyOf(body: unknown): ProviderObject {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw new ProviderValidationError('The request body must be a JSON object');
  return body as ProviderObject;
}

/** Sends the webhooks of the last `count` events recorded by this request. */
function announceLatest(kit: EmulatorKit, ctx: EmulatorContext, count: number): void {
  for (const event of ctx.records('events').slice(-count)) kit.announce('events', 'created', event, ctx);
}
