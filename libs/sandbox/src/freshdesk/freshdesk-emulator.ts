/**
 * Freshdesk API v2 described for the kit: tickets, conversations, contacts, companies, agents, groups
 * and ticket fields of one helpdesk. HTTP Basic with the API key as user name (password `X`);
 * `page`/`per_page` paging (30 by default, 100 at most, more is a 400) with `Link: rel="next"`;
 * `X-RateLimit-Total/-Remaining/-Used-CurrentRequest` on every answer and a 429 with `Retry-After`;
 * Freshdesk's error bodies (see errors.ts). Webhooks are the automation-rule bodies of automation.ts,
 * sent with the secret in a custom header: Freshdesk signs nothing.
 */
import type { FastifyRequest } from 'fastify';
import {
  DescribedEmulator,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type EmulatorPaging,
  type ProviderObject,
} from '../kit/described';
import { basicCredentials } from '../kit/provider-emulator';
import { automationPayload, FRESHDESK_SECRET_HEADER } from './automation';
import { conversationRoutes } from './conversations';
import { ACCESS_DENIED, badRequestBody, FreshdeskInvalid, UNAUTHORIZED, validationBody } from './errors';
import { companyWrite, contactRoutes, createContact, groupWrite, updateContact } from './people';
import {
  FRESHDESK_SEED_AGENT_API_KEY,
  FRESHDESK_SEED_API_KEY,
  freshdeskAgents,
  freshdeskCompanies,
  freshdeskContacts,
  freshdeskConversations,
  freshdeskGroups,
  freshdeskTicketFields,
  freshdeskTickets,
} from './seed';
import { ticketRoutes, ticketWebhook } from './ticket-routes';
import { createTicket, renderTicket, updateTicket } from './tickets';

const PAGING: EmulatorPaging = {
  style: 'page-number',
  pageParam: 'page',
  sizeParam: 'per_page',
  defaultSize: 30,
  maxSize: 100,
  refuseOversize: true,
  linkHeader: true,
};

/** The agent an API key belongs to (an API key is a person's, not an app's). */
const AGENT_OF_KEY: Record<string, number> = {
  [FRESHDESK_SEED_API_KEY]: 19000000101,
  [FRESHDESK_SEED_AGENT_API_KEY]: 19000000102,
};

const apiKeyOf = (request: FastifyRequest) => basicCredentials(request)?.username;
const callerOf = (request: FastifyRequest) => AGENT_OF_KEY[apiKeyOf(request) ?? ''] ?? 19000000101;

/** Admin settings a plain agent's key may not touch: Freshdesk answers 403 access_denied. */
function needsAdmin(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  return (
    path.startsWith('/api/v2/admin/') ||
    (path.startsWith('/api/v2/groups') && request.method !== 'GET') ||
    (path.startsWith('/api/v2/companies/') && request.method === 'DELETE')
  );
}

