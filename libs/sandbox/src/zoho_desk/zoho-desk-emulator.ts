/**
 * Zoho Desk API v1 described for the kit: tickets and their comments, contacts, accounts, agents,
 * teams, departments and ticket fields of one organization. Every call carries
 * `Authorization: Zoho-oauthtoken <token>` and the organization's `orgId` header; lists page with
 * `from` (0-based) + `limit` inside `{"data": [...]}` and an empty list is a 204 with no body; deletes
 * are `moveToTrash` actions. Webhooks are arrays of `{eventType, orgId, eventTime, payload}`, unsigned:
 * the subscription URL carries the connection's secret (see docs/providers/zoho_desk.md).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EmulatedOAuthServer } from '../kit/oauth';
import {
  DescribedEmulator,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type EmulatorKit,
  type EmulatorPaging,
  type ProviderObject,
} from '../kit/described';
import {
  ZOHO_DESK_SEED_ORG_ID,
  ZOHO_DESK_SEED_TOKEN,
  zohoAccounts,
  zohoAgents,
  zohoComments,
  zohoContacts,
  zohoDepartments,
  zohoTeams,
  zohoTicketFields,
  zohoTickets,
} from './seed';
import {
  createTicket,
  invalidBody,
  NOT_FOUND,
  UNAUTHORIZED,
  updateTicket,
  writeAccount,
  writeComment,
  writeContact,
  ZohoInvalid,
} from './writes';

/** The query parameter of the webhook URL that carries the connection's secret. */
/** `sortBy=field` ascending, `-field` descending (`createdTime` when absent; `-modifiedTime` for polling). */
const bySortBy = (sortBy: string | undefined) => (a: ProviderObject, b: ProviderObject) => {
  const order = sortBy ?? 'createdTime';
  const field = order.replace(/^-/, '');
  const sign = order.startsWith('-') ? -1 : 1;
  const [x, y] = [String(a[field] ?? ''), String(b[field] ?? '')];
  return sign * (x < y ? -1 : x > y ? 1 : Number(a.id) - Number(b.id));
};

export const ZOHO_DESK_SECRET_PARAM = 'webhook_secret';

const paging = (maxSize: number): EmulatorPaging => ({
  style: 'offset',
  startParam: 'from',
  sizeParam: 'limit',
  defaultSize: 10,
  maxSize,
});

const data = (items: unknown[]) => ({ data: items });
const CALLER = zohoAgents()[0];

/** One Zoho Desk webhook delivery: an array of events (one per write here). */
export function zohoEvent(eventType: string, payload: ProviderObject, now: Date): unknown[] {
  return [{ eventType, orgId: ZOHO_DESK_SEED_ORG_ID, eventTime: String(now.getTime()), payload }];
}

const announcing =
  (prefix: string) =>
  (action: 'created' | 'updated' | 'deleted', record: ProviderObject, ctx: { now(): string }) => {
    const kind = { created: 'Add', updated: 'Update', deleted: 'Delete' }[action];
    const payload = action === 'deleted' ? { id: record.id } : record;
    return zohoEvent(`${prefix}_${kind}`, payload, new Date(ctx.now()));
  };

/** `POST /{collection}/moveToTrash {"<ids field>": [...]}`: Zoho's delete; unknown ids are a 404. */
function trashRoute(
  app: FastifyInstance,
  kit: EmulatorKit,
  collection: string,
  path: string,
  idsField: string,
) {
  app.post(`/api/v1/${path}/moveToTrash`, async (request, reply) => {
    const ctx = kit.context(request);
    const ids = ((request.body ?? {}) as Record<string, unknown>)[idsField];
    if (!Array.isArray(ids) || ids.length === 0)
      throw new ZohoInvalid([{ fieldName: `/${idsField}`, errorType: 'missing', errorMessage: '' }]);
    const records = ctx.records(collection);
    const found = ids.map((id) => records.find((r) => r.id === String(id)));
    if (found.some((r) => r === undefined)) return kit.notFound(reply, collection);
    for (const record of found as ProviderObject[]) {
      records.splice(records.indexOf(record), 1);
      kit.announce(collection, 'deleted', record, ctx);
    }
    return reply.status(204).send();
  });
}

const tokenOf = (request: FastifyRequest) =>
  /^Zoho-oauthtoken (.+)$/.exec(request.headers.authorization ?? '')?.[1];

/** OAuth access tokens the API accepts besides the seeded one, with when each expires. */
export type IssuedTokens = Map<string, number | undefined>;

function accepted(
  token: string | undefined,
  credentials: Record<string, string>,
  issued: IssuedTokens,
): boolean {
  if (token === undefined) return false;
  if (token === credentials.access_token) return true;
  if (!issued.has(token)) return false;
  const expiresAt = issued.get(token);
  return expiresAt === undefined || expiresAt > Date.now();
}

