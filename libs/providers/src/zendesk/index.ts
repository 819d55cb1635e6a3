import { POLL_PER_TICKET, POLL_UPDATED_SINCE, POLL_WHOLE_LIST } from '../poll-marks';
import type { MethodDefinition, ProviderDefinition } from '../definition';
import {
  zendeskCommentCreateBody,
  zendeskCommentCompared,
  zendeskCommentCreateResponse,
  zendeskCommentListResponse,
  zendeskCommentRecord,
} from './comment.mapping';
import {
  zendeskAttachmentListResponse,
  zendeskAttachmentUpload,
  zendeskAttachmentRecord,
  zendeskCollectionRecord,
  zendeskFieldCreateBody,
  zendeskFieldOptionRecord,
  zendeskFieldRecord,
  zendeskFieldUpdateBody,
  zendeskPrioritiesResponse,
  zendeskTagRecord,
  zendeskTeamBody,
  zendeskTeamRecord,
  zendeskTicketStatusCreateBody,
  zendeskTicketStatusRecord,
  zendeskTicketStatusUpdateBody,
  zendeskTicketTypesResponse,
  zendeskWorkspaceCreateBody,
  zendeskWorkspaceRecord,
  zendeskWorkspaceUpdateBody,
} from './configuration.mapping';
import {
  zendeskAccountBody,
  zendeskAccountRecord,
  zendeskContactCreateBody,
  zendeskContactRecord,
  zendeskContactUpdateBody,
  zendeskUserCreateBody,
  zendeskUserRecord,
  zendeskUserUpdateBody,
} from './people.mapping';
import {
  zendeskTicketCompared,
  zendeskTicketCreateBody,
  zendeskTicketGetResponse,
  zendeskTicketListPath,
  zendeskTicketListQuery,
  zendeskTicketListResponse,
  zendeskTicketRecord,
  zendeskTicketUpdateBody,
} from './ticket.mapping';
import { zendeskWebhooks } from './webhooks';

/**
 * The standard CRUD set of a Zendesk collection (`/api/v2/groups`, `{"group": {...}}`). Writes read the
 * record back: Zendesk normalises values (tags, labels) and silently ignores attributes it does not know.
 */
function crud(
  collection: string,
  key: string,
  bodies: { create?: string; update?: string },
  methods: ('list' | 'get' | 'create' | 'update' | 'delete')[] = [
    'list',
    'get',
    'create',
    'update',
    'delete',
  ],
): Partial<Record<'list' | 'get' | 'create' | 'update' | 'delete', MethodDefinition>> {
  const item = `"/api/v2/${collection}/" & id`;
  const all: Record<string, MethodDefinition> = {
    list: { method: 'GET', path: `"/api/v2/${collection}"`, response: collection },
    get: { method: 'GET', path: item, response: key },
    create: {
      method: 'POST',
      path: `"/api/v2/${collection}"`,
      body: bodies.create,
      response: key,
      readBack: true,
    },
    update: { method: 'PUT', path: item, body: bodies.update, response: key, readBack: true },
    delete: { method: 'DELETE', path: item },
  };
  return Object.fromEntries(methods.map((m) => [m, all[m]]));
}

const ticketPath = '"/api/v2/tickets/" & id';

