import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { helpScoutComments } from './comment.mapping';
import { helpScoutCollections, helpScoutFields, helpScoutTags } from './configuration.mapping';
import { helpScoutContacts, helpScoutTeams, helpScoutUsers } from './people.mapping';
import { helpScoutTickets } from './ticket.mapping';
import { helpScoutWebhooks } from './webhooks';

/**
 * Help Scout over its Mailbox API 2.0 (https://developer.helpscout.net/mailbox-api/): conversations as
 * tickets, threads as comments. Help Scout publishes no OpenAPI description: shapes follow its
 * reference docs and no contract check runs (docs/providers/help_scout.md).
 */
export const helpScout: ProviderDefinition = {
  name: 'help_scout',
  displayName: 'Help Scout',
  baseUrl: '"https://api.helpscout.net"',
  auth: { scheme: 'bearer', token: 'credentials.access_token' },
  credentials: {
    access_token: {
      label: 'Access token',
      pattern: '^\\S+$',
      description:
        'An OAuth 2.0 access token of a Help Scout app (client credentials: POST /v2/oauth2/token with the ' +
        "app id and secret); it expires after two days and is then replaced in the connection's credentials",
    },
  },
  connectionSettings: {
    mailbox_id: {
      description: 'The mailbox new conversations go to and whose custom fields are listed',
      required: true,
      pattern: '^[0-9]+$',
    },
  },
  // Fixed pages (25 conversations, 50 of anything else) and `_links.next`: the engine cuts them to the limit.
  pagination: { strategy: 'next-url', urlPath: '_links.next.href', maxPageSize: 50 },
  // 200 or 400 requests a minute by plan; `X-RateLimit-Retry-After` on a 429.
  rateLimit: {
    limitHeader: 'x-ratelimit-limit-minute',
    remainingHeader: 'x-ratelimit-remaining-minute',
    resetHeader: 'x-ratelimit-retry-after',
    resetFormat: 'seconds-from-now',
  },
  // `{"message": "Bad request", "_embedded": {"errors": [{"path", "message", …}]}}`, also as vnd.error.
  errorMessage: `$count(_embedded.errors) > 0
    ? message & ": " & $join(_embedded.errors.(path ? path & " " & message : message), "; ")
    : (message ? message : error_description ? error_description : error)`,
  resources: {
    tickets: polled(helpScoutTickets, POLL_UPDATED_SINCE),
    comments: polled(helpScoutComments, POLL_PER_TICKET),
    contacts: helpScoutContacts,
    users: helpScoutUsers,
    teams: helpScoutTeams,
    tags: helpScoutTags,
    collections: helpScoutCollections,
    fields: helpScoutFields,
  },
  webhooks: helpScoutWebhooks,
};
