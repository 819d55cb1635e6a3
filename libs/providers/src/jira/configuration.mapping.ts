import type { ResourceDefinition } from '../definition';
import { pageBean } from './directory.mapping';

/**
 * Records written with an empty answer (204) are mapped from the call's id until the read-back
 * replaces them: `$request.id` is the id being written.
 */
const ID_OR_REQUEST = `id ? $string(id) : $request.id`;
const EMPTY_ANSWER = `$exists($) ? $ : {}`;

/** Jira issue type → unified ticket type; team-managed projects scope types to one project. */
export const jiraTicketTypes: ResourceDefinition = {
  record: `{
    "id": $string(id),
    "name": name,
    "description": description,
    "project": scope.project.id ? $string(scope.project.id)
  }`,
  methods: {
    list: { method: 'GET', path: '"/rest/api/3/issuetype"', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: `"/rest/api/3/issuetype/" & $encodeUrlComponent(id)` },
    create: {
      method: 'POST',
      path: '"/rest/api/3/issuetype"',
      body: '{ "name": body.name, "description": body.description, "hierarchyLevel": 0 }',
      readBack: true,
    },
    update: {
      method: 'PUT',
      path: `"/rest/api/3/issuetype/" & $encodeUrlComponent(id)`,
      body: '{ "name": body.name, "description": body.description }',
      readBack: true,
    },
    delete: { method: 'DELETE', path: `"/rest/api/3/issuetype/" & $encodeUrlComponent(id)` },
  },
};

/** Jira status → unified ticket status (the category sits on the ticket's status reference). */
export const jiraTicketStatuses: ResourceDefinition = {
  record: `{ "id": $string(id), "name": name, "description": description }`,
  methods: {
    list: { method: 'GET', path: '"/rest/api/3/status"', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: `"/rest/api/3/status/" & $encodeUrlComponent(id)` },
  },
};

/** Jira priority → unified ticket priority. Jira requires a colour for new priorities: a neutral grey. */
export const jiraTicketPriorities: ResourceDefinition = {
  record: `{ "id": ${ID_OR_REQUEST}, "name": name, "description": description }`,
  methods: {
    list: {
      method: 'GET',
      path: '"/rest/api/3/priority/search"',
      response: 'values',
      pagination: pageBean(50),
    },
    get: { method: 'GET', path: `"/rest/api/3/priority/" & $encodeUrlComponent(id)` },
    create: {
      method: 'POST',
      path: '"/rest/api/3/priority"',
      body: '{ "name": body.name, "description": body.description, "statusColor": "#8993A4" }',
      readBack: true,
    },
    update: {
      method: 'PUT',
      path: `"/rest/api/3/priority/" & $encodeUrlComponent(id)`,
      body: '{ "name": body.name, "description": body.description }',
      response: EMPTY_ANSWER,
      readBack: true,
    },
  },
};

const CUSTOM_TYPE_PREFIX = 'com.atlassian.jira.plugin.system.customfieldtypes:';

/**
 * The Jira custom field type of a new field: the body's `format` when it names one (`textfield`,
 * `select`…), else one derived from the unified `type`.
 */
const CUSTOM_TYPE = `(
  $short := body.format ? body.format : {
    "string": "textfield", "text": "textfield", "textarea": "textarea", "number": "float", "date": "datepicker",
    "datetime": "datetime", "option": "select", "enum": "select", "select": "select", "multi_enum": "multiselect",
    "url": "url", "user": "userpicker", "labels": "labels", "array": "labels"
  }.$lookup($, $lowercase($$.body.type ? $$.body.type : "string"));
  $contains($short, ":") ? $short : "${CUSTOM_TYPE_PREFIX}" & $short
)`;

/** The display name a write gives a field: its label, else a name that is not a field id. */
const FIELD_NAME = `body.label ? body.label : ($substring(body.name, 0, 12) != "customfield_" ? body.name)`;

/**
 * Jira field → unified field. `name` is the field id (`customfield_10016`, the key of tickets'
 * `custom_fields`), `label` what users see; `type` is Jira's schema type and `format` the custom
 * field type (`select`, `float`…) or the system field name.
 */
export const jiraFields: ResourceDefinition = {
  record: `{
    "id": ${ID_OR_REQUEST},
    "name": ${ID_OR_REQUEST},
    "label": name,
    "description": description,
    "type": schema.type,
    "format": schema.custom ? $substringAfter(schema.custom, ":") : schema.system,
    "is_user_defined": id ? $substring(id, 0, 12) = "customfield_",
    "entity_type": "ticket"
  }`,
  methods: {
    list: { method: 'GET', path: '"/rest/api/3/field"', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: '"/rest/api/3/field/search"', query: '{ "id": id }', response: 'values[0]' },
    create: {
      method: 'POST',
      path: '"/rest/api/3/field"',
      body: `{ "name": ${FIELD_NAME}, "description": body.description, "type": ${CUSTOM_TYPE} }`,
      readBack: true,
    },
    update: {
      method: 'PUT',
      path: `"/rest/api/3/field/" & $encodeUrlComponent(id)`,
      body: `{ "name": ${FIELD_NAME}, "description": body.description }`,
      response: EMPTY_ANSWER,
      readBack: true,
    },
  },
};

/** Jira labels are bare strings, site-wide: the label is its own id and name. */
export const jiraTags: ResourceDefinition = {
  record: `{ "id": $string($), "name": $string($) }`,
  methods: {
    list: { method: 'GET', path: '"/rest/api/3/label"', response: 'values', pagination: pageBean(1000) },
  },
};
