/**
 * Intercom's REST API (version 2.16) described for the kit: tickets (search, get, create, update,
 * delete, replies and notes), ticket types and states, contacts, companies, admins, teams and tags.
 * Bearer access token; `starting_after` cursor paging (in the body for the ticket search), page numbers
 * for companies; `error.list` bodies; X-RateLimit-* headers; notifications signed with
 * `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body with the app's client secret>`.
 */
import { createHmac } from 'node:crypto';
import {
  DescribedEmulator,
  type DescribedEmulatorOptions,
  type EmulatorContext,
  type EmulatorDescription,
  type ProviderObject,
} from '../kit/described';
import {
  codeOf,
  cursorList,
  errorList,
  IntercomInvalid,
  notification,
  pagedList,
  renderCompany,
  renderContact,
  renderTicket,
  renderTicketState,
  renderTicketType,
} from './render';
import { intercomRoutes } from './routes';
import {
  INTERCOM_READ_ONLY_TOKEN,
  INTERCOM_SEED_TOKEN,
  intercomAdmins,
  intercomTags,
  intercomTeams,
  intercomTicketStates,
  intercomTicketTypes,
} from './seed';
import { intercomCompanies, intercomContacts } from './seed-people';
import { intercomTicketParts, intercomTickets } from './seed-tickets';
import {
  companyChanges,
  createContact,
  createTicket,
  createTicketType,
  updateContact,
  updateTicket,
  updateTicketType,
} from './writes';

const NOT_FOUND: Record<string, [string, string]> = {
  tickets: ['ticket_not_found', 'Ticket not found'],
  companies: ['company_not_found', 'Company Not Found'],
  admins: ['admin_not_found', 'Admin not found'],
  teams: ['team_not_found', 'Team not found'],
};

/** One notification per write: the most telling topic of an update (Intercom sends one per kind of change). */
function ticketTopic(ticket: ProviderObject, before: ProviderObject | undefined): string {
  if (!before) return 'ticket.created';
  if (before.ticket_state_id !== ticket.ticket_state_id) return 'ticket.state.updated';
  if (before.admin_assignee_id !== ticket.admin_assignee_id) return 'ticket.admin.assigned';
  if (before.team_assignee_id !== ticket.team_assignee_id) return 'ticket.team.assigned';
  return 'ticket.attribute.updated';
}

function partTopic(part: ProviderObject): string {
  if (part.part_type === 'note') return 'ticket.note.created';
  return (part.author as ProviderObject).type === 'user' ? 'ticket.contact.replied' : 'ticket.admin.replied';
}

const ticketOf = (ctx: EmulatorContext, part: ProviderObject) =>
  ctx.find('tickets', (t) => t.id === part.ticket_id)!;

