import type { ResourceDefinition } from '../definition';
import { TICKET_TABLE } from './shared.mapping';

/**
 * Statuses, priorities and ticket types are choice lists (`sys_choice`) of the ticket table's `state`,
 * `priority` and `category` fields, active choices in their order. Choices are inherited: an incident
 * state list is the incident's own (`name=incident`), which is what ServiceNow keeps for each table that
 * overrides `task.state`.
 */
const choices = (element: string): ResourceDefinition => ({
  record: `{ "id": value, "name": label, "description": hint ? hint }`,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/now/table/sys_choice"',
      query: `{
        "sysparm_query": "name=" & ${TICKET_TABLE} & "^element=${element}^inactive=false^language=en^ORDERBYsequence^ORDERBYvalue",
        "sysparm_fields": "sys_id,name,element,value,label,hint,sequence,inactive,language"
      }`,
      response: 'result',
    },
  },
});

export const serviceNowTicketStatuses = choices('state');
export const serviceNowTicketPriorities = choices('priority');
export const serviceNowTicketTypes = choices('category');

/**
 * The ticket table's dictionary (`sys_dictionary`) → unified fields: one row per column (the table's own
 * row, `internal_type=collection`, is left out). A choice column is an enum (its options are the choice
 * lists above); a reference names what it points at. Columns named `u_…` are an instance's own.
 */
export const serviceNowFields: ResourceDefinition = {
  record: `(
    $types := {
      "string": "string", "integer": "number", "decimal": "number", "float": "number", "boolean": "boolean",
      "glide_date_time": "datetime", "glide_date": "date", "due_date": "datetime", "reference": "reference",
      "journal_input": "text", "html": "text", "email": "string", "url": "string"
    };
    $formats := { "sys_user": "user", "sys_user_group": "team", "core_company": "account" };
    {
      "id": sys_id,
      "name": element,
      "label": column_label,
      "description": comments ? comments,
      "type": choice != "0" and choice != "" ? "enum" : $exists($lookup($types, internal_type)) ? $lookup($types, internal_type) : internal_type,
      "format": internal_type = "reference" ? $lookup($formats, reference),
      "is_required": mandatory = "true",
      "is_unique": unique = "true",
      "is_hidden": active = "false",
      "is_user_defined": $substring(element, 0, 2) = "u_",
      "entity_type": "ticket",
      "entity_id": name,
      "created_at": sys_created_on ? $replace(sys_created_on, " ", "T") & "Z",
      "updated_at": sys_updated_on ? $replace(sys_updated_on, " ", "T") & "Z"
    }
  )`,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/now/table/sys_dictionary"',
      query: `{
        "sysparm_query": "name=" & ${TICKET_TABLE} & "^internal_type!=collection^active=true^ORDERBYelement",
        "sysparm_exclude_reference_link": "true"
      }`,
      response: 'result',
    },
    get: {
      method: 'GET',
      path: '"/api/now/table/sys_dictionary/" & $encodeUrlComponent(id)',
      query: '{ "sysparm_exclude_reference_link": "true" }',
      response: 'result',
    },
  },
};