/** The description, accepting the OAuth tokens its accounts server issues. */
export const zohoDeskDescription = (issued: IssuedTokens): EmulatorDescription => ({
  provider: 'zoho_desk',
  apiPrefix: '/api/v1/',
  credentials: { access_token: ZOHO_DESK_SEED_TOKEN, org_id: ZOHO_DESK_SEED_ORG_ID },
  authorized: (request, credentials) =>
    accepted(tokenOf(request), credentials, issued) && request.headers.orgid === credentials.org_id,
  errors: {
    unauthorized: () => UNAUTHORIZED,
    notFound: () => NOT_FOUND,
    invalid: (e) =>
      invalidBody(
        e instanceof ZohoInvalid
          ? e.errors
          : [{ fieldName: '/', errorType: 'invalid', errorMessage: e.message }],
      ),
    invalidStatus: 422,
    badRequest: (message) => ({ errorCode: 'INVALID_DATA', message }),
  },
  paging: paging(100),
  rateLimit: {
    // Zoho Desk meters API credits per day by edition; the emulator counts calls per minute.
    limit: 600,
    windowSeconds: 60,
    headers: () => ({}),
    body: {
      errorCode: 'TOO_MANY_REQUESTS',
      message: 'You have made too many requests. Please wait for some time and try again.',
    },
  },
  collections: {
    tickets: {
      path: '/api/v1/tickets',
      seed: zohoTickets(),
      methods: ['list', 'get', 'create', 'update'],
      order: (a, b, query) => bySortBy(query.sortBy)(a, b),
      listBody: data,
      create: createTicket,
      update: updateTicket,
      webhook: announcing('Ticket'),
    },
    comments: {
      path: '/api/v1/tickets/:ticket/comments',
      scope: { ticket: 'ticketId' },
      seed: zohoComments(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      order: (a, b) => String(a.commentedTime).localeCompare(String(b.commentedTime)),
      listBody: data,
      create: (input, ctx) => writeComment(true, CALLER)(input, ctx),
      update: (comment, input, ctx) => writeComment(false, CALLER)(input, ctx, comment),
      webhook: announcing('Ticket_Comment'),
    },
    contacts: {
      path: '/api/v1/contacts',
      seed: zohoContacts(),
      methods: ['list', 'get', 'create', 'update'],
      listBody: data,
      create: (input, ctx) => writeContact(true)(input, ctx),
      update: (contact, input, ctx) => writeContact(false)(input, ctx, contact),
      webhook: announcing('Contact'),
    },
    accounts: {
      path: '/api/v1/accounts',
      seed: zohoAccounts(),
      methods: ['list', 'get', 'create', 'update'],
      listBody: data,
      create: (input, ctx) => writeAccount(true)(input, ctx),
      update: (account, input, ctx) => writeAccount(false)(input, ctx, account),
      webhook: announcing('Account'),
    },
    agents: {
      path: '/api/v1/agents',
      seed: zohoAgents(),
      methods: ['list', 'get'],
      paging: paging(200),
      listBody: data,
    },
    departments: {
      path: '/api/v1/departments',
      seed: zohoDepartments(),
      methods: ['list', 'get'],
      paging: paging(200),
      listBody: data,
    },
    // `GET /teams` answers every team at once, under `teams`.
    teams: {
      path: '/api/v1/teams',
      seed: zohoTeams(),
      methods: ['list', 'get'],
      paging: { style: 'none' },
      listBody: (items) => ({ teams: items }),
    },
    organization_fields: {
      path: '/api/v1/organizationFields',
      seed: zohoTicketFields(),
      methods: ['list', 'get'],
      paging: { style: 'none' },
      filters: { module: (_field, module) => module === 'tickets' },
      order: () => 0,
      listBody: data,
    },
  },
  signWebhook: () => ({}),
  extraRoutes: (app, kit) => {
    // Zoho answers a list with nothing in it by 204 No Content.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' || reply.statusCode !== 200 || payload !== '{"data":[]}') return payload;
      void reply.status(204);
      return '';
    });
    trashRoute(app, kit, 'tickets', 'tickets', 'ticketIds');
    trashRoute(app, kit, 'contacts', 'contacts', 'contactIds');
    trashRoute(app, kit, 'accounts', 'accounts', 'accountIds');
  },
});

/** The demo tenant's Zoho OAuth client, registered at the emulator's accounts server. */
export const ZOHO_DESK_DEMO_OAUTH_CLIENT = {
  clientId: '1000.DEMOZOHODESKCLIENT',
  clientSecret: 'demo-zoho-desk-oauth-client-secret',
};

export class ZohoDeskEmulator extends DescribedEmulator {
  /**
   * Zoho's accounts server (`accounts.zoho.{dc}`): consent at /oauth/v2/auth, tokens at /oauth/v2/token.
   * Access tokens last an hour and come with a refresh token.
   */
  readonly oauth: EmulatedOAuthServer;

  constructor(options: DescribedEmulatorOptions = {}) {
    const issued: IssuedTokens = new Map();
    super(zohoDeskDescription(issued), options);
    this.oauth = new EmulatedOAuthServer({
      providerName: 'Zoho Desk',
      authorizePath: '/oauth/v2/auth',
      tokenPath: '/oauth/v2/token',
      clients: { [ZOHO_DESK_DEMO_OAUTH_CLIENT.clientId]: ZOHO_DESK_DEMO_OAUTH_CLIENT.clientSecret },
      accessTokenTtlSeconds: 3600,
      refreshTokens: true,
      accept: (token, expiresAt) => issued.set(token, expiresAt),
      revoke: (token) => issued.delete(token),
    });
    this.oauth.register(this.app);
  }

  /** Zoho Desk sets no custom header on a webhook: the secret rides in the subscribed URL's query. */
  override subscribeWebhooks(url: string, secret: string): void {
    const target = new URL(url);
    target.searchParams.set(ZOHO_DESK_SECRET_PARAM, secret);
    super.subscribeWebhooks(target.toString(), secret);
  }
}