export const INTERCOM_EMULATOR: EmulatorDescription = {
  provider: 'intercom',
  apiPrefix: '/',
  credentials: { token: INTERCOM_SEED_TOKEN, read_only_token: INTERCOM_READ_ONLY_TOKEN },
  authorized: (request, credentials) =>
    request.headers.authorization === `Bearer ${credentials.token}` ||
    request.headers.authorization === `Bearer ${credentials.read_only_token}`,
  errors: {
    contentType: 'application/json; charset=utf-8',
    unauthorized: () => errorList('unauthorized', 'Access Token Invalid'),
    notFound: (collection) => errorList(...(NOT_FOUND[collection] ?? ['not_found', 'Resource Not Found'])),
    invalid: (e) => errorList(e instanceof IntercomInvalid ? e.code : 'parameter_invalid', e.message),
    invalidStatus: 400,
    badRequest: (message) =>
      errorList(/already exists/.test(message) ? 'conflict' : codeOf(message), message),
  },
  paging: {
    style: 'cursor',
    cursorParam: 'starting_after',
    sizeParam: 'per_page',
    defaultSize: 50,
    maxSize: 150,
  },
  rateLimit: {
    limit: 10_000,
    windowSeconds: 60,
    headers: (limit, remaining, reset, now) => ({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(now + reset),
    }),
    body: {
      type: 'error.list',
      request_id: '3f2f1c5e-8a0b-4b7e-9d55-6c1f0a9e2b77',
      errors: [{ code: 'rate_limit_exceeded', message: 'Rate Limit Exceeded' }],
    },
  },
  collections: {
    tickets: {
      // Listed through POST /tickets/search (extra routes); Intercom has no GET /tickets.
      path: '/tickets',
      seed: intercomTickets(),
      methods: ['get', 'create', 'update'],
      render: (ticket, ctx) => renderTicket(ticket, ctx),
      create: createTicket,
      update: updateTicket,
      createStatus: 200,
      webhook: (action, ticket, ctx, before) =>
        action === 'deleted'
          ? undefined
          : notification(ticketTopic(ticket, before), renderTicket(ticket, ctx), ctx),
    },
    ticket_parts: {
      // Served inside their ticket; written through POST /tickets/{id}/reply (extra routes).
      path: '/ticket_parts',
      seed: intercomTicketParts(),
      methods: [],
      webhook: (action, part, ctx) =>
        action === 'created'
          ? notification(partTopic(part), renderTicket(ticketOf(ctx, part), ctx, [part]), ctx)
          : undefined,
    },
    ticket_types: {
      path: '/ticket_types',
      seed: intercomTicketTypes(),
      methods: ['list', 'get', 'create', 'update'],
      paging: { style: 'none' },
      render: renderTicketType,
      listBody: (items) => ({ type: 'list', data: items }),
      create: createTicketType,
      update: updateTicketType,
      createStatus: 200,
    },
    ticket_states: {
      path: '/ticket_states',
      seed: intercomTicketStates(),
      methods: ['list'],
      paging: { style: 'none' },
      render: renderTicketState,
      listBody: (items) => ({ type: 'list', data: items }),
    },
    contacts: {
      path: '/contacts',
      seed: intercomContacts(),
      methods: ['list', 'get', 'create', 'update'],
      render: renderContact,
      listBody: (items, page) => cursorList(items, page),
      create: createContact,
      update: updateContact,
      createStatus: 200,
      webhook: (action, contact, ctx) =>
        notification(
          action === 'deleted' ? 'contact.deleted' : `contact.${String(contact.role)}.${action}`,
          renderContact(contact),
          ctx,
        ),
    },
    companies: {
      // Created (or updated by company_id) and deleted through extra routes.
      path: '/companies',
      seed: intercomCompanies(),
      methods: ['list', 'get', 'update'],
      paging: {
        style: 'page-number',
        pageParam: 'page',
        sizeParam: 'per_page',
        defaultSize: 15,
        maxSize: 60,
        linkHeader: false,
      },
      render: renderCompany,
      listBody: (items, page) => pagedList(items, page),
      update: (company, input, ctx) => ({
        ...company,
        ...companyChanges(input, ctx, false),
        updated_at: Math.floor(Date.parse(ctx.now()) / 1000),
      }),
      webhook: (action, company, ctx) => notification(`company.${action}`, renderCompany(company, ctx), ctx),
    },
    admins: {
      path: '/admins',
      seed: intercomAdmins(),
      methods: ['list', 'get'],
      paging: { style: 'none' },
      listBody: (items) => ({ type: 'admin.list', admins: items }),
    },
    teams: {
      path: '/teams',
      seed: intercomTeams(),
      methods: ['list', 'get'],
      paging: { style: 'none' },
      listBody: (items) => ({ type: 'team.list', teams: items }),
    },
    tags: {
      // Created, renamed and deleted through extra routes (POST /tags is create-or-update).
      path: '/tags',
      seed: intercomTags(),
      methods: ['list', 'get'],
      paging: { style: 'none' },
      listBody: (items) => ({ type: 'list', data: items }),
    },
  },
  signWebhook: (body, secret) => ({
    'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
    'user-agent': 'intercom-parrot-service-client/1.0',
    accept: 'application/json',
  }),
  extraRoutes: intercomRoutes,
};

export class IntercomEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(INTERCOM_EMULATOR, options);
  }
}
