/**
 * Trello's REST API v1 described for the kit: one board's cards, comment actions, lists, labels, members,
 * custom fields and checklists, plus the member's boards and Workspaces. `key` + `token` query parameters
 * (or `Authorization: OAuth oauth_consumer_key=…, oauth_token=…`); lists unpaged; plain-text error bodies
 * (`invalid key`, `The requested resource was not found.`, `invalid value for idList`); writes read their
 * attributes from the query string and answer 200; X-Rate-Limit-Api-Token-* headers and a JSON 429;
 * webhook deliveries `{action, model, webhook}` signed with `X-Trello-Webhook`, base64 HMAC-SHA1 of the
 * body followed by the callback URL.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  DescribedEmulator,
  ProviderValidationError,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type EmulatorKit,
  type ProviderObject,
} from '../kit/described';
import { trelloChecklists, trelloActions, trelloCards, trelloCustomFields } from './seed-cards';
import {
  TRELLO_KIND,
  TRELLO_SEED_KEY,
  TRELLO_SEED_TOKEN,
  trelloBoards,
  trelloLabels,
  trelloLists,
  trelloMembers,
  trelloOrganizations,
} from './seed';
import {
  cardAttributes,
  cardWebhook,
  commentWebhook,
  createCard,
  newComment,
  newTrelloId,
  renderAction,
  renderCard,
} from './trello-cards';

const LABEL_COLORS = ['yellow', 'purple', 'blue', 'red', 'green', 'orange', 'black', 'sky', 'pink', 'lime'];

/** `key`/`token` from the query string, or the same pair in an `Authorization: OAuth …` header. */
function credentialsOf(request: FastifyRequest): { key?: string; token?: string } {
  const query = request.query as Record<string, string | undefined>;
  const header = request.headers.authorization ?? '';
  const oauth = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(header)?.[1];
  return header.startsWith('OAuth ')
    ? { key: oauth('oauth_consumer_key'), token: oauth('oauth_token') }
    : { key: query.key, token: query.token };
}

function labelColor(value: unknown): string | null {
  if (value === undefined || value === null || value === '' || value === 'null') return null;
  if (!LABEL_COLORS.includes(String(value))) throw new ProviderValidationError('invalid value for color');
  return String(value);
}

/** Writes Trello serves at routes of their own: a card is created at /cards, a comment under its card. */
function trelloRoutes(app: FastifyInstance, kit: EmulatorKit): void {
  app.post('/1/cards', async (request, reply) => {
    const ctx = kit.context(request);
    const card = createCard((request.body ?? {}) as ProviderObject, ctx);
    ctx.records('cards').push(card);
    kit.announce('cards', 'created', card, ctx);
    return reply.status(200).send(renderCard(card, ctx));
  });
  app.post('/1/cards/:card/actions/comments', async (request, reply) => {
    const ctx = kit.context(request);
    const card = ctx.find('cards', (c) => c.id === ctx.params.card);
    if (!card) return kit.notFound(reply, 'cards');
    const text = ctx.query.text ?? (request.body as ProviderObject | undefined)?.text;
    if (typeof text !== 'string' || text.trim() === '')
      throw new ProviderValidationError('invalid value for text');
    const comment = newComment(card, text, ctx);
    ctx.records('actions').push(comment);
    kit.announce('actions', 'created', comment, ctx);
    return reply.status(200).send(renderAction(comment));
  });
}

