import type { ProviderDefinition } from '../definition';
import { jiraComments } from './comment.mapping';
import {
  jiraFields,
  jiraTags,
  jiraTicketPriorities,
  jiraTicketStatuses,
  jiraTicketTypes,
} from './configuration.mapping';
import { jiraTeams, jiraUsers, jiraWorkspaces, pageBean } from './directory.mapping';
import { jiraTickets } from './ticket.mapping';
import { jiraWebhooks } from './webhooks';
import { jiraAttachments, jiraCollections, jiraTasks } from './work.mapping';

/**
 * Jira Cloud over REST API v3, one site per connection (`https://{site}.atlassian.net`), basic auth
 * with an Atlassian account e-mail and API token. Accounts, contacts and organizations belong to Jira
 * Service Management's own API, and Jira has no checklists (task lists): see docs/providers/jira.md.
 */
export const jira: ProviderDefinition = {
  name: 'jira',
  displayName: 'Jira Cloud',
  baseUrl: '"https://" & settings.site & ".atlassian.net"',
  auth: { scheme: 'basic', username: 'credentials.email', password: 'credentials.api_token' },
  credentials: {
    email: {
      label: 'E-mail',
      secret: false,
      description: 'E-mail address of the Atlassian account the API token belongs to',
    },
    api_token: {
      label: 'API token',
      description: 'API token (https://id.atlassian.com/manage-profile/security/api-tokens)',
    },
  },
  connectionCheck: { path: '"/rest/api/3/myself"' },
  connectionSettings: {
    site: {
      description: 'Site name: `acme` for https://acme.atlassian.net',
      required: true,
      pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
    },
    project_key: {
      description: 'Default project (key) for tickets, epics and sub-tasks created without a workspace',
      required: false,
      pattern: '^[A-Z][A-Z0-9_]{1,9}$',
    },
  },
  pagination: pageBean(50),
  rateLimit: {
    limitHeader: 'x-ratelimit-limit',
    remainingHeader: 'x-ratelimit-remaining',
    // `X-RateLimit-Reset` is an ISO 8601 instant (`2026-02-01T12:01Z`); `Retry-After` is in seconds.
    resetHeader: 'x-ratelimit-reset',
    resetFormat: 'iso8601',
  },
  // `{"errorMessages": [...], "errors": {"field": "message"}}`.
  errorMessage: `(
    $fields := $each(errors ? errors : {}, function($message, $field) { $field & ": " & $message });
    $all := $append(errorMessages ? errorMessages : [], $fields ? $fields : []);
    $count($all) > 0 ? $join($all, "; ") : message
  )`,
  resources: {
    tickets: jiraTickets,
    comments: jiraComments,
    users: jiraUsers,
    teams: jiraTeams,
    workspaces: jiraWorkspaces,
    collections: jiraCollections,
    tasks: jiraTasks,
    attachments: jiraAttachments,
    tags: jiraTags,
    ticket_types: jiraTicketTypes,
    ticket_status: jiraTicketStatuses,
    ticket_priorities: jiraTicketPriorities,
    fields: jiraFields,
  },
  webhooks: jiraWebhooks,
  officialDescription: {
    kind: 'openapi',
    files: ['jira-cloud-platform/swagger-v3.v3.json', 'jira-cloud-platform/jira-software.swagger.v3.json'],
  },
};
