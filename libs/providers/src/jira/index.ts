import { POLL_PER_TICKET, POLL_UPDATED_SINCE, POLL_WHOLE_LIST, polled } from '../poll-marks';
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
  // OAuth 2.0 (3LO): consent at auth.atlassian.com, then accessible-resources names the site and its cloud
  // id; an OAuth app reaches the site at api.atlassian.com/ex/jira/<cloud id>. `offline_access` brings the
  // (rotating) refresh token. `base_url` (an emulator) serves all three hosts.
  oauth2: {
    authorizeUrl: '(settings.base_url ? settings.base_url : "https://auth.atlassian.com") & "/authorize"',
    tokenUrl: '(settings.base_url ? settings.base_url : "https://auth.atlassian.com") & "/oauth/token"',
    scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'manage:jira-webhook', 'offline_access'],
    pkce: false,
    authorizeParams: { audience: 'api.atlassian.com', prompt: 'consent' },
    baseUrl:
      '(settings.base_url ? settings.base_url : "https://api.atlassian.com") & "/ex/jira/" & settings.cloud_id',
    afterConnect: [
      {
        url: '(settings.base_url ? settings.base_url : "https://api.atlassian.com") & "/oauth/token/accessible-resources"',
        // The first site the consent granted (Atlassian lists them in the order the user chose).
        settings:
          'body[0] ? {"cloud_id": body[0].id, "site": $substringBefore($substringAfter(body[0].url, "://"), ".atlassian.net")}',
      },
    ],
    settingsFromConnect: ['site', 'cloud_id'],
  },
  connectionSettings: {
    site: {
      description: 'Site name: `acme` for https://acme.atlassian.net',
      required: true,
      pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
    },
    cloud_id: {
      description:
        'Atlassian cloud id of the site (found by OAuth connections; not needed with an API token)',
      required: false,
      pattern: '^[0-9a-f-]{36}$',
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
    tickets: polled(jiraTickets, POLL_UPDATED_SINCE),
    comments: polled(jiraComments, POLL_PER_TICKET),
    users: polled(jiraUsers, POLL_WHOLE_LIST),
    teams: polled(jiraTeams, POLL_WHOLE_LIST),
    workspaces: polled(jiraWorkspaces, POLL_WHOLE_LIST),
    collections: polled(jiraCollections, POLL_WHOLE_LIST),
    tasks: jiraTasks,
    attachments: polled(jiraAttachments, POLL_PER_TICKET),
    tags: polled(jiraTags, POLL_WHOLE_LIST),
    ticket_types: polled(jiraTicketTypes, POLL_WHOLE_LIST),
    ticket_status: polled(jiraTicketStatuses, POLL_WHOLE_LIST),
    ticket_priorities: polled(jiraTicketPriorities, POLL_WHOLE_LIST),
    fields: polled(jiraFields, POLL_WHOLE_LIST),
  },
  webhooks: jiraWebhooks,
  officialDescription: {
    kind: 'openapi',
    files: ['jira-cloud-platform/swagger-v3.v3.json', 'jira-cloud-platform/jira-software.swagger.v3.json'],
  },
};
