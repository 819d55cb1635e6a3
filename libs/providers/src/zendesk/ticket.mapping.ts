/**
 * Zendesk ticket → unified ticket. One expression for the three shapes a ticket arrives in: the REST
 * ticket, the same with `users` (the people it references, sideloaded with `include=users` and attached by
 * the response expressions below) and the short `detail` of ticket events (string ids, upper-case enums,
 * `form_id`, `custom_status`).
 *
 * Status: the id is the ticket's custom status id (what `ticket_status` lists) where the ticket has one,
 * else Zendesk's system status key; the category comes from the system status.
 */
export const zendeskTicketRecord = `
(
  $users := users;
  $person := function($id) { $exists($users) and $id ? $users[$string(id) = $string($id)] };
  $ref := function($id) { $id ? { "id": $string($id), "name": $person($id).name } };
  $actor := function($id) {
    $id ? (
      $u := $person($id);
      {
        "id": $string($id),
        "name": $u.name,
        "type": $u
          ? ($u.role = "end-user" ? "contact" : "user")
          : ($string($id) = $string($$.requester_id) ? "contact" : "user")
      }
    )
  };
  $system := status ? $lowercase(status);
  $customStatus := $exists(custom_status_id) ? custom_status_id : custom_status;
  $priority := priority ? $lowercase(priority);
  $ticketType := type ? $lowercase(type);
  $people := $exists(email_cc_ids) ? email_cc_ids : collaborator_ids;
  {
    "id": $string(id),
    "name": subject,
    "number": $string(id),
    "assignees": assignee_id ? [$ref(assignee_id)] : [],
    "status": $system ? {
      "id": $customStatus ? $string($customStatus) : $system,
      "name": $customStatus ? null : $system,
      "category": {
        "new": "open", "open": "open", "pending": "on_hold", "hold": "on_hold", "solved": "done", "closed": "done"
      }.$lookup($, $system)
    },
    "created_by": $actor(submitter_id),
    "due_date": due_at,
    "description": description,
    "workspace": brand_id ? { "id": $string(brand_id) },
    "team": group_id ? { "id": $string(group_id) },
    "ticket_type": $ticketType ? { "id": $ticketType, "name": $uppercase($substring($ticketType, 0, 1)) & $substring($ticketType, 1) },
    "contact": $ref(requester_id),
    "additional_contacts": $exists($people) ? [$people.$ref($)] : null,
    "account": organization_id ? { "id": $string(organization_id) },
    "parent_ticket": problem_id ? { "id": $string(problem_id) },
    "tags": $type(tags) = "array" ? [tags.{ "id": $, "name": $ }] : null,
    "created_at": created_at,
    "updated_at": updated_at,
    "ticket_url": $settings.subdomain
      ? "https://" & $settings.subdomain & ".zendesk.com/agent/tickets/" & $string(id),
    "priority": $priority ? {
      "id": $priority,
      "name": $uppercase($substring($priority, 0, 1)) & $substring($priority, 1),
      "category": { "low": "low", "normal": "medium", "high": "high", "urgent": "urgent" }.$lookup($, $priority)
    },
    "source": via.channel ? { "id": via.channel, "name": via.channel },
    "custom_fields": $exists(custom_fields) ? $merge([custom_fields.{ $string(id): value }])
  }
)`;

/** Attaches to each ticket the sideloaded users it references (requester, submitter, assignee, CCs). */
const withPeople = `$merge([$t, { "users": [$users[id in $append([$t.requester_id, $t.submitter_id, $t.assignee_id], $t.email_cc_ids)]] }])`;

export const zendeskTicketListResponse = `
$exists(results)
  ? results
  : ( $users := users; [tickets.( $t := $; ${withPeople} )] )`;

export const zendeskTicketGetResponse = `( $users := users; $t := ticket; ${withPeople} )`;

/**
 * What polling compares of a ticket: the filtered list (the search export) has no sideloaded users, so the
 * people a ticket references are compared by id only — their names, and whether the submitter is a
 * contact, come from the users a single read sideloads (what a webhook's fetch publishes).
 */
export const zendeskTicketCompared = `
$merge([$, {
  "assignees": [assignees.id],
  "created_by": created_by.id,
  "contact": contact.id,
  "additional_contacts": [additional_contacts.id]
}])`;

/** created_at / updated_at filters become a search-export query (`updated>=2026-01-05T00:00:00Z`). */
const searchClauses = `
  $ops := { "gt": ">", "gte": ">=", "lt": "<", "lte": "<=" };
  $terms := function($name, $window) { $window ? $each($window, function($v, $k) { $name & $lookup($ops, $k) & $v }) };
  $clauses := $append($terms("updated", query.updated_at), $terms("created", query.created_at));`;

export const zendeskTicketListPath = `
$exists(query.updated_at) or $exists(query.created_at) ? "/api/v2/search/export" : "/api/v2/tickets"`;

export const zendeskTicketListQuery = `
(
  ${searchClauses}
  $count($clauses) > 0
    ? { "query": $join($append(["type:ticket"], $clauses), " "), "filter[type]": "ticket" }
    : { "include": "users" }
)`;

/**
 * Unified ticket body → `{"ticket": {...}}`. A status id that is one of Zendesk's system status keys
 * is sent as `status`, any other (a custom status id) as `custom_status_id`. Zendesk has one assignee: the first is sent.
 * On create the description becomes the first comment (Zendesk's way); on update it cannot be changed.
 */
const ticketAttributes = `
  $b := body;
  $id := function($r) { $r = null ? null : $r.id };
  $parts := [
    $exists($b.name) ? { "subject": $b.name },
    $exists($b.status) and $b.status != null
      ? ($b.status.id in ["new", "open", "pending", "hold", "solved", "closed"]
          ? { "status": $b.status.id }
          : { "custom_status_id": $b.status.id }),
    $exists($b.priority) ? { "priority": $id($b.priority) },
    $exists($b.ticket_type) ? { "type": $id($b.ticket_type) },
    $exists($b.assignees) ? { "assignee_id": $count($b.assignees) > 0 ? $b.assignees[0].id : null },
    $exists($b.team) ? { "group_id": $id($b.team) },
    $exists($b.contact) ? { "requester_id": $id($b.contact) },
    $exists($b.account) ? { "organization_id": $id($b.account) },
    $exists($b.workspace) ? { "brand_id": $id($b.workspace) },
    $exists($b.parent_ticket) ? { "problem_id": $id($b.parent_ticket) },
    $exists($b.due_date) ? { "due_at": $b.due_date },
    $exists($b.tags) ? { "tags": $b.tags = null ? [] : [$b.tags.id] },
    $exists($b.additional_contacts) ? { "collaborator_ids": $b.additional_contacts = null ? [] : [$b.additional_contacts.id] },
    $exists($b.custom_fields) and $b.custom_fields != null
      ? { "custom_fields": [$each($b.custom_fields, function($v, $k) { { "id": $k, "value": $v } })] }
  ];`;

export const zendeskTicketCreateBody = `
(
  ${ticketAttributes}
  $first := $exists($b.description) and $b.description != null ? { "comment": { "body": $b.description } };
  $submitter := $exists($b.created_by) and $b.created_by != null ? { "submitter_id": $b.created_by.id };
  { "ticket": $merge($append($parts, [$first, $submitter])) }
)`;

export const zendeskTicketUpdateBody = `
(
  ${ticketAttributes}
  { "ticket": $merge($parts) }
)`;
