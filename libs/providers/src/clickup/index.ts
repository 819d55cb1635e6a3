import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { clickupComments } from './comment.mapping';
import { clickupGroups, clickupUsers } from './people.mapping';
import {
  clickupFields,
  clickupFolders,
  clickupOrganizations,
  clickupPriorities,
  clickupSpaces,
  clickupStatuses,
  clickupTags,
} from './structure.mapping';
import { clickupTasks } from './ticket.mapping';
import { clickupWebhooks } from './webhooks';

/**
 * ClickUp over its API v2 (https://clickup.com/api), one list of one Workspace per connection: the
 * list's tasks are the tickets, its statuses the ticket statuses. Contacts, accounts and ticket types
 * have no counterpart (docs/providers/clickup.md).
 */
export const clickup: ProviderDefinition = {
  name: 'clickup',
  displayName: 'ClickUp',
  baseUrl: '"https://api.clickup.com"',
  // A personal token (`pk_…`) goes bare in `Authorization`, without a scheme.
  auth: { scheme: 'header', name: 'Authorization', value: 'credentials.api_token' },
  credentials: {
    api_token: {
      label: 'API token',
      // Not `^pk_`: only personal tokens carry that prefix, and an OAuth token works as well.
      pattern: '^\\S+$',
      description: 'A personal API token (Settings > Apps > API Token, `pk_…`); its user’s access applies',
    },
  },
  connectionSettings: {
    team_id: {
      description: 'The Workspace id (the API calls Workspaces "teams")',
      required: true,
      pattern: '^[0-9]+$',
    },
    space_id: {
      description: 'The space whose folders are the collections and whose tags and priorities apply',
      required: true,
      pattern: '^[0-9]+$',
    },
    list_id: {
      description: 'The list whose tasks are the tickets and whose statuses and custom fields apply',
      required: true,
      pattern: '^[0-9]+$',
    },
  },
  // Only the task list pages (tickets.list); every other list comes whole.
  pagination: { strategy: 'none' },
  // Per-token limits by plan (100 a minute on Free Forever); the reset is a Unix time in seconds.
  rateLimit: {
    limitHeader: 'x-ratelimit-limit',
    remainingHeader: 'x-ratelimit-remaining',
    resetHeader: 'x-ratelimit-reset',
    resetFormat: 'unix-seconds',
  },
  // `{"err": "Task not found, deleted", "ECODE": "ITEM_013"}`.
  errorMessage: `err ? err & (ECODE ? " (" & ECODE & ")" : "")`,
  resources: {
    tickets: polled(clickupTasks, POLL_UPDATED_SINCE),
    comments: polled(clickupComments, POLL_PER_TICKET),
    collections: clickupFolders,
    ticket_status: clickupStatuses,
    ticket_priorities: clickupPriorities,
    organizations: clickupOrganizations,
    workspaces: clickupSpaces,
    users: clickupUsers,
    teams: clickupGroups,
    tags: clickupTags,
    fields: clickupFields,
  },
  webhooks: clickupWebhooks,
  officialDescription: { kind: 'openapi', files: ['clickup/clickup-api-v2-reference.json'] },
};
