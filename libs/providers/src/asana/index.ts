import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { asanaComments } from './comment.mapping';
import { asanaTasks } from './ticket.mapping';
import { asanaWebhooks } from './webhooks';
import {
  asanaCustomFields,
  asanaProjects,
  asanaSections,
  asanaTags,
  asanaTeams,
  asanaUsers,
  asanaWorkspaces,
} from './workspace.mapping';

/**
 * Asana over its REST API 1.0 (https://developers.asana.com/reference), one project of one workspace
 * per connection: the project's tasks are the tickets, their comment stories the comments, its
 * sections the statuses. Contacts, accounts, priorities and attachments as their own resource have no
 * counterpart (docs/providers/asana.md).
 */
export const asana: ProviderDefinition = {
  name: 'asana',
  displayName: 'Asana',
  baseUrl: '"https://app.asana.com"',
  auth: { scheme: 'bearer', token: 'credentials.access_token' },
  credentials: {
    access_token: {
      label: 'Personal access token',
      pattern: '^\\S+$',
      description: 'A personal access token (My settings > Apps > Developer apps); its user’s access applies',
    },
  },
  connectionSettings: {
    workspace_gid: {
      description: 'The workspace (or organisation) gid: users, tags, teams and custom fields come from it',
      required: true,
      pattern: '^[0-9]+$',
    },
    project_gid: {
      description: 'The project whose tasks are the tickets and whose sections are their statuses',
      required: true,
      pattern: '^[0-9]+$',
    },
  },
  // `limit` (1–100) and the opaque `offset` of the previous page's `next_page`; null on the last page.
  pagination: {
    strategy: 'next-page-token',
    tokenParam: 'offset',
    sizeParam: 'limit',
    maxPageSize: 100,
    tokenPath: 'next_page.offset',
  },
  // Asana sends no rate-limit headers but on its 429, which carries `Retry-After` (seconds).
  rateLimit: {},
  // `{"errors": [{"message": "…", "help": "…", "phrase": "…"}]}`.
  errorMessage: `$join(errors.message, "; ")`,
  resources: {
    tickets: polled(asanaTasks, POLL_UPDATED_SINCE),
    comments: polled(asanaComments, POLL_PER_TICKET),
    collections: asanaProjects,
    ticket_status: asanaSections,
    workspaces: asanaWorkspaces,
    teams: asanaTeams,
    users: asanaUsers,
    tags: asanaTags,
    fields: asanaCustomFields,
  },
  webhooks: asanaWebhooks,
  officialDescription: { kind: 'openapi', files: ['asana/asana_oas.yaml'] },
};
