import type { ProviderDefinition } from '../definition';
import { POLL_PER_TICKET, pollNewestUpdatedFirst, polled } from '../poll-marks';
import { gorgiasFields, gorgiasTicketPriorities, gorgiasTicketStatuses } from './configuration.mapping';
import { gorgiasContacts, gorgiasTags, gorgiasTeams, gorgiasUsers } from './people.mapping';
import { gorgiasComments, gorgiasTickets } from './ticket.mapping';
import { gorgiasWebhooks } from './webhooks';

/**
 * Gorgias over its REST API (https://developers.gorgias.com/reference), one account per connection.
 * Gorgias publishes no OpenAPI description: shapes follow its reference docs. Accounts (companies),
 * ticket types and collections have no counterpart (docs/providers/gorgias.md).
 */
export const gorgias: ProviderDefinition = {
  name: 'gorgias',
  displayName: 'Gorgias',
  baseUrl: '"https://" & settings.domain & ".gorgias.com"',
  // A user's e-mail and one of the account's REST API keys (Settings > REST API).
  auth: { scheme: 'basic', username: 'credentials.email', password: 'credentials.api_key' },
  credentials: {
    email: {
      label: 'E-mail',
      secret: false,
      description: 'The e-mail address of the Gorgias user the API key belongs to',
    },
    api_key: {
      label: 'API key',
      pattern: '^\\S+$',
      description: 'A REST API key of the account (Settings > REST API)',
    },
  },
  connectionSettings: {
    domain: {
      description: 'The account subdomain: `acme` for https://acme.gorgias.com',
      required: true,
      pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
    },
    agent_user_id: {
      description:
        'The Gorgias user who signs comments written without an author (Gorgias requires a sender)',
      required: false,
      pattern: '^[0-9]+$',
    },
  },
  pagination: {
    strategy: 'next-page-token',
    tokenParam: 'cursor',
    sizeParam: 'limit',
    maxPageSize: 100,
    tokenPath: 'meta.next_cursor',
  },
  // A 429 carries `Retry-After`; every answer `X-Gorgias-Account-Api-Call-Limit: used/limit`.
  rateLimit: {},
  // `{"error": {"msg": "...", "data": {"field": ["message"]}}}`.
  errorMessage: `error.data and $type(error.data) = "object"
    ? error.msg & ": " & $join($each(error.data, function($v, $k) { $k & " " & ($type($v) = "array" ? $join($v.$string($), " ") : $string($v)) }), "; ")
    : error.msg ? error.msg : message`,
  resources: {
    // The ticket list sorts by update time (`order_by=updated_datetime:desc`) and a new message moves its
    // ticket's `updated_datetime`: messages are polled per changed ticket.
    tickets: polled(gorgiasTickets, pollNewestUpdatedFirst({ order_by: 'updated_datetime:desc' })),
    comments: polled(gorgiasComments, POLL_PER_TICKET),
    contacts: gorgiasContacts,
    users: gorgiasUsers,
    teams: gorgiasTeams,
    tags: gorgiasTags,
    fields: gorgiasFields,
    ticket_status: gorgiasTicketStatuses,
    ticket_priorities: gorgiasTicketPriorities,
  },
  webhooks: gorgiasWebhooks,
};
