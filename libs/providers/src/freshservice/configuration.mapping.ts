import type { MethodDefinition, ResourceDefinition } from '../definition';

/**
 * Ticket form fields → unified fields; statuses, priorities and ticket types are the choices of the
 * default `status`, `priority` and `ticket_type` fields, read from /ticket_form_fields (one unpaginated
 * answer, `{"ticket_fields": […]}`). Choices are `{id, value}` objects; a status also carries the label
 * requesters see (`customer_display_name`). One field has no endpoint of its own: fields are listed only.
 */
export const freshserviceFieldRecord = `
(
  $types := {
    "custom_text": "string", "custom_paragraph": "text", "custom_checkbox": "boolean",
    "custom_number": "number", "custom_decimal": "number", "custom_date": "date",
    "custom_dropdown": "enum", "nested_field": "enum", "custom_lookup_bigint": "reference",
    "default_subject": "string", "default_description": "text", "default_requester": "reference",
    "default_status": "enum", "default_priority": "enum", "default_source": "enum",
    "default_ticket_type": "enum", "default_group": "enum", "default_agent": "enum",
    "default_department": "enum", "default_category": "enum", "default_urgency": "enum",
    "default_impact": "enum"
  };
  $formats := {
    "custom_number": "integer", "custom_decimal": "decimal", "default_requester": "contact",
    "default_department": "account", "default_agent": "user", "default_group": "team"
  };
  {
    "id": $string(id),
    "name": name,
    "label": label,
    "description": description,
    "type": $exists($lookup($types, field_type)) ? $lookup($types, field_type) : field_type,
    "format": $lookup($formats, field_type),
    "is_unique": false,
    "is_required": required_for_agents = true,
    "options": $exists(choices) and $count(choices) > 0
      ? [choices.{ "value": $string($exists(id) ? id : value), "label": $string(value) }],
    "is_user_defined": $exists(default_field) ? $not(default_field),
    "entity_type": "ticket",
    "entity_id": workspace_id ? $string(workspace_id),
    "applicable_for": displayed_to_customers ? "agents_and_end_users" : "agents",
    "created_at": created_at,
    "updated_at": updated_at
  }
)`;

const choicesOf = (fieldType: string, record: string): ResourceDefinition => ({
  record,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/v2/ticket_form_fields"',
      response: `[ticket_fields[field_type = "${fieldType}"].choices]`,
      pagination: { strategy: 'none' },
    } satisfies MethodDefinition,
  },
});

export const freshserviceFields: ResourceDefinition = {
  record: freshserviceFieldRecord,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/v2/ticket_form_fields"',
      response: 'ticket_fields',
      pagination: { strategy: 'none' },
    },
  },
};

export const freshserviceTicketStatuses = choicesOf(
  'default_status',
  `{ "id": $string(id), "name": value, "description": customer_display_name }`,
);

export const freshserviceTicketPriorities = choicesOf(
  'default_priority',
  `{ "id": $string(id), "name": value }`,
);

/** Types are written by name on a ticket (`type: "Incident"`), so the name is the id. */
export const freshserviceTicketTypes = choicesOf('default_ticket_type', `{ "id": value, "name": value }`);
