import type { ProviderDefinition } from '../definition';
import { frontComments } from './comment.mapping';
import { frontTags, frontTicketStatuses, frontWorkspaces } from './configuration.mapping';
import { frontAccounts, frontContacts, frontTeams, frontUsers } from './people.mapping';
import { frontTickets } from './ticket.mapping';
import { frontWebhooks } from './webhooks';

/**
 * Front over its Core API (https://api2.frontapp.com), one company per connection: conversations are
 * tickets, their messages and comments are comments, teammates are users, inboxes are workspaces.
 * What has no counterpart or is not done is listed in docs/providers/front.md.
 */
export const front: ProviderDefinition = {
  name: 'front',
  displayName: 'Front',
  baseUrl: '"https://api2.frontapp.com"',
  // API tokens and OAuth access tokens both go as a bearer token.
  auth: { scheme: 'bearer', token: 'credentials.api_token' },
  credentials: {
    api_token: {
      label: 'API token',
      pattern: '^\\S+$',
      description:
        'Front API token (or OAuth access token) with the conversations, contacts, accounts and tags scopes',
    },
  },
  connectionSettings: {
    inbox_id: {
      description: 'The inbox new tickets (discussions) are created in when the ticket names no workspace',
      required: false,
      pattern: '^inb_[0-9a-z]+$',
    },
  },
  pagination: { strategy: 'next-url', urlPath: '_pagination.next', sizeParam: 'limit', maxPageSize: 100 },
  rateLimit: {
    limitHeader: 'x-ratelimit-limit',
    remainingHeader: 'x-ratelimit-remaining',
    resetHeader: 'x-ratelimit-reset',
    resetFormat: 'unix-seconds',
  },
  // `{"_error": {"status": 404, "title": "Not found", "message": "…"}}`
  errorMessage: `_error.message ? _error.message : _error.title`,
  resources: {
    tickets: frontTickets,
    comments: frontComments,
    users: frontUsers,
    teams: frontTeams,
    contacts: frontContacts,
    accounts: frontAccounts,
    tags: frontTags,
    workspaces: frontWorkspaces,
    ticket_status: frontTicketStatuses,
  },
  webhooks: frontWebhooks,
  officialDescription: { kind: 'openapi', files: ['front/core-api.json'] },
};
