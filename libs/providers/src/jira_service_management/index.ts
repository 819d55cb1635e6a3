import type { ProviderDefinition } from '../definition';
import { jira } from '../jira';
import { jsmComments } from './comment.mapping';
import { jsmAccounts, jsmCollections, jsmContacts, jsmTicketTypes, jsmWorkspaces } from './directory.mapping';
import { JSM_PAGING } from './shared.mapping';
import { jsmTickets } from './ticket.mapping';
import { jsmWebhooks } from './webhooks';

/**
 * Jira Service Management Cloud over its Service Management REST API (`/rest/servicedeskapi`), one
 * service desk per connection on a Jira site; the site, its basic auth (e-mail + API token) and its
 * rate limits are Jira's. Ticket edits and status transitions use the Jira platform API on the same
 * site, which the Service Management API lacks (docs/providers/jira_service_management.md).
 */
export const jiraServiceManagement: ProviderDefinition = {
  name: 'jira_service_management',
  displayName: 'Jira Service Management',
  baseUrl: jira.baseUrl,
  auth: jira.auth,
  credentials: jira.credentials,
  connectionSettings: {
    site: jira.connectionSettings.site,
    service_desk_id: {
      description: 'The service desk (numeric id, as GET /rest/servicedeskapi/servicedesk lists them)',
      required: true,
      pattern: '^[0-9]+$',
    },
    request_type_id: {
      description: 'Request type of tickets created without a ticket type',
      required: false,
      pattern: '^[0-9]+$',
    },
  },
  pagination: JSM_PAGING,
  rateLimit: jira.rateLimit,
  // Experimental JSM calls (a desk's customers) need the opt-in; the others ignore it.
  headers: { 'x-experimentalapi': 'opt-in' },
  // JSM: `{"errorMessage", "i18nErrorMessage"}`; platform calls: Jira's `{"errorMessages", "errors"}`.
  errorMessage: `errorMessage ? errorMessage : ${jira.errorMessage}`,
  resources: {
    tickets: jsmTickets,
    comments: jsmComments,
    contacts: jsmContacts,
    accounts: jsmAccounts,
    ticket_types: jsmTicketTypes,
    collections: jsmCollections,
    workspaces: jsmWorkspaces,
  },
  webhooks: jsmWebhooks,
  // The platform calls (issue edit, transitions, user) are checked against Jira's own description.
  officialDescription: {
    kind: 'openapi',
    files: ['jira-service-management/swagger.v3.json', 'jira-cloud-platform/swagger-v3.v3.json'],
  },
};
