import type { ResourceDefinition } from '../definition';
import { DISPLAY_ALL, FIELD_HELPERS, TABLE_API, TICKET_TABLE, updatedSince } from './shared.mapping';

/**
 * A task record (an incident by default) → unified ticket. `state` is the status with its label; its
 * category comes from the task state model (1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed,
 * 8 Canceled; other values — a table's own states — read as in progress). Priority 1–5 (Critical to
 * Planning) is computed by ServiceNow from impact and urgency. `caller_id` (the affected person, a
 * sys_user) is the contact; `opened_by` the creator; `assigned_to` the assignee; `assignment_group` the
 * team; `company` the account; `category` the ticket type.
 */
export const serviceNowTicketRecord = `
(
  ${FIELD_HELPERS};
  $state := $v(state);
  $p := $v(priority);
  $category := $lookup({ "1": "open", "2": "in_progress", "3": "on_hold", "6": "done", "7": "done", "8": "done" }, $state);
  {
    "id": $v(sys_id),
    "number": $v(number),
    "name": $v(short_description),
    "description": $exists(description) ? $v(description),
    "assignees": $exists(assigned_to) ? ($v(assigned_to) ? [$ref(assigned_to)] : []),
    "status": $state ? { "id": $state, "name": $d(state), "category": $category ? $category : "in_progress" },
    "created_by": $v(opened_by) ? $merge([$ref(opened_by), { "type": "user" }]),
    "contact": $ref(caller_id),
    "account": $ref(company),
    "team": $ref(assignment_group),
    "due_date": $t(due_date),
    "ticket_type": $v(category) ? { "id": $v(category), "name": $d(category) },
    "priority": $p ? {
      "id": $p,
      "name": $d(priority),
      "category": $lookup({ "1": "urgent", "2": "high", "3": "medium", "4": "low", "5": "low" }, $p)
    },
    "source": $v(contact_type) ? { "id": $v(contact_type), "name": $d(contact_type) },
    "parent_ticket": $ref(parent),
    "created_at": $t(sys_created_on),
    "updated_at": $t(sys_updated_on),
    "completed_at": $v(closed_at) ? $t(closed_at) : $t(resolved_at),
    "ticket_url": $settings.instance
      ? "https://" & $settings.instance & ".service-now.com/nav_to.do?uri=" & $v(sys_class_name) & ".do?sys_id=" & $v(sys_id)
  }
)`;

/**
 * Unified ticket → task fields (strings, as the Table API takes them). Priority is not written: ServiceNow
 * computes it from impact and urgency, so a priority sets the pair its default lookup maps to it
 * (1 → 1/1, 2 → 1/2, 3 → 2/2, 4 → 2/3, 5 → 3/3). A status is a state value (`2`) or a label of the
 * task model (`resolved`).
 */
export const serviceNowTicketBody = `
(
  $b := body;
  $ids := function($ref) { $ref ? $string($ref.id) : "" };
  $states := { "new": "1", "in progress": "2", "on hold": "3", "resolved": "6", "closed": "7", "canceled": "8" };
  $pairs := { "1": ["1", "1"], "2": ["1", "2"], "3": ["2", "2"], "4": ["2", "3"], "5": ["3", "3"] };
  $names := { "critical": "1", "high": "2", "moderate": "3", "medium": "3", "low": "4", "planning": "5" };
  $priority := $b.priority ? (
    $key := $lowercase($string($b.priority.id));
    $lookup($pairs, $exists($lookup($names, $key)) ? $lookup($names, $key) : $key)
  );
  $state := $b.status ? (
    $key := $lowercase($string($b.status.id));
    $exists($lookup($states, $key)) ? $lookup($states, $key) : $string($b.status.id)
  );
  $merge([
    $exists($b.name) ? { "short_description": $b.name },
    $exists($b.description) ? { "description": $b.description = null ? "" : $b.description },
    $state ? { "state": $state },
    $priority ? { "impact": $priority[0], "urgency": $priority[1] },
    $exists($b.assignees) ? { "assigned_to": $count($b.assignees) > 0 ? $ids($b.assignees[0]) : "" },
    $exists($b.team) ? { "assignment_group": $ids($b.team) },
    $exists($b.contact) ? { "caller_id": $ids($b.contact) },
    $exists($b.account) ? { "company": $ids($b.account) },
    $exists($b.ticket_type) ? { "category": $b.ticket_type ? $b.ticket_type.id : "" },
    $exists($b.due_date) ? {
      "due_date": $b.due_date ? $replace($replace($b.due_date, "T", " "), /(\\.\\d+)?Z$/, "") : ""
    },
    $exists($b.parent_ticket) ? { "parent": $ids($b.parent_ticket) }
  ])
)`;

const TICKETS = `${TABLE_API} & ${TICKET_TABLE}`;
const TICKET = `${TICKETS} & "/" & $encodeUrlComponent(id)`;
/** Lists leave out the long texts (`description`, journals): their records are partial, `get` is whole. */
const LIST_FIELDS = [
  'sys_id',
  'number',
  'short_description',
  'state',
  'priority',
  'impact',
  'urgency',
  'assigned_to',
  'assignment_group',
  'caller_id',
  'opened_by',
  'company',
  'category',
  'contact_type',
  'parent',
  'due_date',
  'sys_created_on',
  'sys_updated_on',
  'resolved_at',
  'closed_at',
  'sys_class_name',
].join(',');

export const serviceNowTickets: ResourceDefinition = {
  record: serviceNowTicketRecord,
  methods: {
    list: {
      method: 'GET',
      path: TICKETS,
      // Oldest first by creation, sys_id to break ties: records created while a caller pages append at the end.
      query: `{
        "sysparm_query": ${updatedSince('"ORDERBYsys_created_on^ORDERBYsys_id"')},
        "sysparm_fields": "${LIST_FIELDS}",
        ${DISPLAY_ALL}
      }`,
      response: 'result',
      isPartial: true,
      filters: { updated_at: ['gte'] },
    },
    get: { method: 'GET', path: TICKET, query: `{ ${DISPLAY_ALL} }`, response: 'result' },
    create: {
      method: 'POST',
      path: TICKETS,
      query: `{ ${DISPLAY_ALL} }`,
      body: serviceNowTicketBody,
      response: 'result',
    },
    update: {
      method: 'PATCH',
      path: TICKET,
      query: `{ ${DISPLAY_ALL} }`,
      body: serviceNowTicketBody,
      response: 'result',
    },
    delete: { method: 'DELETE', path: TICKET },
  },
};