export const FRESHDESK_EMULATOR: EmulatorDescription = {
  provider: 'freshdesk',
  apiPrefix: '/api/v2/',
  credentials: { api_key: FRESHDESK_SEED_API_KEY, agent_api_key: FRESHDESK_SEED_AGENT_API_KEY },
  authorized: (request, credentials) => {
    const key = apiKeyOf(request);
    return key !== undefined && (key === credentials.api_key || key === credentials.agent_api_key);
  },
  errors: {
    unauthorized: () => UNAUTHORIZED,
    // Freshdesk answers a missing record with `head :not_found`: no body at all.
    notFound: () => '',
    invalid: (e) =>
      validationBody(
        e instanceof FreshdeskInvalid
          ? e.errors
          : [{ field: 'body', message: e.message, code: 'invalid_value' }],
      ),
    invalidStatus: 400,
    badRequest: badRequestBody,
  },
  paging: PAGING,
  rateLimit: {
    // Per-minute limits by plan (Pro: 400); every call counts one credit in the emulator.
    limit: 400,
    windowSeconds: 60,
    headers: (limit, remaining) => ({
      'x-ratelimit-total': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-used-currentrequest': '1',
      'x-freshdesk-api-version': 'latest=v2; requested=v2',
    }),
    // Freshdesk's throttler says "per hour" whatever the plan's window.
    body: { message: 'You have exceeded the limit of requests per hour' },
    contentType: 'application/json',
  },
  collections: {
    tickets: {
      path: '/api/v2/tickets',
      seed: freshdeskTickets(),
      // List and delete are Freshdesk-specific (default filters, trash): tickets.ts.
      methods: ['get', 'create', 'update'],
      render: (ticket, ctx) => renderTicket(ticket, ctx),
      create: createTicket,
      update: updateTicket,
      webhook: (action, ticket, _ctx, before) => {
        const rule = ticketWebhook(action, ticket, before);
        return rule && automationPayload(rule.event, ticket, rule.triggered);
      },
    },
    conversations: {
      path: '/api/v2/tickets/:ticket/conversations',
      scope: { ticket: 'ticket_id' },
      seed: freshdeskConversations(),
      // Every route is Freshdesk-specific (reply and notes actions, /conversations/:id): conversations.ts.
      methods: [],
      webhook: (action, conversation, ctx) => {
        if (action !== 'created') return undefined; // editing or deleting a note fires no rule
        const ticket = ctx.find('tickets', (t) => t.id === conversation.ticket_id);
        const triggered =
          conversation.source === 2
            ? `{note_type:${conversation.private ? 'private' : 'public'}}`
            : '{reply_sent:sent}';
        return ticket && automationPayload('ticket_updated', ticket, triggered);
      },
    },
    contacts: {
      path: '/api/v2/contacts',
      seed: freshdeskContacts(),
      methods: ['get', 'create', 'update'],
      create: createContact,
      update: updateContact,
    },
    companies: {
      path: '/api/v2/companies',
      seed: freshdeskCompanies(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      create: (input, ctx) => companyWrite(true)(input, ctx),
      update: (company, input, ctx) => companyWrite(false)(input, ctx, company),
    },
    agents: {
      path: '/api/v2/agents',
      seed: freshdeskAgents(),
      methods: ['list', 'get'],
      filters: {
        email: (a, v) => (a.contact as ProviderObject).email === v,
        state: (a, v) => (v === 'occasional') === (a.occasional === true),
      },
    },
    groups: {
      path: '/api/v2/groups',
      seed: freshdeskGroups(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      create: (input, ctx) => groupWrite(true)(input, ctx),
      update: (group, input, ctx) => groupWrite(false)(input, ctx, group),
    },
    ticket_fields: {
      path: '/api/v2/ticket_fields',
      // One field is read through the admin API; the list is the classic endpoint.
      itemPath: '/api/v2/admin/ticket_fields/:id',
      seed: freshdeskTicketFields(),
      methods: ['list', 'get'],
      paging: { style: 'none' },
      order: (a, b) => Number(a.position) - Number(b.position),
      filters: { type: (f, v) => v.split(',').includes(String(f.type)) },
    },
  },
  signWebhook: (_body, secret) => ({ [FRESHDESK_SECRET_HEADER.toLowerCase()]: secret }),
  extraRoutes: (app, kit) => {
    app.addHook('preHandler', async (request, reply) => {
      if (apiKeyOf(request) === FRESHDESK_SEED_AGENT_API_KEY && needsAdmin(request)) {
        await reply.status(403).type('application/json').send(JSON.stringify(ACCESS_DENIED));
        return reply;
      }
      return undefined;
    });
    ticketRoutes(app, kit, PAGING);
    conversationRoutes(app, kit, PAGING, callerOf);
    contactRoutes(app, kit, PAGING);
  },
};

export class FreshdeskEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(FRESHDESK_EMULATOR, options);
  }
}
