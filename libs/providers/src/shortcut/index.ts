import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { shortcutComments } from './comment.mapping';
import { shortcutTickets } from './ticket.mapping';
import { shortcutWebhooks } from './webhooks';
import {
  shortcutCollections,
  shortcutFields,
  shortcutTags,
  shortcutTeams,
  shortcutTicketStatuses,
  shortcutUsers,
} from './workspace.mapping';

/**
 * Shortcut over its REST API v3 (https://developer.shortcut.com/api/rest/v3), one workspace per API
 * token. Stories are tickets; iterations appear on them as sprints; contacts, accounts and priorities
 * have no counterpart (docs/providers/shortcut.md).
 */
export const shortcut: ProviderDefinition = {
  name: 'shortcut',
  displayName: 'Shortcut',
  baseUrl: '"https://api.app.shortcut.com"',
  auth: { scheme: 'header', name: 'Shortcut-Token', value: 'credentials.api_token' },
  credentials: {
    api_token: {
      label: 'API token',
      pattern: '^\\S+$',
      description: 'An API token (Settings > Account > API Tokens); its member’s permissions apply',
    },
  },
  connectionSettings: {
    workflow_state_id: {
      description: 'The workflow state new stories start in when the ticket names no status (its number)',
      required: false,
      pattern: '^[0-9]+$',
    },
  },
  pagination: { strategy: 'none' },
  // Shortcut allows 200 requests a minute per token and sends no rate-limit headers: a 429 only.
  errorMessage: `message ? message & (errors ? ": " & $string(errors) : "") : error`,
  resources: {
    tickets: polled(shortcutTickets, POLL_UPDATED_SINCE),
    comments: polled(shortcutComments, POLL_PER_TICKET),
    users: shortcutUsers,
    teams: shortcutTeams,
    tags: shortcutTags,
    collections: shortcutCollections,
    ticket_status: shortcutTicketStatuses,
    fields: shortcutFields,
  },
  webhooks: shortcutWebhooks,
  officialDescription: { kind: 'openapi', files: ['shortcut/shortcut.swagger.json'] },
};
