import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { intercomComments } from './comment.mapping';
import { intercomTags, intercomTicketStatuses, intercomTicketTypes } from './configuration.mapping';
import { intercomAccounts, intercomContacts, intercomTeams, intercomUsers } from './people.mapping';
import { intercomTickets } from './ticket.mapping';
import { intercomWebhooks } from './webhooks';

/**
 * Intercom tickets over the REST API (version 2.16, `Intercom-Version` header), one workspace per
 * connection, in the region its data is hosted (US, EU or Australia). Conversations are not exposed
 * as tickets (docs/providers/intercom.md).
 */
export const intercom: ProviderDefinition = {
  name: 'intercom',
  displayName: 'Intercom',
  baseUrl: `settings.region = "eu"
    ? "https://api.eu.intercom.io"
    : settings.region = "au" ? "https://api.au.intercom.io" : "https://api.intercom.io"`,
  // Access tokens of private apps and OAuth tokens of public apps both go as a bearer token.
  auth: { scheme: 'bearer', token: 'credentials.access_token' },
  credentials: {
    access_token: {
      label: 'Access token',
      pattern: '^\\S+$',
      description: "The app's access token (Developer Hub → Authentication) or an OAuth token",
    },
  },
  connectionSettings: {
    region: {
      description: 'Where the workspace is hosted: `us` (default), `eu` or `au`',
      required: false,
      pattern: '^(us|eu|au)$',
    },
    default_admin_id: {
      description: 'The admin replies and notes are written as when a comment names no author',
      required: false,
      pattern: '^[0-9]+$',
    },
    default_ticket_type_id: {
      description: 'The ticket type of tickets created without one',
      required: false,
      pattern: '^[0-9]+$',
    },
    default_contact_id: {
      description: 'The contact of tickets created without one (Intercom requires one contact)',
      required: false,
      pattern: '^[A-Za-z0-9_-]+$',
    },
  },
  headers: { 'intercom-version': '2.16' },
  pagination: {
    strategy: 'next-page-token',
    tokenParam: 'starting_after',
    sizeParam: 'per_page',
    maxPageSize: 150,
    tokenPath: 'pages.next.starting_after',
  },
  rateLimit: {
    limitHeader: 'x-ratelimit-limit',
    remainingHeader: 'x-ratelimit-remaining',
    resetHeader: 'x-ratelimit-reset',
    resetFormat: 'unix-seconds',
  },
  // `{"type": "error.list", "errors": [{"code": "parameter_invalid", "message": "…"}]}`.
  errorMessage: `errors
    ? $join(errors.(message ? message : code), "; ")
    : $type(message) = "string" ? message : error`,
  resources: {
    tickets: polled(intercomTickets, POLL_UPDATED_SINCE),
    comments: polled(intercomComments, POLL_PER_TICKET),
    ticket_types: intercomTicketTypes,
    ticket_status: intercomTicketStatuses,
    contacts: intercomContacts,
    accounts: intercomAccounts,
    users: intercomUsers,
    teams: intercomTeams,
    tags: intercomTags,
  },
  webhooks: intercomWebhooks,
  officialDescription: { kind: 'openapi', files: ['intercom/api.intercom.io.2.16.yaml'] },
};