export const zendesk: ProviderDefinition = {
  name: 'zendesk',
  displayName: 'Zendesk Support',
  baseUrl: '"https://" & settings.subdomain & ".zendesk.com"',
  auth: { scheme: 'basic', username: 'credentials.email & "/token"', password: 'credentials.api_token' },
  credentials: {
    email: {
      label: 'E-mail',
      secret: false,
      description: 'E-mail address of the Zendesk user the API token acts for (an agent or admin)',
    },
    api_token: {
      label: 'API token',
      description: 'Zendesk API token (Admin Center > Apps and integrations > Zendesk API)',
    },
  },
  // OAuth on the account's own host (the subdomain is asked before the redirect); tokens expire and
  // come with a rotating refresh token.
  oauth2: {
    authorizeUrl:
      '(settings.base_url ? settings.base_url : "https://" & settings.subdomain & ".zendesk.com") & "/oauth/authorizations/new"',
    tokenUrl:
      '(settings.base_url ? settings.base_url : "https://" & settings.subdomain & ".zendesk.com") & "/oauth/tokens"',
    scopes: ['read', 'write'],
    pkce: true,
    // The token revokes itself (Zendesk's "revoking a known access token").
    revoke: {
      url: 'base_url & "/api/v2/oauth/tokens/current.json"',
      method: 'DELETE',
      authenticate: 'token',
    },
  },
  connectionSettings: {
    subdomain: {
      description: 'The account subdomain: `acme` for https://acme.zendesk.com',
      required: true,
      pattern: '^[a-z0-9][a-z0-9-]*$',
    },
  },
  pagination: {
    strategy: 'cursor',
    sizeParam: 'page[size]',
    cursorParam: 'page[after]',
    maxPageSize: 100,
    hasMorePath: 'meta.has_more',
    cursorPath: 'meta.after_cursor',
  },
  rateLimit: {
    limitHeader: 'x-rate-limit',
    remainingHeader: 'x-rate-limit-remaining',
    resetHeader: 'ratelimit-reset',
    resetFormat: 'seconds-from-now',
  },
  errorMessage: `
    $type(error) = "string"
      ? error & (description ? ": " & description : "")
          & (details ? " (" & $join(details.*.description, "; ") & ")" : "")
      : error.title ? error.title & ": " & error.message`,
  resources: {
    tickets: {
      record: zendeskTicketRecord,
      // Deleted tickets come from Zendesk's own list within one ticket interval (newest first, one
      // page; that endpoint allows 10 calls a minute), not only from the hourly reconciliation.
      poll: {
        ...POLL_UPDATED_SINCE,
        compare: zendeskTicketCompared,
        deletedList: {
          path: '"/api/v2/deleted_tickets"',
          query: '{ "sort_by": "deleted_at", "sort_order": "desc", "per_page": "100" }',
          ids: '[deleted_tickets.$string(id)]',
        },
      },
      methods: {
        list: {
          method: 'GET',
          path: zendeskTicketListPath,
          query: zendeskTicketListQuery,
          response: zendeskTicketListResponse,
          filters: { created_at: ['gt', 'gte', 'lt', 'lte'], updated_at: ['gt', 'gte', 'lt', 'lte'] },
        },
        get: {
          method: 'GET',
          path: ticketPath,
          query: '{ "include": "users" }',
          response: zendeskTicketGetResponse,
        },
        create: {
          method: 'POST',
          path: '"/api/v2/tickets"',
          body: zendeskTicketCreateBody,
          response: 'ticket',
          readBack: true,
        },
        update: {
          method: 'PUT',
          path: ticketPath,
          body: zendeskTicketUpdateBody,
          response: 'ticket',
          readBack: true,
        },
        delete: { method: 'DELETE', path: ticketPath },
      },
    },
    comments: {
      record: zendeskCommentRecord,
      poll: { ...POLL_PER_TICKET, compare: zendeskCommentCompared },
      methods: {
        list: {
          method: 'GET',
          path: '"/api/v2/tickets/" & query.ticket_id & "/comments"',
          query: '{ "include": "users" }',
          response: zendeskCommentListResponse,
          requiredQuery: ['ticket_id'],
        },
        create: {
          method: 'PUT',
          path: '"/api/v2/tickets/" & body.ticket.id',
          body: zendeskCommentCreateBody,
          response: zendeskCommentCreateResponse,
        },
      },
    },
    attachments: {
      record: zendeskAttachmentRecord,
      poll: POLL_PER_TICKET,
      methods: {
        list: {
          method: 'GET',
          path: '"/api/v2/tickets/" & query.ticket_id & "/comments"',
          query: '{ "include": "users" }',
          response: zendeskAttachmentListResponse,
          requiredQuery: ['ticket_id'],
        },
        // With the ticket, its comments give the uploader and the time, as the list does; without it,
        // Zendesk's attachment endpoint knows neither.
        get: {
          method: 'GET',
          path: `query.ticket_id
            ? "/api/v2/tickets/" & $encodeUrlComponent(query.ticket_id) & "/comments"
            : "/api/v2/attachments/" & $encodeUrlComponent(id)`,
          query: '{ "include": "users" }',
          response: `$exists(attachment) ? attachment : (${zendeskAttachmentListResponse})[$string(id) = $request.id]`,
        },
      },
      upload: zendeskAttachmentUpload,
      // The content URL (`/attachments/token/…`) redirects to Zendesk's content host, which takes no
      // credentials of ours: the signed URL is the permission.
      download: { fromRecord: 'file_url', redirectHosts: ['*.zdusercontent.com'] },
    },
    users: {
      record: zendeskUserRecord,
      poll: POLL_WHOLE_LIST,
      methods: {
        ...crud('users', 'user', { create: zendeskUserCreateBody, update: zendeskUserUpdateBody }),
        // Zendesk filters staff with repeated `role[]` parameters, which the engine cannot send yet:
        // every user is paged through and end users are dropped here.
        list: { method: 'GET', path: '"/api/v2/users"', response: '[users[role != "end-user"]]' },
      },
    },
    contacts: {
      record: zendeskContactRecord,
      poll: POLL_WHOLE_LIST,
      methods: {
        ...crud('users', 'user', { create: zendeskContactCreateBody, update: zendeskContactUpdateBody }),
        list: { method: 'GET', path: '"/api/v2/users"', query: '{ "role": "end-user" }', response: 'users' },
      },
    },
    accounts: {
      record: zendeskAccountRecord,
      poll: POLL_WHOLE_LIST,
      methods: crud('organizations', 'organization', {
        create: zendeskAccountBody,
        update: zendeskAccountBody,
      }),
    },
    teams: {
      record: zendeskTeamRecord,
      poll: POLL_WHOLE_LIST,
      methods: crud('groups', 'group', { create: zendeskTeamBody, update: zendeskTeamBody }),
    },
    workspaces: {
      record: zendeskWorkspaceRecord,
      poll: POLL_WHOLE_LIST,
      methods: crud('brands', 'brand', {
        create: zendeskWorkspaceCreateBody,
        update: zendeskWorkspaceUpdateBody,
      }),
    },
    fields: {
      record: zendeskFieldRecord,
      poll: POLL_WHOLE_LIST,
      methods: crud('ticket_fields', 'ticket_field', {
        create: zendeskFieldCreateBody,
        update: zendeskFieldUpdateBody,
      }),
    },
    ticket_status: {
      record: zendeskTicketStatusRecord,
      poll: POLL_WHOLE_LIST,
      methods: {
        ...crud(
          'custom_statuses',
          'custom_status',
          { create: zendeskTicketStatusCreateBody, update: zendeskTicketStatusUpdateBody },
          ['get', 'create', 'update'],
        ),
        // "No pagination is provided" for custom statuses: one answer holds them all.
        list: {
          method: 'GET',
          path: '"/api/v2/custom_statuses"',
          response: 'custom_statuses',
          pagination: { strategy: 'none' },
        },
      },
    },
    ticket_priorities: {
      record: zendeskFieldOptionRecord,
      poll: POLL_WHOLE_LIST,
      methods: {
        list: {
          method: 'GET',
          path: '"/api/v2/ticket_fields"',
          response: zendeskPrioritiesResponse,
          pagination: { strategy: 'none' },
        },
      },
    },
    ticket_types: {
      record: zendeskFieldOptionRecord,
      poll: POLL_WHOLE_LIST,
      methods: {
        list: {
          method: 'GET',
          path: '"/api/v2/ticket_fields"',
          response: zendeskTicketTypesResponse,
          pagination: { strategy: 'none' },
        },
      },
    },
    tags: {
      record: zendeskTagRecord,
      poll: POLL_WHOLE_LIST,
      methods: { list: { method: 'GET', path: '"/api/v2/tags"', response: 'tags' } },
    },
    collections: {
      record: zendeskCollectionRecord,
      poll: POLL_WHOLE_LIST,
      methods: crud('views', 'view', {}, ['list', 'get']),
    },
  },
  webhooks: zendeskWebhooks,
};
