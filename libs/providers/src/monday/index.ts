import type { ProviderDefinition } from '../definition';
import { mondayCollections, mondayTags, mondayTeams, mondayUsers, mondayWorkspaces } from './account.mapping';
import { mondayFields, mondayStatuses } from './board.mapping';
import { mondayComments } from './comment.mapping';
import { mondayTickets } from './ticket.mapping';
import { mondayWebhooks } from './webhooks';

const RATE_LIMITED = [
  'COMPLEXITY_BUDGET_EXHAUSTED',
  'RATE_LIMIT_EXCEEDED',
  'DAILY_LIMIT_EXCEEDED',
  'IP_RATE_LIMIT_EXCEEDED',
  'maxConcurrencyExceeded',
  'ComplexityException',
];
const REFUSED = [
  'ColumnValueException',
  'CorrectedValueException',
  'InvalidArgumentException',
  'InvalidColumnIdException',
  'InvalidUserIdException',
  'ItemNameTooLongException',
  'ItemNameTooShortException',
  'ItemsLimitationException',
  'JsonParseException',
  'RecordValidationException',
  'GRAPHQL_VALIDATION_FAILED',
  'argumentLiteralsIncompatible',
];

/**
 * monday.com work management over its GraphQL API (`https://api.monday.com/v2`, API version 2026-10), one
 * board per connection: items are tickets, updates comments, the status column's labels statuses, boards
 * collections, users, teams, tags, workspaces and the board's columns as fields (docs/providers/monday.md).
 */
export const monday: ProviderDefinition = {
  name: 'monday',
  displayName: 'monday.com',
  baseUrl: '"https://api.monday.com"',
  // A personal API token goes bare in `Authorization` (no Bearer); an OAuth token the same way.
  auth: { scheme: 'header', name: 'Authorization', value: 'credentials.api_token' },
  credentials: {
    api_token: {
      label: 'Personal API token',
      pattern: '^\\S+$',
      description: 'A personal API token (avatar > Developers > My access tokens); its user’s rights apply',
    },
  },
  connectionSettings: {
    board_id: {
      description: 'The board whose items are the tickets (its numeric id)',
      required: true,
      pattern: '^[0-9]+$',
    },
    status_column_id: {
      description: 'The status column that is the ticket status (default `status`)',
      required: false,
    },
    people_column_id: {
      description: 'The people column that holds assignees (default `person`)',
      required: false,
    },
    tags_column_id: { description: 'The tags column (default `tags`)', required: false },
    due_date_column_id: {
      description: 'The date column written as the due date (read: the first date column)',
      required: false,
    },
  },
  headers: { 'API-Version': '2026-10' },
  pagination: { strategy: 'none' },
  // monday sends no rate-limit headers: its budgets are per minute, reported in errors with `retry_in_seconds`.
  rateLimit: { isRateLimited: `body.errors[0].extensions.code in ${JSON.stringify(RATE_LIMITED)}` },
  graphqlErrorStatus: `(
    $e := body.errors[0];
    $code := $e.extensions.code;
    $code in ${JSON.stringify(RATE_LIMITED)} ? 429
      : $code in ["Unauthorized", "UNAUTHENTICATED", "UserUnauthorizedException"] ? ($code = "UserUnauthorizedException" ? 403 : 401)
      : $code in ["ResourceNotFoundException", "InvalidItemIdException", "InvalidBoardIdException"] ? 404
      : $code in ${JSON.stringify(REFUSED)} ? 422
      : $e.extensions.status_code >= 400 ? $e.extensions.status_code
      : (body.data = null ? 502)
  )`,
  errorMessage: `errors ? $join(errors.message, "; ") : error_message`,
  resources: {
    tickets: mondayTickets,
    comments: mondayComments,
    ticket_status: mondayStatuses,
    users: mondayUsers,
    teams: mondayTeams,
    tags: mondayTags,
    workspaces: mondayWorkspaces,
    collections: mondayCollections,
    fields: mondayFields,
  },
  webhooks: mondayWebhooks,
  officialDescription: { kind: 'graphql', files: ['monday/schema.graphql'] },
};
