import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { freshdeskComments } from './comment.mapping';
import {
  freshdeskFields,
  freshdeskTicketPriorities,
  freshdeskTicketStatuses,
  freshdeskTicketTypes,
} from './configuration.mapping';
import { freshdeskAccounts, freshdeskContacts, freshdeskTeams, freshdeskUsers } from './people.mapping';
import { freshdeskTickets } from './ticket.mapping';
import { freshdeskWebhooks } from './webhooks';

/**
 * Freshdesk over its REST API v2 (https://developers.freshdesk.com/api/), one helpdesk per connection.
 * Freshdesk publishes no OpenAPI description: shapes follow its reference. Tags, attachments as their
 * own resource, workspaces and collections have no counterpart here (docs/providers/freshdesk.md).
 */
export const freshdesk: ProviderDefinition = {
  name: 'freshdesk',
  displayName: 'Freshdesk',
  baseUrl: '"https://" & settings.domain & ".freshdesk.com"',
  // The API key is the user name; the password is ignored by Freshdesk and conventionally `X`.
  auth: { scheme: 'basic', username: 'credentials.api_key', password: '"X"' },
  credentials: {
    api_key: {
      label: 'API key',
      pattern: '^\\S+$',
      description: "An agent's API key (Profile settings > View API key); the agent's privileges apply",
    },
  },
  connectionSettings: {
    domain: {
      description: 'The helpdesk subdomain: `acme` for https://acme.freshdesk.com',
      required: true,
      pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
    },
  },
  pagination: { strategy: 'link-header', sizeParam: 'per_page', maxPageSize: 100 },
  // A 429 carries `Retry-After`; other answers the credits of the current window.
  rateLimit: { limitHeader: 'x-ratelimit-total', remainingHeader: 'x-ratelimit-remaining' },
  // `{"description":"Validation failed","errors":[{field,message,code}]}` or `{"code","message"}`; a 404 has no body.
  errorMessage: `$exists(errors)
    ? (description ? description : "Validation failed") & ": " & $join(errors.(field & " " & message), "; ")
    : message ? message : description ? description : code`,
  resources: {
    tickets: polled(freshdeskTickets, POLL_UPDATED_SINCE),
    comments: polled(freshdeskComments, POLL_PER_TICKET),
    contacts: freshdeskContacts,
    accounts: freshdeskAccounts,
    users: freshdeskUsers,
    teams: freshdeskTeams,
    fields: freshdeskFields,
    ticket_status: freshdeskTicketStatuses,
    ticket_priorities: freshdeskTicketPriorities,
    ticket_types: freshdeskTicketTypes,
  },
  webhooks: freshdeskWebhooks,
};
