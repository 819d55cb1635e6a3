import type { ResourceDefinition } from '../definition';

export const ID = `$encodeUrlComponent(id)`;

/** Zoho's three status types (every custom status has one) → unified categories. */
const STATUS_CATEGORIES = `{ "Open": "open", "On Hold": "on_hold", "Closed": "done" }`;
/** Zoho's default priorities are High, Medium and Low; custom ones are left unranked. */
const PRIORITY_CATEGORY = `function($p) { $lowercase($p) in ["low", "medium", "high", "urgent"] ? $lowercase($p) : null }`;

/**
 * Zoho Desk ticket → unified ticket. Status and priority are names (Zoho keys picklists by value), the
 * status category comes from `statusType`. The department, the partition every ticket lives in, is the
 * ticket's collection. `description` is Zoho's HTML as stored. A deleted ticket's webhook payload has
 * only its id.
 */
export const zohoTicketRecord = `
(
  $category := $lookup(${STATUS_CATEGORIES}, statusType);
  $rank := ${PRIORITY_CATEGORY};
  {
    "id": $string(id),
    "number": ticketNumber,
    "name": subject,
    "description": description,
    "assignees": $exists(assigneeId) ? (assigneeId ? [{ "id": assigneeId }] : []),
    "status": status ? { "id": status, "name": status, "category": $category ? $category : "in_progress" },
    "contact": contactId ? { "id": contactId },
    "created_by": contactId ? { "id": contactId, "type": "contact" },
    "account": accountId ? { "id": accountId },
    "team": teamId ? { "id": teamId },
    "collections": departmentId ? [{ "id": departmentId, "type": "other" }],
    "due_date": dueDate,
    "ticket_type": classification ? { "id": classification, "name": classification },
    "priority": priority ? { "id": priority, "name": priority, "category": $rank(priority) },
    "source": channel ? { "id": channel, "name": channel },
    "custom_fields": cf,
    "is_unread": $exists(isRead) ? isRead = false,
    "created_at": createdTime,
    "updated_at": modifiedTime,
    "completed_at": closedTime,
    "ticket_url": webUrl
  }
)`;

/**
 * Unified ticket → Zoho ticket attributes. A new ticket needs a department (the first collection, else
 * the connection's `department_id`) and a contact (`contact`, or a contact `created_by`).
 */
function ticketBody(create: boolean): string {
  return `
(
  $b := body;
  $department := $b.collections[0].id ? $b.collections[0].id : ${create ? 'settings.department_id' : 'undefined'};
  $contact := $b.contact ? $b.contact.id : ($b.created_by.type = "contact" ? $b.created_by.id);
  $merge([
    $exists($b.name) ? { "subject": $b.name },
    $exists($b.description) ? { "description": $b.description },
    $b.status ? { "status": $b.status.id },
    $exists($b.priority) ? { "priority": $b.priority ? $b.priority.id : null },
    $exists($b.assignees)
      ? { "assigneeId": $b.assignees != null and $count($b.assignees) > 0 ? $b.assignees[0].id : null },
    $exists($b.team) ? { "teamId": $b.team ? $b.team.id : null },
    $exists($b.account) ? { "accountId": $b.account ? $b.account.id : null },
    $exists($b.ticket_type) ? { "classification": $b.ticket_type ? $b.ticket_type.id : null },
    $exists($b.due_date) ? { "dueDate": $b.due_date },
    $b.source ? { "channel": $b.source.id },
    $b.custom_fields ? { "cf": $b.custom_fields },
    $department ? { "departmentId": $department },
    $contact ? { "contactId": $contact }
  ])
)`;
}

const TICKET = `"/api/v1/tickets/" & ${ID}`;

/** Zoho deletes by moving to the trash, in bulk: `{"ticketIds": [...]}`. */
export const trash = (collection: string, idsField: string) => ({
  method: 'POST' as const,
  path: `"/api/v1/${collection}/moveToTrash"`,
  body: `{ "${idsField}": [id] }`,
});

export const zohoTickets: ResourceDefinition = {
  record: zohoTicketRecord,
  methods: {
    // Oldest first, so tickets created while a caller pages append at the end.
    list: {
      method: 'GET',
      path: '"/api/v1/tickets"',
      query: '{ "sortBy": "createdTime" }',
      response: 'data',
    },
    get: { method: 'GET', path: TICKET },
    create: { method: 'POST', path: '"/api/v1/tickets"', body: ticketBody(true) },
    update: { method: 'PATCH', path: TICKET, body: ticketBody(false) },
    delete: trash('tickets', 'ticketIds'),
  },
};

/**
 * Ticket comments → unified comments: Zoho's comments are the agents' notes on a ticket, public
 * (`isPublic`, shown in the help center) or private. Threads (the e-mail, chat and portal conversation
 * with the customer) are not comments here: docs/providers/zoho_desk.md. A comment is addressed under
 * its ticket, so every call needs `ticket_id`.
 */
export const zohoCommentRecord = `
(
  $ticket := $exists(ticketId) ? ticketId : $request.query.ticket_id;
  {
    "id": $string(id),
    "author": commenterId ? { "id": commenterId, "name": commenter.name, "type": commenter.type = "END_USER" ? "contact" : "user" },
    "body": contentType = "plainText" ? content,
    "html_body": contentType = "html" ? content,
    "ticket": $ticket ? { "id": $string($ticket) },
    "attachments": $exists(attachments) ? [attachments.{ "id": $string(id), "name": name }],
    "is_internal": isPublic = false,
    "is_private": isPublic = false,
    "created_at": commentedTime,
    "updated_at": modifiedTime ? modifiedTime : commentedTime
  }
)`;

const commentBody = `$merge([
  body.html_body ? { "content": body.html_body, "contentType": "html" }
    : $exists(body.body) ? { "content": body.body, "contentType": "plainText" },
  $exists(body.is_internal) or $exists(body.is_private)
    ? { "isPublic": $not(body.is_internal = true or body.is_private = true) }
])`;

const COMMENTS = `"/api/v1/tickets/" & $encodeUrlComponent(query.ticket_id) & "/comments"`;
const COMMENT = `${COMMENTS} & "/" & ${ID}`;

export const zohoComments: ResourceDefinition = {
  record: zohoCommentRecord,
  methods: {
    list: {
      method: 'GET',
      path: COMMENTS,
      query: '{ "sortBy": "commentedTime" }',
      response: 'data',
      requiredQuery: ['ticket_id'],
    },
    get: { method: 'GET', path: COMMENT, requiredQuery: ['ticket_id'] },
    create: {
      method: 'POST',
      path: `"/api/v1/tickets/" & $encodeUrlComponent(body.ticket.id) & "/comments"`,
      // A new comment is public unless the caller says internal, as in Zoho.
      body: commentBody,
    },
    update: { method: 'PATCH', path: COMMENT, body: commentBody, requiredQuery: ['ticket_id'] },
    delete: { method: 'DELETE', path: COMMENT, requiredQuery: ['ticket_id'] },
  },
};
