import type { ResourceDefinition } from '../definition';
import { ID, PRIORITY_NAMES, UTC } from './shared.mapping';

/**
 * Ticket custom fields → unified fields. A field's `name` is its id (the key of ticket
 * `custom_fields`), its label the admin's. Dropdowns are enums of their choices; managed fields
 * (Gorgias's own, such as the contact reason) are not user-defined; deactivated ones are hidden.
 */
export const gorgiasFieldRecord = `
(
  $kind := definition.data_type;
  $dropdown := definition.input_settings.input_type = "dropdown";
  {
    "id": $string(id),
    "name": $string(id),
    "label": label,
    "description": description,
    "type": $dropdown ? "enum" : $kind = "text" ? "string" : $kind,
    "is_required": required,
    "is_hidden": deactivated_datetime != null,
    "options": $dropdown ? [definition.input_settings.choices.{ "value": $string($), "label": $string($) }],
    "is_user_defined": managed_type = null,
    "entity_type": "ticket",
    "created_at": ${UTC}(created_datetime),
    "updated_at": ${UTC}(updated_datetime)
  }
)`;

export const gorgiasFields: ResourceDefinition = {
  record: gorgiasFieldRecord,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/custom-fields"',
      query: '{ "object_type": "Ticket" }',
      response: 'data',
    },
    get: { method: 'GET', path: `"/api/custom-fields/" & ${ID}` },
  },
};

/**
 * Gorgias's statuses (open, closed) and priorities (low, normal, high, critical) are fixed and have no
 * endpoint: they are listed from the account answer, which also confirms the connection works.
 */
const fixed = (response: string) => ({
  method: 'GET' as const,
  path: '"/api/account"',
  response,
  pagination: { strategy: 'none' as const },
});

export const gorgiasTicketStatuses: ResourceDefinition = {
  record: `{ "id": id, "name": name }`,
  methods: { list: fixed(`[{ "id": "open", "name": "Open" }, { "id": "closed", "name": "Closed" }]`) },
};

export const gorgiasTicketPriorities: ResourceDefinition = {
  record: `{ "id": id, "name": name }`,
  methods: { list: fixed(`[$each(${PRIORITY_NAMES}, function($v, $k) { { "id": $k, "name": $v } })]`) },
};
