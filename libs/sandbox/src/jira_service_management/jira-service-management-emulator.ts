/**
 * Jira Service Management Cloud described for the kit: the Service Management REST API
 * (`/rest/servicedeskapi/...`) over one site's service desks, request types, queues, customers,
 * organizations, customer requests and their comments, plus the few Jira platform calls a JSM
 * integration makes on the same site (`/rest/api/3/...`: issue edit, transitions, user). Basic auth with
 * e-mail and API token; `start`/`limit` pages with `isLastPage`; `{"errorMessage", "i18nErrorMessage"}`
 * error bodies (412 for an experimental call without `X-ExperimentalApi: opt-in`); Jira's 429 and
 * rate-limit headers; Jira-shaped webhooks signed as the Jira emulator signs them.
 */
import {
  DescribedEmulator,
  ProviderValidationError,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type PageInfo,
  type ProviderObject,
} from '../kit/described';
import { basicCredentials } from '../kit/provider-emulator';
import { newDeliveryUuid } from '../kit/delivery-ids';
import { signJiraDelivery } from '../jira/jira-webhooks';
import { jiraRateLimitHeaders } from '../jira/jira-emulator';
import { registerJsmRoutes } from './jsm-routes';
import { commentEvent, createRequest, issueEvent } from './jsm-requests';
import {
  commentDto,
  jsmError,
  organizationDto,
  requestDto,
  requestTypeDto,
  serviceDeskDto,
} from './jsm-render';
import {
  JSM_AGENT_ID,
  JSM_SEED_CREDENTIALS,
  JSM_STATUSES,
  jsmAgents,
  jsmComments,
  jsmCustomers,
  jsmOrganizations,
  jsmQueues,
  jsmRequests,
  jsmRequestTypes,
  jsmServiceDesks,
} from './seed';

const SD = '/rest/servicedeskapi';

const NOT_FOUND: Record<string, [string, string]> = {
  requests: [
    'The request does not exist or you do not have permission to see it.',
    'sd.request.error.not.found',
  ],
  comments: ['The comment does not exist.', 'sd.comment.error.not.found'],
  serviceDesks: ['The service desk does not exist.', 'sd.servicedesk.error.not.found'],
  requestTypes: ['The request type does not exist.', 'sd.requesttype.error.not.found'],
  queues: ['The queue does not exist.', 'sd.queue.error.not.found'],
  organizations: ['The organization does not exist.', 'sd.organization.error.not.found'],
};

/** The JSM page envelope around a list. */
function page(base: () => string, items: unknown[], info: PageInfo): ProviderObject {
  return {
    _expands: [],
    size: items.length,
    start: info.start ?? 0,
    limit: info.requested ?? info.size,
    isLastPage: info.nextUrl === undefined,
    _links: {
      base: `${base()}${SD}`,
      context: '',
      ...(info.nextUrl ? { next: info.nextUrl } : {}),
      ...(info.prevUrl ? { prev: info.prevUrl } : {}),
    },
    values: items,
  };
}

