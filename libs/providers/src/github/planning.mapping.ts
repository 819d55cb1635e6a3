import type { ResourceDefinition } from '../definition';
import { ORG, REPO } from './shared.mapping';

/** Organization issue type → unified ticket type (org-wide, so no project). */
export const githubTicketTypeRecord = `
{
  "id": $string(id),
  "name": name,
  "description": description,
  "project": null,
  "created_at": created_at,
  "updated_at": updated_at
}`;

/** GitHub's issue-field data types ↔ the unified field types. */
const TO_UNIFIED = `{ "text": "string", "number": "number", "date": "date", "single_select": "enum", "multi_select": "array" }`;
const TO_GITHUB = `{ "string": "text", "text": "text", "number": "number", "date": "date", "enum": "single_select",
  "array": "multi_select", "single_select": "single_select", "multi_select": "multi_select" }`;

/**
 * Organization issue field → unified field. Its values appear on tickets' `custom_fields` under the
 * field's name; select options are keyed by their name, which is the value an issue carries.
 */
export const githubFieldRecord = `
{
  "id": $string(id),
  "name": name,
  "label": name,
  "description": description,
  "type": $lookup(${TO_UNIFIED}, data_type) ? $lookup(${TO_UNIFIED}, data_type) : data_type,
  "options": options ? [options.{ "value": name, "label": name }],
  "is_user_defined": true,
  "entity_type": "ticket",
  "created_at": created_at,
  "updated_at": updated_at,
  "applicable_for": visibility
}`;

/** GitHub has two fixed issue states (the close reason is on each ticket's status category). */
export const githubTicketStatusRecord = `{ "id": id, "name": name, "description": description }`;

const FIELD_BODY = `{
  "name": body.name,
  "description": body.description,
  "options": $exists(body.options) ? [body.options.{ "name": label ? label : value }]
}`;

export const githubTicketTypes: ResourceDefinition = {
  record: githubTicketTypeRecord,
  methods: {
    // Not paginated by GitHub. There is no endpoint for a single type, and no partial update (PUT
    // replaces the type, `is_enabled` included, which the unified model does not carry).
    list: { method: 'GET', path: `${ORG} & "/issue-types"`, pagination: { strategy: 'none' } },
    create: {
      method: 'POST',
      path: `${ORG} & "/issue-types"`,
      body: `{ "name": body.name, "description": body.description, "is_enabled": true }`,
    },
    delete: { method: 'DELETE', path: `${ORG} & "/issue-types/" & $encodeUrlComponent(id)` },
  },
};

export const githubFields: ResourceDefinition = {
  record: githubFieldRecord,
  methods: {
    // Not paginated by GitHub, and there is no endpoint for a single field.
    list: { method: 'GET', path: `${ORG} & "/issue-fields"`, pagination: { strategy: 'none' } },
    create: {
      method: 'POST',
      path: `${ORG} & "/issue-fields"`,
      body: `$merge([${FIELD_BODY}, { "data_type": $lookup(${TO_GITHUB}, body.type) }])`,
    },
    update: {
      method: 'PATCH',
      path: `${ORG} & "/issue-fields/" & $encodeUrlComponent(id)`,
      body: FIELD_BODY,
    },
    delete: { method: 'DELETE', path: `${ORG} & "/issue-fields/" & $encodeUrlComponent(id)` },
  },
};

/**
 * The two issue states are fixed, but the definition format has no static lists: the repository is
 * read (so access and `has_issues` are real) and the states are derived from it.
 */
export const githubTicketStatuses: ResourceDefinition = {
  record: githubTicketStatusRecord,
  methods: {
    list: {
      method: 'GET',
      path: REPO,
      pagination: { strategy: 'none' },
      response: `has_issues ? [
        { "id": "open", "name": "open", "description": "Open issue" },
        { "id": "closed", "name": "closed",
          "description": "Closed issue; its close reason (completed, not planned, duplicate) is on the ticket" }
      ] : []`,
    },
  },
};
