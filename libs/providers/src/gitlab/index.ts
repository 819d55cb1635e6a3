import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { gitlabComments } from './comment.mapping';
import { gitlabTeams, gitlabUsers, gitlabWorkspaces } from './directory.mapping';
import { gitlabCollections, gitlabTags } from './planning.mapping';
import { gitlabTickets } from './ticket.mapping';
import { gitlabWebhooks } from './webhooks';

/**
 * GitLab issues over the REST API v4, one project per connection (gitlab.com or self-managed through
 * `base_url`). Accounts, contacts, attachments and statuses beyond opened/closed have no counterpart
 * here (docs/providers/gitlab.md).
 */
export const gitlab: ProviderDefinition = {
  name: 'gitlab',
  displayName: 'GitLab Issues',
  baseUrl: '"https://gitlab.com"',
  // Personal, project or group access tokens, and OAuth tokens, all go as a bearer token.
  auth: { scheme: 'bearer', token: 'credentials.token' },
  credentials: {
    token: {
      label: 'Access token',
      pattern: '^\\S+$',
      description: 'Personal, project or group access token with the `api` scope',
    },
  },
  connectionSettings: {
    project_id: {
      description: 'The project: its numeric id, or its path such as `acme/support-desk`',
      required: true,
      pattern: '^([0-9]+|[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+)$',
    },
  },
  pagination: { strategy: 'link-header', sizeParam: 'per_page', maxPageSize: 100 },
  rateLimit: {
    limitHeader: 'ratelimit-limit',
    remainingHeader: 'ratelimit-remaining',
    resetHeader: 'ratelimit-reset',
    resetFormat: 'unix-seconds',
  },
  // `{"message": "404 Issue Not Found"}`, `{"error": "title is missing"}`, `{"message": {"title": ["can't be blank"]}}`.
  errorMessage: `error
    ? error
    : $type(message) = "string"
      ? message
      : $join($each(message, function($v, $k) { $k & " " & $join($v, ", ") }), "; ")`,
  resources: {
    tickets: polled(gitlabTickets, POLL_UPDATED_SINCE),
    comments: polled(gitlabComments, POLL_PER_TICKET),
    users: gitlabUsers,
    teams: gitlabTeams,
    workspaces: gitlabWorkspaces,
    tags: gitlabTags,
    collections: gitlabCollections,
  },
  webhooks: gitlabWebhooks,
};
