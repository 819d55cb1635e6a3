/**
 * Help Scout's Mailbox API 2.0 described for the kit: conversations and threads, customers, users,
 * teams, tags, mailboxes and their custom fields. Bearer OAuth token; HAL lists with fixed pages (25
 * conversations, 50 of the rest) and `_links.next`; 201 + `Resource-ID` creates and single-operation
 * JSON Patch updates (writes.ts, customer-writes.ts); vnd.error bodies; `X-RateLimit-*-Minute` headers and its 429;
 * webhooks signed with base64 HMAC-SHA1 of the body (webhooks.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  DescribedEmulator,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type ProviderObject,
} from '../kit/described';
import { halList, NEWEST_FIRST, pagingOf, renderConversation, renderThread } from './render';
import {
  HELP_SCOUT_SEED_TOKEN,
  helpScoutCustomers,
  helpScoutMailboxes,
  helpScoutMailboxFields,
  helpScoutTags,
  helpScoutTeams,
  helpScoutUsers,
} from './seed';
import { helpScoutConversations, helpScoutThreads } from './seed-conversations';
import { customerWrites } from './customer-writes';
import { HelpScoutInvalid, helpScoutWrites } from './writes';
import { helpScoutPayload, signHelpScoutDelivery } from './webhooks';

const ABOUT = 'http://developer.helpscout.net/mailbox-api/overview/errors';
const vndError = (message: string, anchor: string, errors?: object[]) => ({
  logRef: `${randomUUID().slice(0, 8)}#${Math.floor(Math.random() * 1e6)}`,
  message,
  ...(errors ? { _embedded: { errors } } : {}),
  _links: { about: { href: `${ABOUT}#${anchor}` } },
});

const STATUSES = ['active', 'pending', 'closed', 'spam'];

/** What the conversation list returns by default: active ones only, newest changes first. */
function listedConversations(
  records: ProviderObject[],
  query: Record<string, string>,
): ProviderObject[] | string {
  const status = query.status ?? 'active';
  if (status !== 'all' && !status.split(',').every((s) => STATUSES.includes(s)))
    return `Invalid status ${status}`;
  const field = query.sortField ?? 'modifiedAt';
  const key = (c: ProviderObject) =>
    String(field === 'createdAt' ? c.createdAt : field === 'number' ? c.number : c.userUpdatedAt);
  const direction = (query.sortOrder ?? (field === 'modifiedAt' ? 'desc' : 'asc')) === 'desc' ? -1 : 1;
  return records
    .filter((c) => status === 'all' || status.split(',').includes(String(c.status)))
    .filter((c) => !query.mailbox || query.mailbox.split(',').includes(String(c.mailboxId)))
    .filter((c) => !query.tag || (c.tags as string[]).includes(query.tag))
    .filter(
      (c) => !query.modifiedSince || String(c.userUpdatedAt) >= query.modifiedSince.replace(/\.\d+Z$/, 'Z'),
    )
    .sort(
      (a, b) =>
        direction *
        (key(a).localeCompare(key(b), undefined, { numeric: true }) || Number(a.id) - Number(b.id)),
    );
}

export const HELP_SCOUT_EMULATOR: EmulatorDescription = {
  provider: 'help_scout',
  apiPrefix: '/v2/',
  credentials: { access_token: HELP_SCOUT_SEED_TOKEN },
  authorized: (request, credentials) =>
    request.headers.authorization === `Bearer ${credentials.access_token}`,
  errors: {
    contentType: 'application/vnd.error+json',
    unauthorized: () => ({
      error: 'invalid_token',
      error_description: 'The access token is invalid or has expired',
    }),
    notFound: () => vndError('Resource not found', 'not-found'),
    invalid: (e) =>
      vndError('Bad request', 'bad-request', [
        e instanceof HelpScoutInvalid
          ? { path: e.path, message: e.message, source: 'JSON', rejectedValue: e.rejectedValue }
          : { path: '', message: e.message, source: 'JSON' },
      ]),
    invalidStatus: 400,
    badRequest: (message) => vndError('Bad request', 'bad-request', [{ path: '', message, source: 'QUERY' }]),
  },
  paging: pagingOf(50),
  rateLimit: {
    // Standard plan: 400 requests a minute.
    limit: 400,
    windowSeconds: 60,
    headers: (limit, remaining, reset) => ({
      'x-ratelimit-limit-minute': String(limit),
      'x-ratelimit-remaining-minute': String(remaining),
      ...(remaining === 0 ? { 'x-ratelimit-retry-after': String(reset) } : {}),
    }),
    body: vndError('Too many requests', 'too-many-requests'),
    contentType: 'application/vnd.error+json',
  },
  collections: {
    conversations: {
      path: '/v2/conversations',
      seed: helpScoutConversations(),
      // The list (default filters and sorts) and every write are Help Scout's own: extraRoutes, writes.ts.
      methods: ['get'],
      render: (c, ctx) => renderConversation(c, ctx, ctx.query.embed === 'threads'),
      webhook: (_action, c, ctx) => helpScoutPayload('conversations', c, ctx),
    },
    threads: {
      path: '/v2/conversations/:conversation/threads',
      scope: { conversation: 'conversationId' },
      seed: helpScoutThreads(),
      methods: ['list'],
      order: NEWEST_FIRST,
      render: (t, ctx) => renderThread(t, ctx),
      listBody: halList('threads'),
    },
    customers: {
      path: '/v2/customers',
      seed: helpScoutCustomers(),
      methods: ['list', 'get'],
      listBody: halList('customers'),
      webhook: (_action, c, ctx) => helpScoutPayload('customers', c, ctx),
    },
    users: {
      path: '/v2/users',
      seed: helpScoutUsers(),
      methods: ['list', 'get'],
      listBody: halList('users'),
    },
    teams: { path: '/v2/teams', seed: helpScoutTeams(), methods: ['list'], listBody: halList('teams') },
    tags: { path: '/v2/tags', seed: helpScoutTags(), methods: ['list', 'get'], listBody: halList('tags') },
    mailboxes: {
      path: '/v2/mailboxes',
      seed: helpScoutMailboxes(),
      methods: ['list', 'get'],
      listBody: halList('mailboxes'),
    },
    mailbox_fields: {
      path: '/v2/mailboxes/:mailbox/fields',
      scope: { mailbox: 'mailboxId' },
      seed: helpScoutMailboxFields(),
      methods: ['list'],
      order: (a, b) => Number(a.order) - Number(b.order),
      render: ({ mailboxId: _mailbox, ...field }) => field,
      listBody: halList('fields'),
    },
  },
  signWebhook: (body, secret) => signHelpScoutDelivery(body, secret),
  extraRoutes: (app, kit) => {
    app.get('/v2/conversations', async (request, reply) => {
      const ctx = kit.context(request);
      const listed = listedConversations(ctx.records('conversations'), ctx.query);
      if (typeof listed === 'string') throw new HelpScoutInvalid('status', listed);
      const page = kit.page(listed, pagingOf(25), ctx);
      if ('refused' in page) throw new HelpScoutInvalid('page', page.refused);
      void reply.headers(page.headers);
      const items = page.items.map((c) => renderConversation(c, ctx, ctx.query.embed === 'threads'));
      return halList('conversations')(items, page.info);
    });
    helpScoutWrites(app, kit);
    customerWrites(app, kit);
  },
};

export class HelpScoutEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(HELP_SCOUT_EMULATOR, options);
  }
}
