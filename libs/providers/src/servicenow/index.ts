import { POLL_PER_TICKET, POLL_UPDATED_SINCE, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { serviceNowAttachments } from './attachment.mapping';
import { serviceNowComments } from './comment.mapping';
import {
  serviceNowFields,
  serviceNowTicketPriorities,
  serviceNowTicketStatuses,
  serviceNowTicketTypes,
} from './configuration.mapping';
import { serviceNowAccounts, serviceNowTeams, serviceNowUsers } from './people.mapping';
import { serviceNowTickets } from './ticket.mapping';
import { serviceNowWebhooks } from './webhooks';

/**
 * ServiceNow over its Table API (`/api/now/table/{table}`), one instance per connection; tickets are an
 * incident table by default, another task table by setting. ServiceNow's OpenAPI is exported per instance,
 * none is published (../shared/specs/INDEX.md). Contacts, tags and collections have no counterpart here
 * (docs/providers/servicenow.md).
 */
export const servicenow: ProviderDefinition = {
  name: 'servicenow',
  displayName: 'ServiceNow',
  baseUrl: '"https://" & settings.instance & ".service-now.com"',
  // Basic with an integration user; an OAuth access token (from the connect flow) goes as a bearer token.
  auth: {
    scheme: 'header',
    name: 'authorization',
    value: `credentials.access_token
      ? "Bearer " & credentials.access_token
      : "Basic " & $base64encode(credentials.username & ":" & credentials.password)`,
  },
  credentials: {
    // No patterns: ServiceNow lets an administrator choose user ids and passwords freely (spaces included).
    username: {
      label: 'User name',
      secret: false,
      description: 'The integration user (a sys_user with the itil and rest_api_explorer roles)',
    },
    password: { label: 'Password', description: "The integration user's password" },
  },
  connectionSettings: {
    instance: {
      description: 'The instance name: `acme` for https://acme.service-now.com',
      required: true,
      pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
    },
    ticket_table: {
      description:
        'The task table tickets live in (default `incident`; e.g. `problem`, `sc_task`, `sn_customerservice_case`)',
      required: false,
      pattern: '^[a-z][a-z0-9_]*$',
    },
  },
  // `sysparm_offset`/`sysparm_limit`; every page has `Link: <…>;rel="next"` until the last.
  pagination: { strategy: 'link-header', sizeParam: 'sysparm_limit', maxPageSize: 1000 },
  // Rate limit rules answer 429 with `Retry-After` and these headers (reset in epoch seconds).
  rateLimit: {
    limitHeader: 'x-ratelimit-limit',
    remainingHeader: 'x-ratelimit-remaining',
    resetHeader: 'x-ratelimit-reset',
    resetFormat: 'unix-seconds',
  },
  // `{"error": {"message", "detail"}, "status": "failure"}`
  errorMessage: `error.detail ? error.message & ": " & error.detail : error.message`,
  // A data policy or a business rule refusing a write answers 403 "Operation Failed": a refused body.
  errorStatus: `status = 403 and body.error.message = "Operation Failed" ? 422`,
  resources: {
    tickets: polled(serviceNowTickets, POLL_UPDATED_SINCE),
    comments: polled(serviceNowComments, POLL_PER_TICKET),
    users: serviceNowUsers,
    teams: serviceNowTeams,
    accounts: serviceNowAccounts,
    ticket_status: serviceNowTicketStatuses,
    ticket_priorities: serviceNowTicketPriorities,
    ticket_types: serviceNowTicketTypes,
    fields: serviceNowFields,
    attachments: serviceNowAttachments,
  },
  webhooks: serviceNowWebhooks,
};
