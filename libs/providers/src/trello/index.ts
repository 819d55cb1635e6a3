import { POLL_WHOLE_LIST, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import {
  trelloCollections,
  trelloFields,
  trelloStatuses,
  trelloTags,
  trelloTaskLists,
  trelloUsers,
  trelloWorkspaces,
} from './board.mapping';
import { trelloComments } from './comment.mapping';
import { trelloTickets } from './ticket.mapping';
import { trelloWebhooks } from './webhooks';

/**
 * Trello over its REST API v1 (https://developer.atlassian.com/cloud/trello/rest/), one board per
 * connection: cards are tickets, comment actions comments, the board's lists statuses, labels tags,
 * members users, the member's boards collections and Workspaces workspaces, custom fields fields,
 * a card's checklists task lists (docs/providers/trello.md).
 */
export const trello: ProviderDefinition = {
  name: 'trello',
  displayName: 'Trello',
  baseUrl: '"https://api.trello.com"',
  // Trello's API key + token, sent in its documented `Authorization: OAuth …` form rather than as `key`
  // and `token` query parameters, so the token never lands in URLs and access logs.
  auth: {
    scheme: 'header',
    name: 'Authorization',
    value: `'OAuth oauth_consumer_key="' & credentials.api_key & '", oauth_token="' & credentials.token & '"'`,
  },
  credentials: {
    // The key names the Power-Up and grants nothing by itself (Trello calls it public); the token is the secret.
    api_key: {
      label: 'API key',
      secret: false,
      pattern: '^\\S+$',
      description: 'The Power-Up’s API key (https://trello.com/power-ups/admin, API key tab)',
    },
    token: {
      label: 'Token',
      pattern: '^\\S+$',
      description: 'A token the member granted to that key (read,write scopes)',
    },
  },
  connectionSettings: {
    board_id: {
      description: 'The board whose cards are the tickets: its 24-hex id (from `/1/members/me/boards`)',
      required: true,
      pattern: '^[0-9a-fA-F]{24}$',
    },
    default_list_id: {
      description: 'The list new cards go into when a ticket is created without a status',
      required: false,
      pattern: '^[0-9a-fA-F]{24}$',
    },
  },
  // Lists of cards, labels, lists and members come whole; the gateway pages them.
  pagination: { strategy: 'none' },
  // 100 requests per 10 s per token (300 per key); the 429 body names the limit hit.
  rateLimit: {
    limitHeader: 'x-rate-limit-api-token-max',
    remainingHeader: 'x-rate-limit-api-token-remaining',
  },
  // Mostly plain text (`invalid id`, `invalid value for idList`); the 429 is `{"error", "message"}`.
  errorMessage: `$type($) = "string" ? $ : message ? message : error`,
  resources: {
    tickets: polled(trelloTickets, POLL_WHOLE_LIST),
    comments: trelloComments,
    ticket_status: trelloStatuses,
    tags: trelloTags,
    users: trelloUsers,
    collections: trelloCollections,
    workspaces: trelloWorkspaces,
    fields: trelloFields,
    task_lists: trelloTaskLists,
  },
  webhooks: trelloWebhooks,
  officialDescription: { kind: 'openapi', files: ['trello/swagger.v3.json'] },
};
