import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { freshdesk } from '../freshdesk';
import { freshserviceComments } from './comment.mapping';
import {
  freshserviceFields,
  freshserviceTicketPriorities,
  freshserviceTicketStatuses,
  freshserviceTicketTypes,
} from './configuration.mapping';
import {
  freshserviceAccounts,
  freshserviceContacts,
  freshserviceTeams,
  freshserviceUsers,
} from './people.mapping';
import { freshserviceTasks, freshserviceWorkspaces } from './structure.mapping';
import { freshserviceTickets } from './ticket.mapping';
import { freshserviceWebhooks } from './webhooks';

/**
 * Freshservice over its REST API v2 (https://api.freshservice.com/), one service desk per connection.
 * Freshservice publishes no OpenAPI description: shapes follow its reference. Tags, attachments and
 * collections have no counterpart here (docs/providers/freshservice.md).
 */
export const freshservice: ProviderDefinition = {
  name: 'freshservice',
  displayName: 'Freshservice',
  baseUrl: '"https://" & settings.domain & ".freshservice.com"',
  // The API key is the user name; the password is ignored and conventionally `X`.
  auth: { scheme: 'basic', username: 'credentials.api_key', password: '"X"' },
  credentials: {
    api_key: {
      label: 'API key',
      pattern: '^\\S+$',
      description: "An agent's API key (Profile settings > API key); the agent's privileges apply",
    },
  },
  connectionSettings: {
    domain: {
      description: 'The service desk subdomain: `acme` for https://acme.freshservice.com',
      required: true,
      pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
    },
  },
  pagination: { strategy: 'link-header', sizeParam: 'per_page', maxPageSize: 100 },
  // A 429 carries `Retry-After`; other answers the credits of the current minute.
  rateLimit: { limitHeader: 'x-ratelimit-total', remainingHeader: 'x-ratelimit-remaining' },
  // Freshworks v2 bodies, as Freshdesk's: `{"description":"Validation failed","errors":[…]}` or `{"code","message"}`.
  errorMessage: freshdesk.errorMessage,
  resources: {
    tickets: polled(freshserviceTickets, POLL_UPDATED_SINCE),
    comments: polled(freshserviceComments, POLL_PER_TICKET),
    contacts: freshserviceContacts,
    accounts: freshserviceAccounts,
    users: freshserviceUsers,
    teams: freshserviceTeams,
    fields: freshserviceFields,
    ticket_status: freshserviceTicketStatuses,
    ticket_priorities: freshserviceTicketPriorities,
    ticket_types: freshserviceTicketTypes,
    tasks: freshserviceTasks,
    workspaces: freshserviceWorkspaces,
  },
  webhooks: freshserviceWebhooks,
};
