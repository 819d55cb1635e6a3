import type { ResourceDefinition } from '../definition';
import { ID, PROJECT, VERSION } from './shared.mapping';

const NONE = { strategy: 'none' } as const;
const TYPES = `${PROJECT} & "/_apis/wit/workitemtypes"`;

/** Work item types (Bug, Task, User Story, …) → ticket types, by name. */
export const ticketTypes: ResourceDefinition = {
  record: `{ "id": name, "name": name, "description": description, "project": $settings.project }`,
  methods: {
    list: { method: 'GET', path: TYPES, query: VERSION, response: 'value', pagination: NONE },
    get: { method: 'GET', path: `${TYPES} & "/" & ${ID}`, query: VERSION },
  },
};

/**
 * The states of every work item type → ticket statuses, once per name (a work item's status is its
 * state's name); the description is the state's category (Proposed, InProgress, Resolved, Completed,
 * Removed). Read from the types' own `states`, one request.
 */
export const ticketStatuses: ResourceDefinition = {
  record: `{ "id": name, "name": name, "description": category }`,
  methods: {
    list: {
      method: 'GET',
      path: TYPES,
      query: VERSION,
      response: `(
        $states := value.states;
        [$distinct($states.name).( $n := $; $states[name = $n][0] )]
      )`,
      pagination: NONE,
    },
  },
};

/** Work item fields → fields, by reference name; those outside `System.` and `Microsoft.` are the organization's. */
export const fields: ResourceDefinition = {
  record: `{
    "id": referenceName,
    "name": referenceName,
    "label": name,
    "description": description,
    "type": type,
    "is_user_defined": $not($contains(referenceName, /^(System|Microsoft)\\./)),
    "options": [],
    "entity_type": "tickets"
  }`,
  methods: {
    list: {
      method: 'GET',
      path: `${PROJECT} & "/_apis/wit/fields"`,
      query: VERSION,
      response: 'value',
      pagination: NONE,
    },
    get: { method: 'GET', path: `${PROJECT} & "/_apis/wit/fields/" & ${ID}`, query: VERSION },
  },
};

/**
 * Iteration and area paths (classification nodes) → collections: iterations are sprints, areas `other`.
 * The two trees are read from their roots, four levels deep, and listed root first, level by level.
 */
export const collections: ResourceDefinition = {
  record: `{
    "id": $string(id),
    "name": name,
    "description": path,
    "type": structureType = "iteration" ? "sprint" : "other",
    "entity_type": structureType
  }`,
  methods: {
    list: {
      method: 'GET',
      path: `${PROJECT} & "/_apis/wit/classificationnodes"`,
      query: `$merge([${VERSION}, { "$depth": "3" }])`,
      response: `$append($append($append(value, value.children), value.children.children), value.children.children.children)`,
      pagination: NONE,
    },
    get: {
      method: 'GET',
      path: `${PROJECT} & "/_apis/wit/classificationnodes"`,
      query: `$merge([${VERSION}, { "ids": id }])`,
      response: 'value[0]',
    },
  },
};
