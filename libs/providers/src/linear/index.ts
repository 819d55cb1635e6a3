import { POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { linearComments } from './comment.mapping';
import { linearTags } from './tag.mapping';
import { linearTickets } from './ticket.mapping';
import { linearWebhooks } from './webhooks';
import {
  linearAttachments,
  linearCollections,
  linearTeams,
  linearTicketStatuses,
  linearUsers,
} from './workspace.mapping';

/**
 * Linear over its GraphQL API, one workspace per connection. Cycles appear on tickets as sprint
 * collections but are not listed; customers and accounts have no counterpart (docs/providers/linear.md).
 */
export const linear: ProviderDefinition = {
  name: 'linear',
  displayName: 'Linear',
  baseUrl: '"https://api.linear.app"',
  // A personal API key goes as is; an OAuth token as `Bearer …` (the credential says which).
  auth: {
    scheme: 'header',
    name: 'authorization',
    value: 'credentials.access_token ? "Bearer " & credentials.access_token : credentials.api_key',
  },
  credentials: {
    api_key: {
      label: 'Personal API key',
      pattern: '^\\S+$',
      description: 'Personal API key (Settings > Account > Security & access), or …',
    },
  },
  connectionSettings: {
    team_id: {
      description: 'The team new issues go to when the ticket names none (its UUID)',
      required: false,
      pattern: '^[0-9a-fA-F-]{36}$',
    },
  },
  pagination: { strategy: 'none' },
  rateLimit: {
    isRateLimited: `body.errors[0].extensions.code = "RATELIMITED"`,
    limitHeader: 'x-ratelimit-requests-limit',
    remainingHeader: 'x-ratelimit-requests-remaining',
    resetHeader: 'x-ratelimit-requests-reset',
    resetFormat: 'unix-ms',
  },
  graphqlErrorStatus: `(
    $e := body.errors[0];
    $code := $e.extensions.code;
    $code = "RATELIMITED" ? 429
      : $code = "AUTHENTICATION_ERROR" ? 401
      : $code = "FORBIDDEN" ? 403
      : $contains($e.message, /^Entity not found/) ? 404
      : $code in ["INVALID_INPUT", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"] ? 422
      : $code = "INTERNAL_SERVER_ERROR" ? 500
      : (body.data = null ? 502)
  )`,
  errorMessage: `errors ? $join(errors.message, "; ")`,
  resources: {
    tickets: polled(linearTickets, POLL_UPDATED_SINCE),
    comments: linearComments,
    users: linearUsers,
    teams: linearTeams,
    ticket_status: linearTicketStatuses,
    collections: linearCollections,
    tags: linearTags,
    attachments: linearAttachments,
  },
  webhooks: linearWebhooks,
  officialDescription: { kind: 'graphql', files: ['linear/schema.graphql'] },
};
