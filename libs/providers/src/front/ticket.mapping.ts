import type { ResourceDefinition } from '../definition';
import { encode, FRONT_TIME, ID, LINKED_ID, NO_CONTENT, TEAMMATE_REFERENCE } from './shared.mapping';

/**
 * Front conversation → unified ticket (the REST object and a webhook event's `conversation` are the same
 * shape). With ticketing enabled a conversation has a ticket status (`status_id`, `status_category`
 * open/waiting/resolved): that is the unified status, its category mapped to ours. Without it, the
 * legacy status (assigned/unassigned/archived) is. Trash overrides both: `deleted`, cancelled.
 * The main recipient is the contact; ticket ids (`TICKET-12`) are the number. Front has no priority.
 */
export const frontTicketRecord = `
(
  $time := ${FRONT_TIME};
  $linked := ${LINKED_ID};
  $teammate := ${TEAMMATE_REFERENCE};
  $id := ${ID};
  $legacy := status;
  $category := status_category;
  $ticketCategory := { "open": "open", "waiting": "on_hold", "resolved": "done" }.$lookup($, $category);
  $legacyCategory := { "unassigned": "open", "assigned": "in_progress", "archived": "done" }.$lookup($, $legacy);
  $contactId := $linked(recipient._links.related.contact, "contacts");
  {
    "id": $id,
    "name": subject,
    "number": ticket_ids[0],
    "description": description,
    "assignees": assignee ? [$teammate(assignee)] : [],
    "status": $legacy = "deleted"
      ? { "id": "deleted", "name": "deleted", "category": "cancelled" }
      : status_id
        ? { "id": status_id, "category": $ticketCategory ? $ticketCategory : ($legacyCategory ? $legacyCategory : "open") }
        : $legacy ? { "id": $legacy, "name": $legacy, "category": $legacyCategory ? $legacyCategory : "open" },
    "contact": $contactId ? { "id": $contactId, "name": recipient.name },
    "ticket_type": type ? { "id": type, "name": type },
    "tags": [tags.{ "id": id, "name": name }],
    "due_date": $time(due_at),
    "created_at": $time(created_at),
    "updated_at": $time(updated_at),
    "ticket_url": $id ? "https://app.frontapp.com/open/" & $id,
    "custom_fields": custom_fields
  }
)`;

const CONVERSATION = `"/conversations/" & ${encode('id')}`;
const DUE_AT = `body.due_date ? $toMillis(body.due_date) / 1000`;

/**
 * Unified ticket → a new conversation. Front's API creates only discussions (internal, comments only)
 * and tasks; e-mail conversations start from a message on a channel. A discussion needs a starter
 * comment: the description, else the name. The inbox is the ticket's workspace, else the connection's
 * `inbox_id`; without either, the assignees become the discussion's teammates.
 */
const CREATE_BODY = `(
  $task := body.ticket_type.id = "task";
  $inbox := body.workspace.id ? body.workspace.id : settings.inbox_id;
  {
    "type": $task ? "task" : "discussion",
    "inbox_id": $inbox,
    "teammate_ids": $not($exists($inbox)) and $exists(body.assignees) ? [body.assignees.id],
    "subject": body.name,
    "comment": $not($task) ? { "body": body.description ? body.description : body.name },
    "description": $task ? body.description,
    "due_at": $task ? ${DUE_AT},
    "custom_fields": body.custom_fields
  }
)`;

/**
 * Unified ticket → PATCH /conversations/{id}. One assignee (the first; none unassigns); tags replace
 * the conversation's tags; a status id `sts_…` sets the ticket status, any other goes as Front's
 * `status` (archived, open, deleted = trash, spam), the legacy `assigned`/`unassigned` meaning open.
 * Front cannot change a subject; description and due date exist on tasks only (Front refuses others).
 */
const UPDATE_BODY = `(
  $s := body.status.id;
  $isTicketStatus := $s and $substring($s, 0, 4) = "sts_";
  {
    "assignee_id": $exists(body.assignees) ? ($count(body.assignees) > 0 ? body.assignees[0].id : null),
    "inbox_id": body.workspace.id,
    "status_id": $isTicketStatus ? $s,
    "status": $s and $not($isTicketStatus) ? ($s in ["assigned", "unassigned"] ? "open" : $s),
    "tag_ids": $exists(body.tags) ? [body.tags.id],
    "description": body.description,
    "due_at": ${DUE_AT},
    "custom_fields": body.custom_fields
  }
)`;

export const frontTickets: ResourceDefinition = {
  record: frontTicketRecord,
  methods: {
    // Most recently active first (Front's order); the walk follows `_pagination.next`.
    list: { method: 'GET', path: '"/conversations"', response: '_results' },
    get: { method: 'GET', path: CONVERSATION },
    create: { method: 'POST', path: '"/conversations"', body: CREATE_BODY },
    // 204 No Content: the record is read back.
    update: { method: 'PATCH', path: CONVERSATION, body: UPDATE_BODY, response: NO_CONTENT, readBack: true },
  },
};
