import type { ResourceDefinition } from '../definition';
import { path, TIME } from './shared.mapping';

/**
 * Intercom ticket (REST, search, or a notification's `data.item`) → unified ticket. The id is Intercom's
 * `id`, what its paths address; `number` is the Inbox's `ticket_id`. Title and description are the
 * `_default_title_` / `_default_description_` ticket attributes; the others are custom fields.
 * `ticket_state` is an object since API 2.10; notifications of apps pinned to older versions carry the
 * category as a string with `ticket_state_internal_label` beside it, and both are read.
 */
export const intercomTicketRecord = `
(
  $time := ${TIME};
  $state := $type(ticket_state) = "object"
    ? ticket_state
    : ticket_state ? { "id": ticket_state, "category": ticket_state, "internal_label": ticket_state_internal_label };
  $categories := {
    "submitted": "open",
    "in_progress": "in_progress",
    "waiting_on_customer": "on_hold",
    "resolved": "done"
  };
  $admin := $string(admin_assignee_id);
  $team := $string(team_assignee_id);
  $people := contacts.contacts;
  $linked := linked_objects.data;
  $tracker := ($linked[type = "ticket" and category = "Tracker"])[0];
  $custom := $sift(ticket_attributes, function($v, $k) { $not($k in ["_default_title_", "_default_description_"]) });
  {
    "id": $string(id),
    "name": ticket_attributes._default_title_,
    "number": ticket_id ? $string(ticket_id),
    "description": ticket_attributes._default_description_,
    "assignees": $admin and $admin != "0" ? [{ "id": $admin }] : [],
    "team": $team and $team != "0" ? { "id": $team },
    "status": $state ? {
      "id": $string($state.id),
      "name": $state.internal_label ? $state.internal_label : $state.category,
      "category": $exists($lookup($categories, $state.category))
        ? $lookup($categories, $state.category)
        : (open = false ? "done" : "open")
    },
    "ticket_type": ticket_type ? { "id": $string(ticket_type.id), "name": ticket_type.name },
    "contact": $people[0] ? { "id": $string($people[0].id) },
    "additional_contacts": [$filter($people, function($v, $i) { $i > 0 }).{ "id": $string(id) }],
    "conversations": [$linked[type = "conversation"].{ "id": $string(id) }],
    "parent_ticket": category != "Tracker" and $tracker ? { "id": $string($tracker.id) },
    "created_at": $time(created_at),
    "updated_at": $time(updated_at),
    "custom_fields": ticket_attributes ? ($custom ? $custom : {})
  }
)`;

/** Unified → ticket attributes: only what the body names (an update leaves the others alone). */
const ATTRIBUTES = `$merge([
  body.custom_fields ? body.custom_fields : {},
  $exists(body.name) ? { "_default_title_": body.name } : {},
  $exists(body.description) ? { "_default_description_": body.description } : {}
])`;

/**
 * Intercom needs a ticket type and (currently exactly) one contact to create a ticket: the body's, else
 * the connection's defaults. `additional_contacts` cannot be sent (Intercom allows one).
 */
const CREATE_BODY = `(
  $contact := body.contact.id ? body.contact.id : settings.default_contact_id;
  $admin := body.assignees[0].id;
  {
    "ticket_type_id": body.ticket_type.id ? body.ticket_type.id : settings.default_ticket_type_id,
    "contacts": $contact ? [{ "id": $contact }] : [],
    "ticket_attributes": ${ATTRIBUTES},
    "company_id": body.account.id,
    "assignment": $admin or body.team.id ? { "admin_assignee_id": $admin, "team_assignee_id": body.team.id }
  }
)`;

/**
 * `assignee_id` takes an admin or a team; "0" unassigns. Assignees win over a team when both are given.
 * `admin_id` attributes the change to the connection's admin (Intercom runs workflows with it).
 */
const UPDATE_BODY = `(
  $attributes := ${ATTRIBUTES};
  {
    "ticket_attributes": $count($keys($attributes)) > 0 ? $attributes,
    "ticket_state_id": body.status.id,
    "assignee_id": $exists(body.assignees)
      ? (body.assignees[0].id ? body.assignees[0].id : "0")
      : body.team.id,
    "company_id": $exists(body.account) ? (body.account ? body.account.id : null),
    "admin_id": settings.default_admin_id ? $number(settings.default_admin_id)
  }
)`;

/**
 * Date filters become search clauses on Unix seconds. Intercom's times are whole seconds, so every
 * bound is made exact with `>` and `<` (the date operators the search accepts).
 */
const SEARCH_BODY = `(
  $s := function($iso) { $toMillis($iso) / 1000 };
  $bounds := function($field, $f) { [
    $exists($f.gt) ? { "field": $field, "operator": ">", "value": $floor($s($f.gt)) },
    $exists($f.gte) ? { "field": $field, "operator": ">", "value": $ceil($s($f.gte)) - 1 },
    $exists($f.lt) ? { "field": $field, "operator": "<", "value": $ceil($s($f.lt)) },
    $exists($f.lte) ? { "field": $field, "operator": "<", "value": $floor($s($f.lte)) + 1 }
  ] };
  $clauses := $append($bounds("created_at", query.created_at), $bounds("updated_at", query.updated_at));
  {
    "query": $count($clauses) > 0
      ? { "operator": "AND", "value": $clauses }
      : { "field": "created_at", "operator": ">", "value": 0 },
    "pagination": {}
  }
)`;

export const intercomTickets: ResourceDefinition = {
  record: intercomTicketRecord,
  methods: {
    // Intercom lists tickets only through its search; the page size and cursor go in `pagination`.
    list: {
      method: 'POST',
      path: '"/tickets/search"',
      body: SEARCH_BODY,
      response: 'tickets',
      pagingBodyField: 'pagination',
      filters: { created_at: ['gt', 'gte', 'lt', 'lte'], updated_at: ['gt', 'gte', 'lt', 'lte'] },
    },
    get: { method: 'GET', path: path('tickets') },
    create: { method: 'POST', path: '"/tickets"', body: CREATE_BODY },
    update: { method: 'PUT', path: path('tickets'), body: UPDATE_BODY },
    // Permanent, and restricted to some plans (403 `api_plan_restricted` elsewhere).
    delete: { method: 'DELETE', path: path('tickets') },
  },
};
