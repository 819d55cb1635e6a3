/**
 * ServiceNow's Table API described for the kit: incidents, journal entries, users, groups, companies,
 * choice lists, the dictionary and attachments (also through the Attachment API) of one instance. HTTP Basic (an integration user) or an OAuth bearer token;
 * `sysparm_offset`/`sysparm_limit` paging (10,000 by default) with `Link` (first, prev, next, last) and
 * `X-Total-Count`; rate-limit rule headers and a 429 with `Retry-After`; ServiceNow's error bodies
 * (errors.ts). Webhooks are the business-rule outbound messages of outbound.ts, sent with the
 * connection's secret in a header: ServiceNow signs nothing.
 */
import type { FastifyRequest } from 'fastify';
import {
  DescribedEmulator,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type EmulatorPaging,
  type PageInfo,
  type ProviderObject,
} from '../kit/described';
import { basicCredentials } from '../kit/provider-emulator';
import { failure, NO_RECORD, UNAUTHORIZED } from './errors';
import { outboundMessage, SERVICENOW_SECRET_HEADER } from './outbound';
import {
  SERVICENOW_SEED_PASSWORD,
  SERVICENOW_SEED_TOKEN,
  SERVICENOW_SEED_USERNAME,
  serviceNowAttachments,
  serviceNowChoices,
  serviceNowDictionary,
  serviceNowCompanies,
  serviceNowGroups,
  serviceNowIncidents,
  serviceNowJournal,
  serviceNowUsers,
} from './seed';
import { tableRoutes } from './table-routes';
import { attachmentRoutes } from './attachment-routes';

/** `<…>;rel="first",<…>;rel="prev",<…>;rel="next",<…>;rel="last"` as ServiceNow writes it. */
function linkHeaders(page: PageInfo): Record<string, string> {
  const at = (offset: number) => {
    const url = new URL(page.nextUrl ?? page.prevUrl ?? 'http://x/');
    url.searchParams.set('sysparm_offset', String(offset));
    return url.toString();
  };
  const size = page.size;
  const lastStart = Math.max(0, Math.floor((page.total - 1) / size) * size);
  const links = [
    page.nextUrl || page.prevUrl ? `<${at(0)}>;rel="first"` : undefined,
    page.prevUrl ? `<${page.prevUrl}>;rel="prev"` : undefined,
    page.nextUrl ? `<${page.nextUrl}>;rel="next"` : undefined,
    page.nextUrl || page.prevUrl ? `<${at(lastStart)}>;rel="last"` : undefined,
  ].filter(Boolean);
  return { 'x-total-count': String(page.total), ...(links.length > 0 ? { link: links.join(',') } : {}) };
}

const PAGING: EmulatorPaging = {
  style: 'offset',
  startParam: 'sysparm_offset',
  sizeParam: 'sysparm_limit',
  defaultSize: 10000,
  maxSize: 10000,
  headers: linkHeaders,
};

/** The user name a request acts as; a bearer token is the integration user's. */
function callerOf(request: FastifyRequest): string {
  return basicCredentials(request)?.username ?? SERVICENOW_SEED_USERNAME;
}

/** Storage only: every route is the Table API's (table-routes.ts). */
const table = (name: string, seed: ProviderObject[]) => ({
  path: `/api/now/table/${name}`,
  seed,
  methods: [],
  webhook: outboundMessage(name),
});

export const SERVICENOW_EMULATOR: EmulatorDescription = {
  provider: 'servicenow',
  apiPrefix: '/api/now/',
  credentials: {
    username: SERVICENOW_SEED_USERNAME,
    password: SERVICENOW_SEED_PASSWORD,
    token: SERVICENOW_SEED_TOKEN,
  },
  authorized: (request, credentials) => {
    if (request.headers.authorization === `Bearer ${credentials.token}`) return true;
    const basic = basicCredentials(request);
    return basic?.username === credentials.username && basic.password === credentials.password;
  },
  errors: {
    unauthorized: () => UNAUTHORIZED,
    notFound: () => NO_RECORD,
    // Refused writes are 403 "Operation Failed", answered by table-routes.ts itself.
    invalid: (e) => failure(e.message),
    invalidStatus: 400,
    badRequest: (message) =>
      message.startsWith('Malformed JSON')
        ? failure('Exception while reading request', message)
        : failure(message),
  },
  paging: PAGING,
  rateLimit: {
    // A rate limit rule for the integration user: 1,000 requests an hour.
    limit: 1000,
    windowSeconds: 3600,
    headers: (limit, remaining, resetSeconds, nowSeconds) => ({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(nowSeconds + resetSeconds),
    }),
    body: failure('Rate limit exceeded', 'Too many requests for this user and resource; see Retry-After'),
  },
  collections: {
    incident: table('incident', serviceNowIncidents()),
    sys_journal_field: table('sys_journal_field', serviceNowJournal()),
    sys_user: table('sys_user', serviceNowUsers()),
    sys_user_group: table('sys_user_group', serviceNowGroups()),
    core_company: table('core_company', serviceNowCompanies()),
    sys_choice: table('sys_choice', serviceNowChoices()),
    sys_dictionary: table('sys_dictionary', serviceNowDictionary()),
    sys_attachment: table('sys_attachment', serviceNowAttachments()),
  },
  signWebhook: (_body, secret) => ({ [SERVICENOW_SECRET_HEADER.toLowerCase()]: secret }),
  extraRoutes: (app, kit) => {
    tableRoutes(app, kit, PAGING, (ctx) => callerOf(ctx.request));
    attachmentRoutes(app, kit, PAGING);
  },
};

export class ServiceNowEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(SERVICENOW_EMULATOR, options);
  }
}
