import type { ResourceDefinition } from '../definition';
import { ID } from './shared.mapping';

/**
 * Pipelines' stages as ticket statuses, the options of `hs_ticket_priority` and `hs_ticket_category` as
 * priorities and types, ticket properties as fields. HubSpot answers each whole (no paging).
 */
const WHOLE = { strategy: 'none' as const };

/** Every stage of every ticket pipeline, each knowing its pipeline's label. */
const STAGES = `[results.( $pipeline := label; stages.$merge([$, { "pipelineLabel": $pipeline }]) )]`;

export const hubspotTicketStatusRecord = `
{
  "id": $string(id),
  "name": label,
  "description": pipelineLabel ? pipelineLabel & " pipeline, " & $lowercase(metadata.ticketState) & " stage"
}`;

/** A property option (`{label, value, displayOrder, hidden}`): its value is what tickets carry. */
export const hubspotOptionRecord = `{ "id": value, "name": label, "description": description ? description }`;

export const hubspotFieldRecord = `
{
  "id": name,
  "name": name,
  "label": label,
  "description": description,
  "type": type,
  "format": fieldType,
  "is_hidden": hidden = true,
  "is_unique": hasUniqueValue = true,
  "options": $count(options) > 0 ? [options.{ "value": value, "label": label }] : null,
  "is_user_defined": hubspotDefined != true,
  "entity_type": "ticket",
  "created_at": createdAt,
  "updated_at": updatedAt
}`;

export const hubspotTicketStatuses: ResourceDefinition = {
  record: hubspotTicketStatusRecord,
  methods: {
    list: { method: 'GET', path: '"/crm/v3/pipelines/tickets"', response: STAGES, pagination: WHOLE },
    // A stage id does not say its pipeline: the stage is found among all of them.
    get: {
      method: 'GET',
      path: '"/crm/v3/pipelines/tickets"',
      response: `${STAGES}[$string(id) = $request.id][0]`,
    },
  },
};

const optionsOf = (property: string): ResourceDefinition => ({
  record: hubspotOptionRecord,
  methods: {
    list: {
      method: 'GET',
      path: `"/crm/v3/properties/tickets/${property}"`,
      response: 'options[hidden != true]',
      pagination: WHOLE,
    },
    get: {
      method: 'GET',
      path: `"/crm/v3/properties/tickets/${property}"`,
      response: 'options[value = $request.id][0]',
    },
  },
});

export const hubspotTicketPriorities = optionsOf('hs_ticket_priority');
export const hubspotTicketTypes = optionsOf('hs_ticket_category');

export const hubspotFields: ResourceDefinition = {
  record: hubspotFieldRecord,
  methods: {
    list: { method: 'GET', path: '"/crm/v3/properties/tickets"', response: 'results', pagination: WHOLE },
    get: { method: 'GET', path: `"/crm/v3/properties/tickets/" & ${ID}` },
  },
};