export const TRELLO_EMULATOR: EmulatorDescription = {
  provider: 'trello',
  apiPrefix: '/1/',
  credentials: { key: TRELLO_SEED_KEY, token: TRELLO_SEED_TOKEN },
  authorized: (request, credentials) => {
    const given = credentialsOf(request);
    return given.key === credentials.key && given.token === credentials.token;
  },
  errors: {
    contentType: 'text/plain; charset=utf-8',
    unauthorized: () => 'invalid key',
    notFound: () => 'The requested resource was not found.',
    invalid: (e) => e.message,
    invalidStatus: 400,
    badRequest: (message) => message,
  },
  // Trello lists are unpaged (only actions take `limit`/`before`): every record in one answer.
  paging: { style: 'none' },
  rateLimit: {
    limit: 100,
    windowSeconds: 10,
    headers: (limit, remaining) => ({
      'x-rate-limit-api-token-interval-ms': '10000',
      'x-rate-limit-api-token-max': String(limit),
      'x-rate-limit-api-token-remaining': String(remaining),
      'x-rate-limit-api-key-interval-ms': '10000',
      'x-rate-limit-api-key-max': String(limit * 3),
      'x-rate-limit-api-key-remaining': String(remaining * 3),
    }),
    body: { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
  },
  collections: {
    cards: {
      // Listed by board (open cards only, as `GET /boards/{id}/cards` answers); created at /cards.
      path: '/1/boards/:board/cards',
      itemPath: '/1/cards/:id',
      scope: { board: 'idBoard' },
      seed: trelloCards(),
      methods: ['list', 'get', 'update', 'delete'],
      order: (a, b) => Number(a.idShort) - Number(b.idShort),
      render: renderCard,
      listBody: (items) => (items as ProviderObject[]).filter((c) => c.closed !== true),
      update: (card, input, ctx) => ({ ...card, ...cardAttributes(input, ctx), dateLastActivity: ctx.now() }),
      deleteStatus: 200,
      webhook: cardWebhook,
    },
    actions: {
      path: '/1/cards/:card/actions',
      itemPath: '/1/actions/:id',
      scope: { card: 'idCard' },
      seed: trelloActions(),
      methods: ['list', 'get', 'update', 'delete'],
      // Newest first, as Trello lists actions.
      order: (a, b) => String(b.date).localeCompare(String(a.date)),
      filters: {
        filter: (action, value) => value === 'all' || value.split(',').includes(String(action.type)),
      },
      render: renderAction,
      update: (action, input, ctx) => {
        const text = ctx.query.text ?? input.text;
        if (typeof text !== 'string' || text.trim() === '')
          throw new ProviderValidationError('invalid value for text');
        return { ...action, data: { ...(action.data as ProviderObject), text, dateLastEdited: ctx.now() } };
      },
      deleteStatus: 200,
      webhook: commentWebhook,
    },
    lists: {
      path: '/1/boards/:board/lists',
      itemPath: '/1/lists/:id',
      scope: { board: 'idBoard' },
      seed: trelloLists(),
      methods: ['list', 'get'],
      order: (a, b) => Number(a.pos) - Number(b.pos),
    },
    labels: {
      path: '/1/boards/:board/labels',
      itemPath: '/1/labels/:id',
      scope: { board: 'idBoard' },
      seed: trelloLabels(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      create: (input, ctx) => {
        const name = ctx.query.name ?? input.name;
        if (typeof name !== 'string') throw new ProviderValidationError('invalid value for name');
        return {
          id: newTrelloId(ctx, TRELLO_KIND.label),
          idBoard: ctx.params.board,
          name,
          color: labelColor(ctx.query.color ?? input.color),
          uses: 0,
        };
      },
      update: (label, input, ctx) => {
        const given: ProviderObject = { ...ctx.query, ...input };
        return {
          ...label,
          ...(given.name !== undefined ? { name: String(given.name) } : {}),
          ...(given.color !== undefined ? { color: labelColor(given.color) } : {}),
        };
      },
      createStatus: 200,
      deleteStatus: 200,
    },
    members: {
      path: '/1/boards/:board/members',
      itemPath: '/1/members/:id',
      seed: trelloMembers(),
      methods: ['list', 'get'],
      // A board's members come in the short form unless `fields=all`; a member read by id is the full object.
      render: (m, ctx) =>
        ctx.params.board === undefined || ctx.query.fields === 'all'
          ? m
          : { id: m.id, fullName: m.fullName, username: m.username },
    },
    boards: {
      path: '/1/members/:member/boards',
      itemPath: '/1/boards/:id',
      seed: trelloBoards(),
      methods: ['list', 'get'],
    },
    organizations: {
      path: '/1/members/:member/organizations',
      itemPath: '/1/organizations/:id',
      seed: trelloOrganizations(),
      methods: ['list', 'get'],
    },
    customFields: {
      path: '/1/boards/:board/customFields',
      itemPath: '/1/customFields/:id',
      scope: { board: 'idModel' },
      seed: trelloCustomFields(),
      methods: ['list', 'get'],
      order: (a, b) => Number(a.pos) - Number(b.pos),
    },
    checklists: {
      path: '/1/cards/:card/checklists',
      itemPath: '/1/checklists/:id',
      scope: { card: 'idCard' },
      seed: trelloChecklists(),
      methods: ['list', 'get'],
      order: (a, b) => Number(a.pos) - Number(b.pos),
    },
  },
  signWebhook: (body, secret, _now, url) => ({
    'x-trello-webhook': createHmac('sha1', secret)
      .update(Buffer.concat([body, Buffer.from(url, 'utf8')]))
      .digest('base64'),
    'user-agent': 'Trello-Webhook/1.0',
  }),
  extraRoutes: trelloRoutes,
};

export class TrelloEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(TRELLO_EMULATOR, options);
  }
}
