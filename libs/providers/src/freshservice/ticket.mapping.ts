import type { ResourceDefinition } from '../definition';
import { freshdeskTicketRecord, freshdeskTickets } from '../freshdesk/ticket.mapping';
import { ID, NUMERIC, SOURCE_NAMES } from './shared.mapping';

/**
 * Freshservice ticket → unified ticket: Freshdesk's ticket mapping (same statuses, priorities, requester,
 * agent, group, stats), with what Freshservice has instead: the department is the account (Freshservice
 * has no companies), the workspace (multi-workspace accounts) the workspace, its own sources and ticket
 * URL. `type` (Incident, Service Request, …) is the ticket type.
 */
export const freshserviceTicketRecord = `
$merge([
  ${freshdeskTicketRecord},
  {
    "account": department_id ? { "id": $string(department_id) },
    "workspace": workspace_id ? { "id": $string(workspace_id) },
    "source": source ? { "id": $string(source), "name": $lookup(${SOURCE_NAMES}, $string(source)) },
    "ticket_url": $settings.domain
      ? "https://" & $settings.domain & ".freshservice.com/a/tickets/" & $string(id)
  }
])`;

/**
 * Unified ticket → Freshservice attributes: Freshdesk's body (a bare object: the v2 API wraps answers,
 * not requests) with the account as `department_id` and the workspace as `workspace_id`. A type is
 * only ever set (Freshservice requires one), never cleared.
 */
function ticketBody(freshdeskBody: string): string {
  return `
(
  $num := ${NUMERIC};
  $sifted := $sift(${freshdeskBody}, function($v, $k) { $not($k in ["company_id", "type", "fr_due_by"]) });
  $merge([
    $sifted,
    $exists(body.account) ? { "department_id": body.account ? $num(body.account.id) : null },
    body.ticket_type ? { "type": body.ticket_type.id },
    body.workspace ? { "workspace_id": $num(body.workspace.id) }
  ])
)`;
}

const TICKET = `"/api/v2/tickets/" & ${ID}`;
const { create, update } = freshdeskTickets.methods!;

export const freshserviceTickets: ResourceDefinition = {
  record: freshserviceTicketRecord,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/v2/tickets"',
      // Without `updated_since` Freshservice lists only tickets created in the last 30 days.
      query: `{
        "updated_since": query.updated_at.gte ? query.updated_at.gte : "1970-01-01T00:00:00Z",
        "order_type": "asc",
        "include": "stats"
      }`,
      response: 'tickets',
      filters: { updated_at: ['gte'] },
    },
    // A trashed ticket still reads (with `deleted: true`); it is gone for the unified API.
    get: {
      method: 'GET',
      path: TICKET,
      query: '{ "include": "stats" }',
      response: '$not(ticket.deleted = true) ? ticket',
    },
    create: { ...create!, body: ticketBody(create!.body!), response: 'ticket' },
    update: { ...update!, body: ticketBody(update!.body!), response: 'ticket' },
    // Moves the ticket to the trash (restorable in Freshservice).
    delete: { method: 'DELETE', path: TICKET },
  },
};
