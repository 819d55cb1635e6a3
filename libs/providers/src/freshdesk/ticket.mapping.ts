import type { ResourceDefinition } from '../definition';
import {
  ID,
  NUMERIC,
  PRIORITY_CATEGORIES,
  PRIORITY_IDS,
  PRIORITY_NAMES,
  SOURCE_NAMES,
  STATUS_CATEGORIES,
  STATUS_IDS,
  STATUS_NAMES,
} from './shared.mapping';

/**
 * Freshdesk ticket → unified ticket. The requester is a contact: it is the ticket's `contact` and its
 * `created_by` (Freshdesk records no separate creator). `description_text` is the plain description
 * (the HTML is in remote_data). `completed_at` needs `stats` (asked for with `include=stats`): the
 * closing time, else the resolution time. The thin webhook object of a deletion has only the id.
 */
export const freshdeskTicketRecord = `
(
  $s := $exists(status) and status != null ? $string(status);
  $p := $exists(priority) and priority != null ? $string(priority);
  $category := $lookup(${STATUS_CATEGORIES}, $s);
  {
    "id": $string(id),
    "number": $string(id),
    "name": subject,
    "description": $exists(description_text) ? description_text : description,
    "assignees": $exists(responder_id) ? (responder_id ? [{ "id": $string(responder_id) }] : []),
    "status": $s ? {
      "id": $s,
      "name": $lookup(${STATUS_NAMES}, $s),
      "category": $category ? $category : "in_progress"
    },
    "created_by": requester_id ? { "id": $string(requester_id), "name": requester.name, "type": "contact" },
    "contact": requester_id ? { "id": $string(requester_id), "name": requester.name },
    "account": company_id ? { "id": $string(company_id) },
    "team": group_id ? { "id": $string(group_id) },
    "due_date": due_by,
    "ticket_type": type ? { "id": type, "name": type },
    "priority": $p ? {
      "id": $p,
      "name": $lookup(${PRIORITY_NAMES}, $p),
      "category": $lookup(${PRIORITY_CATEGORIES}, $p)
    },
    "source": source ? { "id": $string(source), "name": $lookup(${SOURCE_NAMES}, $string(source)) },
    "tags": $exists(tags) ? [tags.{ "id": $, "name": $ }],
    "attachments": $exists(attachments) ? [attachments.{ "id": $string(id), "name": name }],
    "custom_fields": custom_fields,
    "created_at": created_at,
    "updated_at": updated_at,
    "completed_at": stats.closed_at ? stats.closed_at : stats.resolved_at,
    "ticket_url": $settings.domain ? "https://" & $settings.domain & ".freshdesk.com/a/tickets/" & $string(id)
  }
)`;

/**
 * Unified ticket → Freshdesk ticket attributes. Status and priority take Freshdesk's numbers (what
 * records carry) or the fixed names (`pending`, `high`). The requester is the `contact` (or a contact
 * `created_by`); Freshdesk refuses a new ticket without one. A new ticket's due date sets both due
 * dates, which Freshdesk wants together.
 */
function ticketBody(create: boolean): string {
  return `
(
  $b := body;
  $num := ${NUMERIC};
  $code := function($ref, $names) {
    (
      $key := $lowercase($string($ref.id));
      $exists($lookup($names, $key)) ? $lookup($names, $key) : $num($ref.id)
    )
  };
  $requester := $b.contact ? $b.contact.id : ($b.created_by.type = "contact" ? $b.created_by.id);
  $merge([
    $exists($b.name) ? { "subject": $b.name },
    $exists($b.description) ? { "description": $b.description = null ? "" : $b.description },
    $b.status ? { "status": $code($b.status, ${STATUS_IDS}) },
    $b.priority ? { "priority": $code($b.priority, ${PRIORITY_IDS}) },
    $exists($b.assignees)
      ? { "responder_id": $b.assignees != null and $count($b.assignees) > 0 ? $num($b.assignees[0].id) : null },
    $exists($b.team) ? { "group_id": $b.team ? $num($b.team.id) : null },
    $exists($b.ticket_type) ? { "type": $b.ticket_type ? $b.ticket_type.id : null },
    $exists($b.account) ? { "company_id": $b.account ? $num($b.account.id) : null },
    $b.due_date ? ${create ? `{ "due_by": $b.due_date, "fr_due_by": $b.due_date }` : `{ "due_by": $b.due_date }`},
    $exists($b.tags) ? { "tags": $b.tags = null ? [] : [$b.tags.(name ? name : id)] },
    $b.custom_fields ? { "custom_fields": $b.custom_fields },
    $requester ? { "requester_id": $num($requester) }
  ])
)`;
}

const TICKET = `"/api/v2/tickets/" & ${ID}`;

export const freshdeskTickets: ResourceDefinition = {
  record: freshdeskTicketRecord,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/v2/tickets"',
      // Without `updated_since` Freshdesk lists only tickets created in the last 30 days. Oldest first,
      // so tickets created while a caller pages append at the end.
      query: `{
        "updated_since": query.updated_at.gte ? query.updated_at.gte : "1970-01-01T00:00:00Z",
        "order_by": "created_at",
        "order_type": "asc",
        "include": "description,stats"
      }`,
      filters: { updated_at: ['gte'] },
    },
    // A trashed ticket still reads (with `deleted: true`); it is gone for the unified API.
    get: {
      method: 'GET',
      path: TICKET,
      query: '{ "include": "stats" }',
      response: '$not(deleted = true) ? $',
    },
    create: { method: 'POST', path: '"/api/v2/tickets"', body: ticketBody(true), readBack: true },
    update: { method: 'PUT', path: TICKET, body: ticketBody(false), readBack: true },
    // Moves the ticket to the trash (restorable in Freshdesk for 30 days).
    delete: { method: 'DELETE', path: TICKET },
  },
};
