import type { ProviderDefinition } from '../definition';
import { pollNewestUpdatedFirst, polled } from '../poll-marks';
import {
  zohoFields,
  zohoTicketPriorities,
  zohoTicketStatuses,
  zohoTicketTypes,
} from './configuration.mapping';
import { zohoAccounts, zohoCollections, zohoContacts, zohoTeams, zohoUsers } from './people.mapping';
import { zohoComments, zohoTickets } from './ticket.mapping';
import { zohoDeskWebhooks } from './webhooks';

/** Zoho's data centres: the setting's value → the Desk API host there. */
export const ZOHO_DESK_HOSTS: Record<string, string> = {
  com: 'desk.zoho.com',
  eu: 'desk.zoho.eu',
  in: 'desk.zoho.in',
  'com.au': 'desk.zoho.com.au',
  jp: 'desk.zoho.jp',
  'com.cn': 'desk.zoho.com.cn',
  sa: 'desk.zoho.sa',
  // Zoho's Canadian data centre is served from zohocloud.ca.
  ca: 'desk.zohocloud.ca',
};

/** Zoho's accounts (OAuth) server in each data centre. */
export const ZOHO_ACCOUNTS_HOSTS: Record<string, string> = Object.fromEntries(
  Object.entries(ZOHO_DESK_HOSTS).map(([dc, host]) => [dc, host.replace(/^desk\./, 'accounts.')]),
);

const ZOHO_AUTH = {
  scheme: 'header' as const,
  name: 'Authorization',
  value: '"Zoho-oauthtoken " & credentials.access_token',
};

/** The accounts server of the connection's data centre (`base_url`: the emulator serves it too). */
const accountsUrl = (path: string) =>
  `(settings.base_url ? settings.base_url : "https://" & $lookup(${JSON.stringify(ZOHO_ACCOUNTS_HOSTS)}, settings.data_centre ? settings.data_centre : "com")) & "${path}"`;

/**
 * Zoho Desk over its REST API v1 (https://desk.zoho.com/DeskAPIDocument), one organization per
 * connection in the data centre the connection names. Zoho publishes no OpenAPI description: shapes
 * follow its reference docs (docs/providers/zoho_desk.md has each mapping decision and gap).
 */
export const zohoDesk: ProviderDefinition = {
  name: 'zoho_desk',
  displayName: 'Zoho Desk',
  baseUrl: `"https://" & $lookup(${JSON.stringify(ZOHO_DESK_HOSTS)}, settings.data_centre ? settings.data_centre : "com")`,
  // Zoho's OAuth access tokens go in its own scheme, not `Bearer`.
  auth: ZOHO_AUTH,
  // Zoho's authorization-code flow on the data centre's accounts server; `access_type=offline` with
  // `prompt=consent` is what makes Zoho hand out a refresh token. Access tokens last an hour.
  oauth2: {
    authorizeUrl: accountsUrl('/oauth/v2/auth'),
    tokenUrl: accountsUrl('/oauth/v2/token'),
    scopes: ['Desk.tickets.ALL', 'Desk.contacts.ALL', 'Desk.basic.READ', 'Desk.settings.READ'],
    scopeSeparator: ',',
    pkce: false,
    authorizeParams: { access_type: 'offline', prompt: 'consent' },
    auth: ZOHO_AUTH,
  },
  credentials: {
    access_token: {
      label: 'Access token',
      pattern: '^\\S+$',
      description:
        'A Zoho OAuth access token with the Desk scopes (Desk.tickets.ALL, Desk.contacts.ALL, Desk.basic.READ, Desk.settings.READ)',
    },
  },
  connectionSettings: {
    org_id: {
      description:
        'The Zoho Desk organization id (Setup > Developer Space > API), sent as the `orgId` header',
      required: true,
      pattern: '^[0-9]+$',
    },
    data_centre: {
      description: 'The Zoho data centre of the account: com (default), eu, in, com.au, jp, com.cn, sa or ca',
      required: false,
      pattern: '^(com|eu|in|com\\.au|jp|com\\.cn|sa|ca)$',
    },
    department_id: {
      description: 'The department new tickets go to when the ticket names none (Zoho requires one)',
      required: false,
      pattern: '^[0-9]+$',
    },
  },
  settingHeaders: { orgId: 'settings.org_id' },
  pagination: { strategy: 'offset', startParam: 'from', sizeParam: 'limit', maxPageSize: 100 },
  errorMessage: `$exists(errors) and $count(errors) > 0
    ? message & ": " & $join(errors.(fieldName & " " & errorType & (errorMessage ? " (" & errorMessage & ")" : "")), "; ")
    : message ? message : errorCode`,
  resources: {
    // The ticket list sorts by modification time, newest first (`sortBy=-modifiedTime`). Comments are not
    // polled: nothing says a comment moves its ticket's modifiedTime (docs/providers/zoho_desk.md).
    tickets: polled(zohoTickets, pollNewestUpdatedFirst({ sortBy: '-modifiedTime' })),
    comments: zohoComments,
    contacts: zohoContacts,
    accounts: zohoAccounts,
    users: zohoUsers,
    teams: zohoTeams,
    collections: zohoCollections,
    fields: zohoFields,
    ticket_status: zohoTicketStatuses,
    ticket_priorities: zohoTicketPriorities,
    ticket_types: zohoTicketTypes,
  },
  webhooks: zohoDeskWebhooks,
};
