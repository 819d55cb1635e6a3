/**
 * Freshservice API v2 described for the kit: tickets, conversations, tasks, requesters, agents, agent
 * groups, departments, workspaces and ticket form fields of one service desk. Every answer wraps its records
 * (`{"tickets": […]}`, `{"ticket": {…}}`). HTTP Basic with the API key as user name (password `X`);
 * `page`/`per_page` paging (30 by default, 100 at most, more is a 400) with `Link: rel="next"`;
 * `X-RateLimit-Total/-Remaining/-Used-CurrentRequest` and a 429 with `Retry-After`. Error bodies are
 * the Freshworks v2 ones Freshdesk shares (../freshdesk/errors.ts). Webhooks: workflow.ts.
 */
import { FRESHDESK_EMULATOR } from '../freshdesk/freshdesk-emulator';
import {
  DescribedEmulator,
  type CollectionDescription,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type EmulatorPaging,
  type ProviderObject,
} from '../kit/described';
import { basicCredentials } from '../kit/provider-emulator';
import { conversationRoutes } from './conversations';
import { namedWrite, requesterRoutes, requesterWrite } from './people';
import {
  FRESHSERVICE_SEED_API_KEY,
  freshserviceAgents,
  freshserviceConversations,
  freshserviceDepartments,
  freshserviceGroups,
  freshserviceRequesters,
  freshserviceTicketFields,
  freshserviceTasks,
  freshserviceTickets,
  freshserviceWorkspaces,
} from './seed';
import { taskWrite } from './tasks';
import { createTicket, renderTicket, ticketRoutes, updateTicket } from './tickets';
import { FRESHSERVICE_SECRET_HEADER, observedChange, workflowPayload } from './workflow';

const PAGING: EmulatorPaging = {
  style: 'page-number',
  pageParam: 'page',
  sizeParam: 'per_page',
  defaultSize: 30,
  maxSize: 100,
  refuseOversize: true,
  linkHeader: true,
};

/** A collection whose answers wrap records: `{"groups": […]}` for a list, `{"group": {…}}` for one. */
function wrapped(
  plural: string,
  singular: string,
  c: Omit<CollectionDescription, 'path'>,
): CollectionDescription {
  return {
    path: `/api/v2/${plural}`,
    listBody: (items) => ({ [plural]: items }),
    itemBody: (item) => ({ [singular]: item }),
    ...c,
  };
}

/** A wrapped collection with full CRUD whose records have a unique name (departments, groups). */
function named(
  plural: string,
  singular: string,
  seed: ProviderObject[],
  fields: string[],
): CollectionDescription {
  return wrapped(plural, singular, {
    seed,
    methods: ['list', 'get', 'create', 'update', 'delete'],
    create: (input, ctx) => namedWrite(plural, fields, true)(input, ctx),
    update: (record, input, ctx) => namedWrite(plural, fields, false)(input, ctx, record),
  });
}

export const FRESHSERVICE_EMULATOR: EmulatorDescription = {
  provider: 'freshservice',
  apiPrefix: '/api/v2/',
  credentials: { api_key: FRESHSERVICE_SEED_API_KEY },
  authorized: (request, credentials) => basicCredentials(request)?.username === credentials.api_key,
  // Freshworks v2 error bodies, as Freshdesk's: 400/409 field errors, 401 code + message, a 404 with no body.
  errors: FRESHDESK_EMULATOR.errors,
  paging: PAGING,
  rateLimit: {
    // Per-minute limits by plan (Pro: 400 a minute); every call counts one.
    limit: 400,
    windowSeconds: 60,
    headers: (limit, remaining) => ({
      'x-ratelimit-total': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-used-currentrequest': '1',
    }),
    body: { message: 'You have exceeded the limit of requests per minute' },
  },
  collections: {
    tickets: wrapped('tickets', 'ticket', {
      seed: freshserviceTickets(),
      // The list (default window, trash) and DELETE (to the trash) are tickets.ts.
      methods: ['get', 'create', 'update'],
      render: renderTicket,
      create: createTicket,
      update: updateTicket,
      webhook: (action, ticket, _ctx, before) => {
        if (action === 'updated' && before && !observedChange(before, ticket)) return undefined;
        return workflowPayload(action === 'created' ? 'ticket_created' : `ticket_${action}`, ticket);
      },
    }),
    conversations: {
      path: '/api/v2/tickets/:ticket/conversations',
      scope: { ticket: 'ticket_id' },
      seed: freshserviceConversations(),
      // Every route is Freshservice-specific (reply and notes actions, /conversations/:id).
      methods: [],
      webhook: (action, conversation, ctx) => {
        const ticket = ctx.find('tickets', (t) => t.id === conversation.ticket_id);
        return action === 'created' && ticket ? workflowPayload('ticket_updated', ticket) : undefined;
      },
    },
    requesters: wrapped('requesters', 'requester', {
      seed: freshserviceRequesters(),
      methods: ['list', 'get', 'create', 'update'],
      create: (input, ctx) => requesterWrite(true)(input, ctx),
      update: (record, input, ctx) => requesterWrite(false)(input, ctx, record),
      filters: { email: (r, v) => r.primary_email === v },
    }),
    departments: named('departments', 'department', freshserviceDepartments(), ['description', 'domains']),
    groups: named('groups', 'group', freshserviceGroups(), ['description', 'members']),
    agents: wrapped('agents', 'agent', {
      seed: freshserviceAgents(),
      methods: ['list', 'get'],
      filters: {
        email: (a, v) => a.email === v,
        active: (a, v) => String(a.active) === v,
      },
    }),
    tasks: {
      ...wrapped('tasks', 'task', {
        seed: freshserviceTasks(),
        methods: ['list', 'get', 'create', 'update', 'delete'],
        scope: { ticket: 'ticket_id' },
        create: (input, ctx) => taskWrite(input, ctx),
        update: (record, input, ctx) => taskWrite(input, ctx, record),
      }),
      path: '/api/v2/tickets/:ticket/tasks',
    },
    workspaces: wrapped('workspaces', 'workspace', {
      seed: freshserviceWorkspaces(),
      methods: ['list', 'get'],
    }),
    ticket_form_fields: {
      path: '/api/v2/ticket_form_fields',
      seed: freshserviceTicketFields(),
      methods: ['list'],
      paging: { style: 'none' },
      listBody: (items) => ({ ticket_fields: items }),
    },
  },
  signWebhook: (_body, secret) => ({ [FRESHSERVICE_SECRET_HEADER.toLowerCase()]: secret }),
  extraRoutes: (app, kit) => {
    ticketRoutes(app, kit, PAGING);
    conversationRoutes(app, kit, PAGING);
    requesterRoutes(app, kit);
  },
};

export class FreshserviceEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(FRESHSERVICE_EMULATOR, options);
  }
}
