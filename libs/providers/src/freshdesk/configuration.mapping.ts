import type { ResourceDefinition } from '../definition';
import { ID } from './shared.mapping';

/**
 * Ticket fields → unified fields; statuses, priorities and ticket types are the choices of the default
 * `status`, `priority` and `ticket_type` fields, so each list reads /ticket_fields filtered by type
 * (one unpaginated answer). A custom field's `name` (`cf_…`) is the key of ticket `custom_fields`.
 */
export const freshdeskFieldRecord = `
(
  $types := {
    "custom_text": "string", "custom_paragraph": "text", "custom_checkbox": "boolean",
    "custom_number": "number", "custom_decimal": "number", "custom_date": "date",
    "custom_date_time": "datetime", "custom_dropdown": "enum", "nested_field": "enum",
    "default_subject": "string", "default_description": "text", "default_requester": "reference",
    "default_company": "reference", "default_status": "enum", "default_priority": "enum",
    "default_source": "enum", "default_ticket_type": "enum", "default_group": "enum",
    "default_agent": "enum", "default_product": "enum"
  };
  $formats := {
    "custom_number": "integer", "custom_decimal": "decimal", "default_requester": "contact",
    "default_company": "account", "default_agent": "user", "default_group": "team"
  };
  $choices := choices;
  {
    "id": $string(id),
    "name": name,
    "label": label,
    "description": description,
    "type": $exists($lookup($types, type)) ? $lookup($types, type) : type,
    "format": $lookup($formats, type),
    "is_unique": false,
    "is_required": required_for_agents,
    "options": $exists($choices) ? (
      $type($choices) = "array"
        ? [$choices.(
            $type($) = "object"
              ? { "value": $string($exists(value) ? value : id), "label": label ? label : $string(value) }
              : { "value": $string($), "label": $string($) }
          )]
        : [$each($choices, function($v, $k) {
            $type($v) = "array" ? { "value": $k, "label": $v[0] }
            : $type($v) = "number" ? { "value": $string($v), "label": $k }
            : { "value": $k, "label": $k }
          })]
    ),
    "is_user_defined": $exists(default) ? $not(default),
    "entity_type": "ticket",
    "applicable_for": displayed_to_customers ? "agents_and_end_users" : "agents",
    "created_at": created_at,
    "updated_at": updated_at
  }
)`;

/** `{"2": ["Open", "Being Processed"], …}`: the agent label is the name, the customer label the description. */
const statusesResponse = `[$[type = "default_status"].$each(choices, function($v, $k) {
  { "id": $k, "label": $v[0], "customer_label": $v[1] }
})]`;
/** `{"Low": 1, …}`: Freshdesk's four fixed priorities, listed by the helpdesk itself. */
const prioritiesResponse = `[$[type = "default_priority"].$each(choices, function($v, $k) { { "id": $v, "name": $k } })]`;
const typesResponse = `[$[type = "default_ticket_type"].choices.{ "name": $ }]`;

const choicesOf = (type: string, response: string) => ({
  method: 'GET' as const,
  path: '"/api/v2/ticket_fields"',
  query: `{ "type": "${type}" }`,
  response,
  pagination: { strategy: 'none' as const },
});

export const freshdeskFields: ResourceDefinition = {
  record: freshdeskFieldRecord,
  methods: {
    list: { method: 'GET', path: '"/api/v2/ticket_fields"', pagination: { strategy: 'none' } },
    // One field is read through the admin API (admin privilege).
    get: { method: 'GET', path: `"/api/v2/admin/ticket_fields/" & ${ID}` },
  },
};

export const freshdeskTicketStatuses: ResourceDefinition = {
  record: `{ "id": $string(id), "name": label, "description": customer_label }`,
  methods: { list: choicesOf('default_status', statusesResponse) },
};

export const freshdeskTicketPriorities: ResourceDefinition = {
  record: `{ "id": $string(id), "name": name }`,
  methods: { list: choicesOf('default_priority', prioritiesResponse) },
};

export const freshdeskTicketTypes: ResourceDefinition = {
  record: `{ "id": name, "name": name }`,
  methods: { list: choicesOf('default_ticket_type', typesResponse) },
};
