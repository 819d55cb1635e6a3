import type { ResourceDefinition } from '../definition';
import { ID } from './ticket.mapping';

/**
 * Ticket layout fields (`/organizationFields?module=tickets`) → unified fields. Statuses, priorities and
 * classifications (ticket types) are the picklist values of the `status`, `priority` and
 * `classification` fields: Zoho keys them by value, which is also what tickets carry.
 */
export const zohoFieldRecord = `
(
  $types := {
    "Text": "string", "Textarea": "text", "Picklist": "enum", "Multiselect": "multi_enum",
    "Boolean": "boolean", "Number": "number", "Decimal": "number", "Currency": "number",
    "Percent": "number", "Date": "date", "DateTime": "datetime", "Email": "string",
    "Phone": "string", "URL": "string", "LookUp": "reference"
  };
  $formats := { "Decimal": "decimal", "Currency": "currency", "Percent": "percent", "Email": "email", "Phone": "phone", "URL": "url" };
  {
    "id": $string(id),
    "name": apiName,
    "label": displayLabel,
    "type": $exists($lookup($types, type)) ? $lookup($types, type) : type,
    "format": $lookup($formats, type),
    "is_required": isMandatory,
    "is_unique": false,
    "options": allowedValues ? [allowedValues.{ "value": value, "label": value }],
    "is_user_defined": isCustomField,
    "entity_type": "ticket",
    "applicable_for": showToHelpCenter ? "agents_and_end_users" : "agents"
  }
)`;

const picklist = (apiName: string) => ({
  method: 'GET' as const,
  path: '"/api/v1/organizationFields"',
  query: '{ "module": "tickets" }',
  response: `[data[apiName = "${apiName}"].allowedValues.{ "value": value }]`,
  pagination: { strategy: 'none' as const },
});

export const zohoFields: ResourceDefinition = {
  record: zohoFieldRecord,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/v1/organizationFields"',
      query: '{ "module": "tickets" }',
      response: 'data',
      pagination: { strategy: 'none' },
    },
    get: { method: 'GET', path: `"/api/v1/organizationFields/" & ${ID}` },
  },
};

export const zohoTicketStatuses: ResourceDefinition = {
  record: `{ "id": value, "name": value }`,
  methods: { list: picklist('status') },
};
export const zohoTicketPriorities: ResourceDefinition = {
  record: `{ "id": value, "name": value }`,
  methods: { list: picklist('priority') },
};
export const zohoTicketTypes: ResourceDefinition = {
  record: `{ "id": value, "name": value }`,
  methods: { list: picklist('classification') },
};
