/**
 * HubSpot's CRM v3 API described for the kit: tickets, notes, contacts and companies (`{id, properties,
 * associations}` objects), owners, teams, ticket pipelines and ticket properties of one account. Bearer
 * private-app token; `limit`/`after` cursor paging with `paging.next.after`; HubSpot's error bodies
 * (`{status: "error", message, correlationId, category}`); `X-HubSpot-RateLimit-*` headers and its 429;
 * webhook deliveries as arrays of events signed with signature v3.
 */
import { randomUUID } from 'node:crypto';
import {
  DescribedEmulator,
  type CollectionDescription,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type EmulatorPaging,
  type ProviderObject,
} from '../kit/described';
import { createObject, renderObject, updateObject } from './crm-objects';
import { searchRoute } from './search';
import {
  HUBSPOT_SEED_TOKEN,
  hubspotCompanies,
  hubspotContacts,
  hubspotOwners,
  hubspotPipelines,
  hubspotTeams,
  hubspotTicketProperties,
} from './seed';
import { hubspotAssociationsSeed, hubspotNotesSeed, hubspotTicketsSeed } from './seed-tickets';
import { hubspotEvents, signHubspotDelivery } from './webhooks';

const PAGING: EmulatorPaging = {
  style: 'cursor',
  cursorParam: 'after',
  sizeParam: 'limit',
  defaultSize: 10,
  maxSize: 100,
};

const error = (category: string, message: string, extra: object = {}) => ({
  status: 'error',
  message,
  correlationId: randomUUID(),
  category,
  ...extra,
});

const resultsPage = (items: unknown[], page: { nextCursor?: string; nextUrl?: string }) => ({
  results: items,
  ...(page.nextCursor ? { paging: { next: { after: page.nextCursor, link: page.nextUrl } } } : {}),
});
const wholeList = (items: unknown[]) => ({ results: items });

/** A CRM object type: CRUD, `properties`/`associations` reads, webhooks for the subscribable types. */
function crmCollection(type: string, seed: ProviderObject[], objectType?: string): CollectionDescription {
  return {
    path: `/crm/v3/objects/${type}`,
    seed,
    methods:
      type === 'notes'
        ? ['get', 'create', 'update', 'delete']
        : ['list', 'get', 'create', 'update', 'delete'],
    listBody: resultsPage,
    render: (record, ctx) => renderObject(type, record, ctx),
    create: createObject(type),
    update: updateObject(type),
    createStatus: 201,
    deleteStatus: 204,
    webhook: objectType
      ? (action, record, _ctx, before) => hubspotEvents(objectType, action, record, before)
      : undefined,
  };
}

export const HUBSPOT_EMULATOR: EmulatorDescription = {
  provider: 'hubspot',
  apiPrefix: '/',
  credentials: { access_token: HUBSPOT_SEED_TOKEN },
  authorized: (request, credentials) =>
    request.headers.authorization === `Bearer ${credentials.access_token}`,
  errors: {
    unauthorized: () =>
      error(
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      ),
    notFound: () => error('OBJECT_NOT_FOUND', 'resource not found'),
    invalid: (e) => error('VALIDATION_ERROR', e.message),
    invalidStatus: 400,
    badRequest: (message) => error('VALIDATION_ERROR', message),
  },
  paging: PAGING,
  rateLimit: {
    // Private apps on Professional: 190 requests per rolling 10 seconds, 650,000 a day.
    limit: 190,
    windowSeconds: 10,
    headers: (limit, remaining) => ({
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-max': String(limit),
      'x-hubspot-ratelimit-remaining': String(remaining),
      'x-hubspot-ratelimit-daily': '650000',
      'x-hubspot-ratelimit-daily-remaining': String(650000 - (limit - remaining)),
    }),
    body: {
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: '9a7c3d0e-58c1-4e8f-9f0b-2b6de1a4c311',
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName: 'api-calls:24681357',
    },
  },
  collections: {
    tickets: crmCollection('tickets', hubspotTicketsSeed(), 'ticket'),
    notes: crmCollection('notes', hubspotNotesSeed()),
    contacts: crmCollection('contacts', hubspotContacts(), 'contact'),
    companies: crmCollection('companies', hubspotCompanies(), 'company'),
    // Stored beside the objects; read through `associations=` and written with a create's `associations`.
    associations: { path: '/crm/v4/associations', seed: hubspotAssociationsSeed(), methods: [] },
    owners: {
      path: '/crm/v3/owners',
      seed: hubspotOwners(),
      methods: ['list', 'get'],
      listBody: resultsPage,
    },
    teams: {
      path: '/settings/v3/users/teams',
      seed: hubspotTeams(),
      methods: ['list'],
      paging: { style: 'none' },
      listBody: wholeList,
    },
    pipelines: {
      path: '/crm/v3/pipelines/tickets',
      seed: hubspotPipelines(),
      methods: ['list', 'get'],
      paging: { style: 'none' },
      order: (a, b) => Number(a.displayOrder) - Number(b.displayOrder),
      listBody: wholeList,
    },
    ticket_properties: {
      path: '/crm/v3/properties/tickets',
      key: 'name',
      seed: hubspotTicketProperties(),
      methods: ['list', 'get'],
      paging: { style: 'none' },
      order: () => 0,
      listBody: wholeList,
    },
  },
  signWebhook: signHubspotDelivery,
  extraRoutes: (app, kit) => {
    searchRoute(app, kit, 'notes');
    searchRoute(app, kit, 'tickets');
  },
};

export class HubspotEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(HUBSPOT_EMULATOR, options);
  }
}
