import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { comments } from './comment.mapping';
import { tags, teams, users, workspaces } from './organization.mapping';
import { collections, fields, ticketStatuses, ticketTypes } from './process.mapping';
import { azureDevopsWebhooks } from './webhooks';
import { workItems } from './work-item.mapping';

/**
 * Azure DevOps Boards over its REST API 7.1 (https://learn.microsoft.com/rest/api/azure/devops/), one
 * project of one organization per connection. Work items are tickets (listed with WIQL, then read in
 * batches); contacts and accounts have no counterpart (docs/providers/azure_devops.md).
 */
export const azureDevops: ProviderDefinition = {
  name: 'azure_devops',
  displayName: 'Azure DevOps',
  baseUrl: '"https://dev.azure.com"',
  // A personal access token goes as the password of HTTP Basic, with an empty user name.
  auth: { scheme: 'basic', username: '""', password: 'credentials.personal_access_token' },
  credentials: {
    personal_access_token: {
      label: 'Personal access token',
      pattern: '^\\S+$',
      description:
        'A personal access token (User settings > Personal access tokens) with Work Items (Read & write) and Project and Team (Read)',
    },
  },
  connectionSettings: {
    organization: {
      description: 'The organization: `fabrikam` for https://dev.azure.com/fabrikam',
      required: true,
      pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
    },
    project: { description: 'The project (its name or GUID)', required: true },
    team: {
      description:
        'The team whose members are the users (default: the project’s default team, "<project> Team")',
      required: false,
    },
    work_item_type: {
      description: 'The type of a new work item when the ticket names none (default Task)',
      required: false,
    },
  },
  pagination: { strategy: 'none' },
  // Azure DevOps delays before it refuses: X-RateLimit-* come with a delayed or refused answer, 429 with Retry-After.
  rateLimit: {
    limitHeader: 'x-ratelimit-limit',
    remainingHeader: 'x-ratelimit-remaining',
    resetHeader: 'x-ratelimit-reset',
    resetFormat: 'unix-seconds',
  },
  // `{"$id":"1","innerException":null,"message":"TF401232: …","typeName":…,"typeKey":…,"errorCode":0,"eventId":3200}`
  errorMessage: `message ? message : typeKey`,
  resources: {
    tickets: polled(workItems, POLL_UPDATED_SINCE),
    comments: polled(comments, POLL_PER_TICKET),
    users,
    teams,
    workspaces,
    tags,
    ticket_types: ticketTypes,
    ticket_status: ticketStatuses,
    fields,
    collections,
  },
  webhooks: azureDevopsWebhooks,
  officialDescription: {
    kind: 'openapi',
    files: [
      'azure-devops/workItemTracking.7.1.json',
      'azure-devops/core.7.1.json',
      'azure-devops/work.7.1.json',
    ],
  },
};
