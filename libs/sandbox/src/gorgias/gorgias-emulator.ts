/**
 * Gorgias REST API described for the kit: tickets and their messages, customers, users, teams, tags
 * and custom fields of one account (`https://{domain}.gorgias.com/api`). HTTP Basic with the user's
 * e-mail and API key; cursor paging (`cursor`, `limit` ≤ 100, `order_by`) answering
 * `{"data", "meta": {"prev_cursor", "next_cursor"}, "object": "list", "uri"}`; 40 calls per 20 s with
 * `X-Gorgias-Account-Api-Call-Limit: used/limit` and a 429 with `Retry-After`. Webhooks come from an
 * HTTP integration whose body and headers the admin writes (docs/providers/gorgias.md): thin bodies
 * and the connection's secret in a header, as Gorgias signs nothing.
 */
import {
  DescribedEmulator,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type EmulatorPaging,
  type PageInfo,
  type ProviderObject,
} from '../kit/described';
import { basicCredentials } from '../kit/provider-emulator';
import {
  GORGIAS_SEED_API_KEY,
  GORGIAS_SEED_DOMAIN,
  GORGIAS_SEED_EMAIL,
  gorgiasCustomFields,
  gorgiasCustomers,
  gorgiasMessages,
  gorgiasTags,
  gorgiasTeams,
  gorgiasTickets,
  gorgiasUsers,
} from './seed';
import {
  badRequestBody,
  createTicket,
  errorBody,
  GorgiasInvalid,
  updateTicket,
  writeCustomer,
  writeMessage,
  writeNamed,
} from './writes';

export const GORGIAS_SECRET_HEADER = 'x-gorgias-webhook-secret';

const PAGING: EmulatorPaging = {
  style: 'cursor',
  cursorParam: 'cursor',
  sizeParam: 'limit',
  defaultSize: 30,
  maxSize: 100,
};

/** The HTTP integration body docs/providers/gorgias.md asks admins to configure, rendered. */
export function gorgiasHookBody(event: string, ticket: ProviderObject): ProviderObject {
  return { event, ticket_id: ticket.id, updated_datetime: ticket.updated_datetime };
}

const listBody = (items: unknown[], page: PageInfo) => ({
  data: items,
  meta: { prev_cursor: null, next_cursor: page.nextCursor ?? null },
  object: 'list',
  uri: page.nextUrl ? new URL(page.nextUrl).pathname : null,
});

/** `order_by=field:direction` (`created_datetime:asc` when absent; `updated_datetime:desc` for polling). */
const byOrderBy = (order: string | undefined) => (a: ProviderObject, b: ProviderObject) => {
  const [field, direction] = (order ?? 'created_datetime:asc').split(':');
  const sign = direction === 'desc' ? -1 : 1;
  const [x, y] = [String(a[field] ?? a.id), String(b[field] ?? b.id)];
  return sign * (x < y ? -1 : x > y ? 1 : Number(a.id) - Number(b.id));
};

export const GORGIAS_EMULATOR: EmulatorDescription = {
  provider: 'gorgias',
  apiPrefix: '/api/',
  credentials: { email: GORGIAS_SEED_EMAIL, api_key: GORGIAS_SEED_API_KEY },
  authorized: (request, credentials) => {
    const basic = basicCredentials(request);
    return basic?.username === credentials.email && basic.password === credentials.api_key;
  },
  errors: {
    unauthorized: () => errorBody('Unauthorized'),
    notFound: () => errorBody('Resource not found.'),
    invalid: (e) =>
      errorBody('Validation failed', e instanceof GorgiasInvalid ? e.fields : { _schema: [e.message] }),
    invalidStatus: 400,
    badRequest: badRequestBody,
  },
  paging: PAGING,
  rateLimit: {
    limit: 40,
    windowSeconds: 20,
    headers: (limit, remaining) => ({ 'x-gorgias-account-api-call-limit': `${limit - remaining}/${limit}` }),
    body: errorBody('Too many requests.'),
  },
  collections: {
    tickets: {
      path: '/api/tickets',
      seed: gorgiasTickets(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      order: (a, b, query) => byOrderBy(query.order_by)(a, b),
      listBody,
      create: createTicket,
      update: updateTicket,
      webhook: (action, ticket) =>
        action === 'deleted'
          ? undefined
          : gorgiasHookBody(action === 'created' ? 'ticket-created' : 'ticket-updated', ticket),
    },
    messages: {
      path: '/api/tickets/:ticket/messages',
      scope: { ticket: 'ticket_id' },
      seed: gorgiasMessages(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      listBody,
      create: (input, ctx) => writeMessage(true)(input, ctx),
      update: (message, input, ctx) => writeMessage(false)(input, ctx, message),
      webhook: (action, message, ctx) => {
        const ticket = ctx.find('tickets', (t) => t.id === message.ticket_id);
        return action === 'created' && ticket ? gorgiasHookBody('ticket-message-created', ticket) : undefined;
      },
    },
    customers: {
      path: '/api/customers',
      seed: gorgiasCustomers(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      listBody,
      filters: { email: (c, v) => c.email === v },
      create: (input, ctx) => writeCustomer(input, ctx),
      update: (customer, input, ctx) => writeCustomer(input, ctx, customer),
    },
    users: { path: '/api/users', seed: gorgiasUsers(), methods: ['list', 'get'], listBody },
    teams: {
      path: '/api/teams',
      seed: gorgiasTeams(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      listBody,
      create: (input, ctx) => writeNamed('teams')(input, ctx),
      update: (team, input, ctx) => writeNamed('teams')(input, ctx, team),
    },
    tags: {
      path: '/api/tags',
      seed: gorgiasTags(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      listBody,
      create: (input, ctx) => writeNamed('tags')(input, ctx),
      update: (tag, input, ctx) => writeNamed('tags')(input, ctx, tag),
    },
    custom_fields: {
      path: '/api/custom-fields',
      seed: gorgiasCustomFields(),
      methods: ['list', 'get'],
      listBody,
      // Gorgias requires the object type of the fields listed.
      filters: { object_type: (f, v) => f.object_type === v },
    },
  },
  signWebhook: (_body, secret) => ({ [GORGIAS_SECRET_HEADER]: secret }),
  extraRoutes: (app) => {
    app.addHook('preHandler', async (request, reply) => {
      const path = request.url.split('?')[0];
      if (
        request.method === 'GET' &&
        path === '/api/custom-fields' &&
        !(request.query as Record<string, string>).object_type
      ) {
        await reply
          .status(400)
          .type('application/json')
          .send(
            JSON.stringify(
              errorBody('Validation failed', { object_type: ['Missing data for required field.'] }),
            ),
          );
        return reply;
      }
      return undefined;
    });
    // The account itself: domain, status and creation date.
    app.get('/api/account', async () => ({
      domain: GORGIAS_SEED_DOMAIN,
      status: { status: 'active' },
      created_datetime: '2026-11-01T08:00:00.000000',
      settings: [],
    }));
  },
};

export class GorgiasEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(GORGIAS_EMULATOR, options);
  }
}
