/**
 * Front's Core API described for the kit: conversations (ticketing enabled), their messages, comments
 * and events, teammates, teams, inboxes, tags, ticket statuses, contacts and accounts. Bearer API
 * token; `limit` + `page_token` paging with `_pagination.next`; `{"_error": {status, title, message}}`
 * bodies; X-RateLimit-* headers and Retry-After on 429; application webhooks (the event object) signed
 * with base64 HMAC-SHA256 of `<X-Front-Request-Timestamp>:<body>`, the timestamp in milliseconds.
 */
import { createHmac } from 'node:crypto';
import {
  DescribedEmulator,
  ProviderValidationError,
  type DescribedEmulatorOptions,
  type EmulatorContext,
  type EmulatorDescription,
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
import { FRONT_PAGING, frontError, frontRoutes } from './front-routes';
import { contactAttributes, createConversation, newFrontId, seconds, tagAttributes } from './front-writes';
import {
  FRONT_READ_ONLY_TOKEN,
  FRONT_SEED_TOKEN,
  frontAccounts,
  frontContacts,
  frontInboxes,
  frontStatuses,
  frontTags,
  frontTeammates,
  frontTeams,
} from './seed';
import { frontConversationSeed } from './seed-conversations';

const NOUNS: Record<string, string> = {
  conversations: 'conversation',
  comments: 'comment',
  messages: 'message',
  events: 'event',
  teammates: 'teammate',
  teams: 'team',
  inboxes: 'inbox',
  tags: 'tag',
  statuses: 'status',
  contacts: 'contact',
  accounts: 'account',
};

const readOnly = (
  path: string,
  seed: ProviderObject[],
  render: (record: ProviderObject, ctx: EmulatorContext) => unknown,
) => ({
  path,
  seed,
  methods: ['get' as const],
  render,
});

/** A fresh description each time: the conversation seed is generated together with its timeline. */
export function frontEmulatorDescription(): EmulatorDescription {
  const timeline = frontConversationSeed();
  return {
    provider: 'front',
    apiPrefix: '/',
    credentials: { token: FRONT_SEED_TOKEN, read_only_token: FRONT_READ_ONLY_TOKEN },
    authorized: (request, credentials) => {
      const token = bearerToken(request);
      return token !== undefined && (token === credentials.token || token === credentials.read_only_token);
    },
    errors: {
      unauthorized: () => frontError(401, 'Unauthorized', 'Invalid or missing API token'),
      notFound: (collection) =>
        frontError(404, 'Not found', `The ${NOUNS[collection] ?? 'resource'} does not exist`),
      invalid: (e) => frontError(400, 'Bad request', e.message),
      invalidStatus: 400,
      badRequest: (message) => frontError(400, 'Bad request', message),
    },
    paging: FRONT_PAGING,
    rateLimit: {
      // Enterprise plan: 200 requests per minute, per company.
      limit: 200,
      windowSeconds: 60,
      headers: (limit, remaining, reset, now) => ({
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(now + reset),
      }),
      body: frontError(429, 'Too many requests', 'Rate limit exceeded, retry after the time in Retry-After'),
    },
    collections: {
      conversations: {
        path: '/conversations',
        seed: timeline.conversations,
        methods: ['get', 'create'],
        render: renderConversation,
        create: createConversation,
        // Front records no "conversation created" event: a new discussion shows as its starter comment.
        webhook: (action, conversation, ctx) => {
          const event = ctx
            .records('events')
            .filter((e) => e.conversation_id === conversation.id && e.type === 'comment')
            .at(-1);
          return action === 'created' && event ? renderEvent(event, ctx) : undefined;
        },
      },
      comments: readOnly('/comments', timeline.comments, renderComment),
      messages: readOnly('/messages', timeline.messages, renderMessage),
      events: {
        ...readOnly('/events', timeline.events, renderEvent),
        webhook: (action, event, ctx) => (action === 'created' ? renderEvent(event, ctx) : undefined),
      },
      teammates: readOnly('/teammates', frontTeammates(), renderTeammate),
      teams: readOnly('/teams', frontTeams(), renderTeam),
      inboxes: readOnly('/inboxes', frontInboxes(), renderInbox),
      statuses: readOnly('/company/statuses', frontStatuses(), renderStatus),
      tags: {
        path: '/tags',
        seed: frontTags(),
        methods: ['get', 'create', 'delete'],
        render: renderTag,
        create: (input, ctx) => ({
          id: newFrontId('tag'),
          description: null,
          highlight: null,
          is_private: false,
          is_visible_in_conversation_lists: false,
          parent_tag_id: null,
          ...tagAttributes(input, ctx, true),
          created_at: seconds(ctx),
          updated_at: seconds(ctx),
        }),
      },
      contacts: {
        path: '/contacts',
        seed: frontContacts(),
        methods: ['get', 'create', 'delete'],
        render: renderContact,
        create: (input) => ({
          id: newFrontId('crd'),
          name: null,
          description: null,
          avatar_url: null,
          links: [],
          groups: [],
          lists: [],
          custom_fields: {},
          is_private: false,
          ...contactAttributes(input, true),
        }),
      },
      accounts: {
        path: '/accounts',
        seed: frontAccounts(),
        methods: ['get', 'create', 'update', 'delete'],
        render: renderAccount,
        create: (input, ctx) => ({
          id: newFrontId('acc'),
          ...accountAttributes(input, true),
          logo_url: null,
          description: input.description ?? null,
          external_id: input.external_id ?? null,
          custom_fields: input.custom_fields ?? {},
          created_at: seconds(ctx),
          updated_at: seconds(ctx),
          contact_ids: [],
        }),
        update: (account, input, ctx) => ({
          ...account,
          ...accountAttributes(input, false),
          ...(input.custom_fields !== undefined ? { custom_fields: input.custom_fields } : {}),
          updated_at: seconds(ctx),
        }),
      },
    },
    signWebhook: (body, secret, now) => {
      const timestamp = String(now.getTime());
      return {
        'x-front-request-timestamp': timestamp,
        'x-front-signature': createHmac('sha256', secret)
          .update(`${timestamp}:`)
          .update(body)
          .digest('base64'),
      };
    },
    extraRoutes: frontRoutes,
  };
}

function accountAttributes(input: ProviderObject, creating: boolean): ProviderObject {
  const out: ProviderObject = {};
  if (creating || input.name !== undefined) {
    if (typeof input.name !== 'string' || input.name.trim() === '')
      throw new ProviderValidationError('name: a non-empty string is required');
    out.name = input.name;
  }
  if (input.domains !== undefined) out.domains = input.domains;
  else if (creating) out.domains = [];
  return out;
}

export class FrontEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(frontEmulatorDescription(), options);
  }
}