export function jsmDescription(base: () => string): EmulatorDescription {
  const listBody = (items: unknown[], info: PageInfo) => page(base, items, info);
  return {
    provider: 'jira_service_management',
    apiPrefix: '/rest/',
    credentials: { ...JSM_SEED_CREDENTIALS },
    authorized: (request, credentials) => {
      const given = basicCredentials(request);
      return given?.username === credentials.email && given.password === credentials.api_token;
    },
    errors: {
      contentType: 'application/json;charset=UTF-8',
      unauthorized: () =>
        jsmError(
          'You are not authenticated. Authentication required to perform this operation.',
          'sd.security.not.logged.in',
        ),
      notFound: (collection) => jsmError(...(NOT_FOUND[collection] ?? ['Not found.', 'sd.error.not.found'])),
      invalid: (e) => jsmError(e.message, 'sd.request.error.invalid'),
      invalidStatus: 400,
      badRequest: (message) => jsmError(message, 'sd.error.bad.request'),
    },
    paging: { style: 'offset', startParam: 'start', sizeParam: 'limit', defaultSize: 50, maxSize: 50 },
    rateLimit: {
      limit: 10_000,
      windowSeconds: 60,
      // Jira Cloud sends its rate-limit headers when a client nears or passes the limit, not on every answer.
      headers: (limit, remaining, reset) => {
        if (remaining === 0) {
          const {
            'content-type': _type,
            'retry-after': _retry,
            ...headers
          } = jiraRateLimitHeaders(new Date(), reset, limit);
          return headers;
        }
        return remaining < limit / 5 ? { 'x-ratelimit-nearlimit': 'true' } : {};
      },
      body: jsmError('Rate limit exceeded.', 'sd.rate.limit.exceeded'),
      contentType: 'application/json;charset=UTF-8',
    },
    collections: {
      serviceDesks: {
        path: `${SD}/servicedesk`,
        seed: jsmServiceDesks(),
        methods: ['list', 'get'],
        render: (d, ctx) => serviceDeskDto(ctx, d),
        listBody,
      },
      requestTypes: {
        path: `${SD}/servicedesk/:desk/requesttype`,
        scope: { desk: 'serviceDeskId' },
        seed: jsmRequestTypes(),
        methods: ['list', 'get'],
        filters: {
          searchQuery: (r, v) =>
            `${String(r.name)} ${String(r.description)}`.toLowerCase().includes(v.toLowerCase()),
        },
        render: (t, ctx) => requestTypeDto(ctx, t),
        listBody,
      },
      queues: {
        path: `${SD}/servicedesk/:desk/queue`,
        scope: { desk: 'serviceDeskId' },
        seed: jsmQueues(),
        methods: ['list', 'get'],
        render: ({ serviceDeskId, ...q }, ctx) => ({
          ...q,
          ...(ctx.query.includeCount === 'true'
            ? { issueCount: ctx.records('requests').filter((r) => r.serviceDeskId === serviceDeskId).length }
            : {}),
          _links: {
            self: `${ctx.baseUrl()}${SD}/servicedesk/${String(serviceDeskId)}/queue/${String(q.id)}`,
          },
        }),
        listBody,
      },
      organizations: {
        path: `${SD}/organization`,
        seed: jsmOrganizations(),
        methods: ['list', 'get', 'create', 'delete'],
        render: (o, ctx) => organizationDto(ctx, o),
        create: (input, ctx) => {
          if (typeof input.name !== 'string' || input.name.trim() === '')
            throw new ProviderValidationError('The organization name must not be empty.');
          return {
            id: String(ctx.nextId('organizations')),
            name: input.name,
            scimManaged: false,
            createdMs: Date.parse(ctx.now()),
            serviceDeskIds: [],
          };
        },
        listBody,
      },
      // Only created here (POST /customer); listed per service desk and read through the platform.
      customers: {
        path: `${SD}/customer`,
        seed: jsmCustomers(),
        methods: ['create'],
        render: ({ serviceDeskIds: _desks, ...c }, ctx) => ({
          ...c,
          name: c.accountId,
          key: c.accountId,
          _links: { self: `${ctx.baseUrl()}/rest/api/2/user?username=${String(c.accountId)}` },
        }),
        create: (input, ctx) => {
          if (typeof input.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email))
            throw new ProviderValidationError('The email address is invalid.');
          if (ctx.find('customers', (c) => c.emailAddress === input.email))
            throw new ProviderValidationError('An account already exists for this email.');
          return {
            accountId: `qm:a713c8ea-1075-4e30-9d96-891a7d181739:${Date.parse(ctx.now()).toString(16)}${ctx.records('customers').length.toString(16)}`,
            emailAddress: input.email,
            displayName: typeof input.displayName === 'string' ? input.displayName : input.email,
            active: true,
            timeZone: 'Australia/Sydney',
            serviceDeskIds: [],
          };
        },
      },
      // Atlassian accounts (agents, apps): read through the platform's user call (jsm-routes).
      agents: { path: '/rest/api/3/user', seed: jsmAgents(), methods: [] },
      requests: {
        path: `${SD}/request`,
        key: 'issueId',
        seed: jsmRequests(),
        methods: ['list', 'get', 'create'],
        // "Ordered chronologically by the latest activity on each request", latest first.
        order: (a, b) => Number(b.updatedMs) - Number(a.updatedMs) || Number(b.issueId) - Number(a.issueId),
        filters: {
          serviceDeskId: (r, v) => r.serviceDeskId === v,
          requestTypeId: (r, v) => r.requestTypeId === v,
          searchTerm: (r, v) => String(r.summary).toLowerCase().includes(v.toLowerCase().replace(/\*/g, '')),
          requestStatus: (r, v) =>
            v === 'ALL_REQUESTS' ||
            (JSM_STATUSES[String(r.status)].category === 'DONE') === (v === 'CLOSED_REQUESTS'),
        },
        render: (r, ctx) => requestDto(ctx, r),
        create: createRequest,
        listBody,
        webhook: (action, r, ctx, before) =>
          action === 'deleted' ? undefined : issueEvent(action, r, ctx, before),
      },
      comments: {
        path: `${SD}/request/:issue/comment`,
        scope: { issue: 'issueId' },
        seed: jsmComments(),
        methods: ['list', 'get', 'create'],
        order: (a, b) => Number(a.createdMs) - Number(b.createdMs),
        filters: {
          public: (c, v) => v !== 'false' || c.public === false,
          internal: (c, v) => v !== 'false' || c.public === true,
        },
        render: (c, ctx) => commentDto(ctx, c),
        create: (input, ctx) => {
          const issue = ctx.params.issue;
          if (!ctx.find('requests', (r) => r.issueId === issue))
            throw Object.assign(new Error(NOT_FOUND.requests[0]), { statusCode: 404 });
          if (typeof input.body !== 'string' || input.body.trim() === '')
            throw new ProviderValidationError('The comment body must not be empty.');
          if (typeof input.public !== 'boolean')
            throw new ProviderValidationError("The 'public' field is required.");
          return {
            id: String(ctx.nextId('comments')),
            issueId: issue,
            body: input.body,
            public: input.public,
            authorId: JSM_AGENT_ID,
            createdMs: Date.parse(ctx.now()),
          };
        },
        listBody,
        webhook: (action, c, ctx) => (action === 'deleted' ? undefined : commentEvent(action, c, ctx)),
      },
    },
    signWebhook: (body, secret) => signJiraDelivery(body, secret, newDeliveryUuid()),
    extraRoutes: (app, kit) => registerJsmRoutes(app, kit),
  };
}

export class JiraServiceManagementEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    const site: { emulator?: JiraServiceManagementEmulator } = {};
    super(
      jsmDescription(() => site.emulator?.url ?? ''),
      options,
    );
    site.emulator = this;
  }
}
