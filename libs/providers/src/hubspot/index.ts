import type { ProviderDefinition } from '../definition';
import { POLL_UPDATED_SINCE, polled } from '../poll-marks';
import { hubspotComments } from './comment.mapping';
import {
  hubspotFields,
  hubspotTicketPriorities,
  hubspotTicketStatuses,
  hubspotTicketTypes,
} from './configuration.mapping';
import { hubspotAccounts, hubspotContacts, hubspotTeams, hubspotUsers } from './people.mapping';
import { hubspotTicketChanges, hubspotTicketCompared, hubspotTickets } from './ticket.mapping';
import { hubspotWebhooks } from './webhooks';

/**
 * HubSpot Service Hub tickets over the CRM v3 API (https://developers.hubspot.com/docs/api/crm/tickets),
 * one HubSpot account (portal) per connection. HubSpot's own API description is not licensed for us to
 * keep: shapes follow its reference docs and no contract check runs (docs/providers/hubspot.md).
 */
export const hubspot: ProviderDefinition = {
  name: 'hubspot',
  displayName: 'HubSpot',
  baseUrl: '"https://api.hubapi.com"',
  // A private app's access token (or an OAuth access token), sent as a bearer token.
  auth: { scheme: 'bearer', token: 'credentials.access_token' },
  credentials: {
    access_token: {
      label: 'Access token',
      pattern: '^\\S+$',
      description:
        'A private app access token (Settings > Integrations > Private apps) with the scopes ' +
        'docs/providers/hubspot.md lists (tickets, contacts, companies, owners, teams)',
    },
  },
  connectionSettings: {
    portal_id: {
      description: 'The HubSpot account id (Hub ID), for links to tickets in HubSpot',
      required: false,
      pattern: '^[0-9]+$',
    },
    pipeline_id: {
      description: 'The ticket pipeline new tickets go to (default `0`, the Support Pipeline)',
      required: false,
      pattern: '^[A-Za-z0-9_-]+$',
    },
  },
  pagination: {
    strategy: 'next-page-token',
    tokenParam: 'after',
    sizeParam: 'limit',
    maxPageSize: 100,
    tokenPath: 'paging.next.after',
  },
  // Private apps: a rolling 10-second window (`X-HubSpot-RateLimit-Max/-Remaining`) and a daily quota.
  rateLimit: { limitHeader: 'x-hubspot-ratelimit-max', remainingHeader: 'x-hubspot-ratelimit-remaining' },
  // `{"status":"error","message":…,"correlationId":…,"category":…}`, validation details in `errors`.
  errorMessage: `message ? message & ($count(errors) > 0 ? ": " & $join(errors.message, "; ") : "") : category`,
  resources: {
    // Changes through the CRM search (filters on hs_lastmodifieddate); whole listings through the list.
    tickets: polled(hubspotTickets, {
      ...POLL_UPDATED_SINCE,
      list: hubspotTicketChanges,
      compare: hubspotTicketCompared,
    }),
    comments: hubspotComments,
    contacts: hubspotContacts,
    accounts: hubspotAccounts,
    users: hubspotUsers,
    teams: hubspotTeams,
    ticket_status: hubspotTicketStatuses,
    ticket_priorities: hubspotTicketPriorities,
    ticket_types: hubspotTicketTypes,
    fields: hubspotFields,
  },
  webhooks: hubspotWebhooks,
};
