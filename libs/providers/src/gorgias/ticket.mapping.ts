import type { ResourceDefinition } from '../definition';
import { ID, NUMERIC, PRIORITY_CATEGORIES, PRIORITY_NAMES, UTC } from './shared.mapping';

/**
 * Gorgias ticket → unified ticket. Its two statuses are `open` and `closed`; the customer is the contact
 * and, on a ticket a customer opened (`from_agent: false`), its creator. A ticket has no description of
 * its own: `excerpt` (the start of its messages) stands for it. Custom field values are keyed by the
 * field's id, the unified field's `name`.
 */
export const gorgiasTicketRecord = `
(
  $utc := ${UTC};
  {
    "id": $string(id),
    "number": $string(id),
    "name": subject,
    "description": excerpt,
    "assignees": $exists(assignee_user) ? (assignee_user ? [{ "id": $string(assignee_user.id), "name": assignee_user.name }] : []),
    "status": status ? { "id": status, "name": status = "closed" ? "Closed" : "Open", "category": status = "closed" ? "done" : "open" },
    "created_by": customer and from_agent = false ? { "id": $string(customer.id), "name": customer.name, "type": "contact" },
    "contact": customer ? { "id": $string(customer.id), "name": customer.name },
    "team": assignee_team ? { "id": $string(assignee_team.id), "name": assignee_team.name },
    "priority": priority ? { "id": priority, "name": $lookup(${PRIORITY_NAMES}, priority), "category": $lookup(${PRIORITY_CATEGORIES}, priority) },
    "source": channel ? { "id": channel, "name": channel },
    "tags": $exists(tags) ? [tags.{ "id": $string(id), "name": name }],
    "custom_fields": $type(custom_fields) = "object" ? $merge([$each(custom_fields, function($v, $k) { { $k: $v.value } })]),
    "languages": language ? [language],
    "is_unread": is_unread,
    "created_at": $utc(created_datetime),
    "updated_at": $utc(updated_datetime),
    "completed_at": $utc(closed_datetime),
    "ticket_url": $settings.domain ? "https://" & $settings.domain & ".gorgias.com/app/ticket/" & $string(id)
  }
)`;

/**
 * Unified ticket → Gorgias ticket. A new ticket needs its customer (`contact`, or a contact
 * `created_by`) and a first message from that customer: the description (else the name). Tags go by
 * name, or by id when only an id is given.
 */
function ticketBody(create: boolean): string {
  const firstMessage = `{
      "channel": "api", "via": "api", "from_agent": false,
      "messages": [{
        "channel": "api", "via": "api", "from_agent": false,
        "sender": { "id": $num($customer) },
        "subject": $b.name,
        "body_text": $b.description ? $b.description : $b.name
      }]
    }`;
  return `
(
  $b := body;
  $num := ${NUMERIC};
  $customer := $b.contact ? $b.contact.id : ($b.created_by.type = "contact" ? $b.created_by.id);
  $merge([
    $exists($b.name) ? { "subject": $b.name },
    $b.status ? { "status": $lowercase($b.status.id) },
    $b.priority ? { "priority": $lowercase($b.priority.id) },
    $exists($b.assignees)
      ? { "assignee_user": $b.assignees != null and $count($b.assignees) > 0 ? { "id": $num($b.assignees[0].id) } : null },
    $exists($b.team) ? { "assignee_team": $b.team ? { "id": $num($b.team.id) } : null },
    $exists($b.tags) ? { "tags": $b.tags = null ? [] : [$b.tags.(name ? { "name": name } : { "id": $num(id) })] },
    $customer ? { "customer": { "id": $num($customer) } },
    ${create ? `$customer ? ${firstMessage}` : '{}'}
  ])
)`;
}

const TICKET = `"/api/tickets/" & ${ID}`;

export const gorgiasTickets: ResourceDefinition = {
  record: gorgiasTicketRecord,
  methods: {
    // Oldest first, so tickets created while a caller pages append at the end.
    list: {
      method: 'GET',
      path: '"/api/tickets"',
      query: '{ "order_by": "created_datetime:asc" }',
      response: 'data',
    },
    get: { method: 'GET', path: TICKET },
    create: { method: 'POST', path: '"/api/tickets"', body: ticketBody(true) },
    update: { method: 'PUT', path: TICKET, body: ticketBody(false) },
    delete: { method: 'DELETE', path: TICKET },
  },
};

/**
 * Messages → unified comments. An `internal-note` message is internal and private; any other is
 * between the helpdesk and the customer: a user's when `from_agent`, else the customer's.
 */
export const gorgiasCommentRecord = `
(
  $utc := ${UTC};
  {
    "id": $string(id),
    "author": sender ? { "id": $string(sender.id), "name": sender.name, "type": from_agent ? "user" : "contact" },
    "body": body_text,
    "html_body": body_html,
    "ticket": ticket_id ? { "id": $string(ticket_id) },
    "attachments": $exists(attachments) ? [attachments.{ "id": url, "name": name }],
    "is_internal": channel = "internal-note",
    "is_private": public = false,
    "channel": channel ? { "id": channel, "name": channel },
    "created_at": $utc(created_datetime),
    "updated_at": $utc(created_datetime)
  }
)`;

/**
 * Unified comment → message. Internal comments are internal notes; public ones are `api` messages.
 * The sender is the author, else the connection's `agent_user_id` (Gorgias requires one).
 */
const commentCreateBody = `
(
  $num := ${NUMERIC};
  $internal := body.is_internal = true or body.is_private = true;
  $fromContact := body.author.type = "contact";
  $sender := body.author ? body.author.id : settings.agent_user_id;
  $merge([
    { "channel": $internal ? "internal-note" : "api", "via": "api", "from_agent": $not($fromContact) },
    $sender ? { "sender": { "id": $num($sender) } },
    $exists(body.body) ? { "body_text": body.body },
    $exists(body.html_body) ? { "body_html": body.html_body }
  ])
)`;

const commentUpdateBody = `$merge([
  $exists(body.body) ? { "body_text": body.body },
  $exists(body.html_body) ? { "body_html": body.html_body }
])`;

const MESSAGES = `"/api/tickets/" & $encodeUrlComponent(query.ticket_id) & "/messages"`;
const MESSAGE = `${MESSAGES} & "/" & ${ID}`;

export const gorgiasComments: ResourceDefinition = {
  record: gorgiasCommentRecord,
  methods: {
    list: { method: 'GET', path: MESSAGES, response: 'data', requiredQuery: ['ticket_id'] },
    get: { method: 'GET', path: MESSAGE, requiredQuery: ['ticket_id'] },
    create: {
      method: 'POST',
      path: `"/api/tickets/" & $encodeUrlComponent(body.ticket.id) & "/messages"`,
      body: commentCreateBody,
    },
    update: { method: 'PUT', path: MESSAGE, body: commentUpdateBody, requiredQuery: ['ticket_id'] },
    delete: { method: 'DELETE', path: MESSAGE, requiredQuery: ['ticket_id'] },
  },
};
