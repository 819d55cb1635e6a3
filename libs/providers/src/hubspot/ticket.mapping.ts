import type { MethodDefinition, ResourceDefinition } from '../definition';
import {
  ASSOCIATION,
  FIRST_ASSOCIATED,
  ID,
  PROPERTY,
  SEARCH_PAGINATION,
  TICKET_PROPERTIES,
} from './shared.mapping';

/**
 * The stages of HubSpot's default ticket pipeline (`0`). A stage of another pipeline carries only its id
 * on a ticket: it reads as done once the ticket has a `closed_date` (HubSpot sets it entering a stage
 * whose `ticketState` is CLOSED), in progress otherwise. docs/providers/hubspot.md.
 */
const STAGE_NAMES = `{ "1": "New", "2": "Waiting on contact", "3": "Waiting on us", "4": "Closed" }`;
const STAGE_CATEGORIES = `{ "1": "open", "2": "on_hold", "3": "in_progress", "4": "done" }`;
const STAGE_IDS = `{ "new": "1", "waiting on contact": "2", "waiting on us": "3", "closed": "4" }`;

/**
 * HubSpot ticket → unified ticket. The owner is the one assignee; the first associated contact and
 * company are the ticket's contact and account (asked for with `associations=contacts,companies`).
 * `hs_ticket_category` is the ticket type; `source_type` (EMAIL, CHAT, PHONE, FORM) the source.
 */
export const hubspotTicketRecord = `
(
  $p := properties;
  $first := ${FIRST_ASSOCIATED};
  $stage := $p.hs_pipeline_stage;
  $category := $lookup(${STAGE_CATEGORIES}, $stage);
  $contact := $first(associations, "contacts");
  $company := $first(associations, "companies");
  {
    "id": $string(id),
    "number": $string(id),
    "name": $p.subject,
    "description": $p.content,
    "assignees": $p.hubspot_owner_id ? [{ "id": $p.hubspot_owner_id }] : [],
    "status": $stage ? {
      "id": $stage,
      "name": $lookup(${STAGE_NAMES}, $stage),
      "category": $category ? $category : ($p.closed_date ? "done" : "in_progress")
    },
    "priority": $p.hs_ticket_priority ? {
      "id": $p.hs_ticket_priority,
      "name": $uppercase($substring($p.hs_ticket_priority, 0, 1)) & $lowercase($substring($p.hs_ticket_priority, 1)),
      "category": $lowercase($p.hs_ticket_priority) in ["low", "medium", "high", "urgent"]
        ? $lowercase($p.hs_ticket_priority)
    },
    "ticket_type": $p.hs_ticket_category ? { "id": $p.hs_ticket_category },
    "source": $p.source_type ? { "id": $p.source_type, "name": $p.source_type },
    "contact": $contact ? { "id": $contact },
    "account": $company ? { "id": $company },
    "collections": $p.hs_pipeline ? [{ "id": $p.hs_pipeline, "type": "list" }] : [],
    "created_at": createdAt,
    "updated_at": updatedAt,
    "completed_at": $p.closed_date ? $p.closed_date,
    "ticket_url": $settings.portal_id
      ? "https://app.hubspot.com/contacts/" & $settings.portal_id & "/ticket/" & $string(id)
  }
)`;

/**
 * Unified ticket → HubSpot properties (and, on create, associations). A status is a stage id or a
 * default stage's name; a new ticket goes to the connection's pipeline (default `0`) at its first
 * stage unless a status says otherwise, since HubSpot refuses a ticket without pipeline and stage.
 */
function ticketBody(create: boolean): string {
  return `
(
  $b := body;
  $prop := ${PROPERTY};
  $association := ${ASSOCIATION};
  $stage := function($ref) {
    (
      $named := $lookup(${STAGE_IDS}, $lowercase($string($ref.id)));
      $named ? $named : $string($ref.id)
    )
  };
  $properties := $merge([
    $prop("subject", $exists($b.name), $b.name),
    $prop("content", $exists($b.description), $b.description),
    ${create ? `{ "hs_pipeline": $settings.pipeline_id ? $settings.pipeline_id : "0" },` : ''}
    $b.status ? { "hs_pipeline_stage": $stage($b.status) } ${create ? `: { "hs_pipeline_stage": "1" }` : ''},
    $prop("hs_ticket_priority", $exists($b.priority), $b.priority ? $uppercase($b.priority.id)),
    $prop("hubspot_owner_id", $exists($b.assignees), $count($b.assignees) > 0 ? $b.assignees[0].id),
    $prop("hs_ticket_category", $exists($b.ticket_type), $b.ticket_type ? $b.ticket_type.id)
  ]);
  ${
    create
      ? `{
    "properties": $properties,
    "associations": [
      $b.contact ? $association($b.contact.id, 16),
      $b.account ? $association($b.account.id, 26)
    ]
  }`
      : `{ "properties": $properties }`
  }
)`;
}

const TICKET = `"/crm/v3/objects/tickets/" & ${ID}`;
const READ = `{ "properties": "${TICKET_PROPERTIES}", "associations": "contacts,companies" }`;
export const hubspotTickets: ResourceDefinition = {
  record: hubspotTicketRecord,
  methods: {
    list: { method: 'GET', path: '"/crm/v3/objects/tickets"', query: READ, response: 'results' },
    get: { method: 'GET', path: TICKET, query: READ },
    create: { method: 'POST', path: '"/crm/v3/objects/tickets"', body: ticketBody(true), readBack: true },
    // Associations are not properties: an update changes properties only (docs/providers/hubspot.md).
    update: { method: 'PATCH', path: TICKET, body: ticketBody(false), readBack: true },
    // Archives the ticket (restorable from the recycling bin for 90 days); it then reads as 404.
    delete: { method: 'DELETE', path: TICKET },
  },
};

/**
 * How polling finds changed tickets: the ticket list cannot filter by update time, the CRM search can
 * (`hs_lastmodifieddate` GT/GTE, oldest change first, paging in the body). The search cannot replace the
 * list (it stops at 10,000 results), so it is the poll block's own request (docs/providers/hubspot.md).
 */
export const hubspotTicketChanges: MethodDefinition = {
  method: 'POST',
  path: '"/crm/v3/objects/tickets/search"',
  body: `(
    $from := query.updated_at.gte ? query.updated_at.gte : query.updated_at.gt;
    $merge([
      {
        "sorts": [{ "propertyName": "hs_lastmodifieddate", "direction": "ASCENDING" }],
        "properties": $split("${TICKET_PROPERTIES}", ",")
      },
      $from ? { "filterGroups": [{ "filters": [{
        "propertyName": "hs_lastmodifieddate",
        "operator": query.updated_at.gte ? "GTE" : "GT",
        "value": $string($toMillis($from))
      }] }] }
    ])
  )`,
  response: 'results',
  filters: { updated_at: ['gte', 'gt'] },
  pagination: SEARCH_PAGINATION,
};

/**
 * What polling compares of a ticket: everything but its contact and account, which the list reads from
 * the ticket's associations and the search does not answer.
 */
export const hubspotTicketCompared = `$sift($, function($v, $k) { $not($k in ["contact", "account"]) })`;
