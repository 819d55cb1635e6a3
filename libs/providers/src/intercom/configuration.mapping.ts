import type { ResourceDefinition } from '../definition';
import { path, TIME } from './shared.mapping';

/** Ticket type → unified ticket type. Types are workspace-wide: `project` stays null. */
export const intercomTicketTypeRecord = `
(
  $time := ${TIME};
  {
    "id": $string(id),
    "name": name,
    "description": description,
    "created_at": $time(created_at),
    "updated_at": $time(updated_at)
  }
)`;

/**
 * Ticket state → unified ticket status: the teammates' label is the name, the customers' label the
 * description. Its category (submitted, in_progress, waiting_on_customer, resolved) becomes the status
 * category on tickets (docs/providers/intercom.md).
 */
export const intercomTicketStatusRecord = `
{
  "id": $string(id),
  "name": internal_label,
  "description": external_label
}`;

/** Tag → unified tag. Intercom tags have a name only (no colour, no hierarchy, no timestamps). */
export const intercomTagRecord = `{ "id": $string(id), "name": name }`;

export const intercomTicketTypes: ResourceDefinition = {
  record: intercomTicketTypeRecord,
  methods: {
    list: { method: 'GET', path: '"/ticket_types"', response: 'data', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: path('ticket_types') },
    // Intercom gives a new type its `_default_title_` and `_default_description_` attributes.
    create: {
      method: 'POST',
      path: '"/ticket_types"',
      body: `{ "name": body.name, "description": body.description }`,
    },
    update: {
      method: 'PUT',
      path: path('ticket_types'),
      body: `{ "name": body.name, "description": body.description }`,
    },
  },
};

export const intercomTicketStatuses: ResourceDefinition = {
  record: intercomTicketStatusRecord,
  methods: {
    list: {
      method: 'GET',
      path: '"/ticket_states"',
      response: 'data[archived != true]',
      pagination: { strategy: 'none' },
    },
  },
};

export const intercomTags: ResourceDefinition = {
  record: intercomTagRecord,
  methods: {
    list: { method: 'GET', path: '"/tags"', response: 'data', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: path('tags') },
    // POST /tags creates a tag, or answers the existing one of that name (names are case-insensitive).
    create: { method: 'POST', path: '"/tags"', body: `{ "name": body.name }` },
    // The same endpoint renames when given the tag's id.
    update: { method: 'POST', path: '"/tags"', body: `{ "id": id, "name": body.name }` },
    delete: { method: 'DELETE', path: path('tags') },
  },
};
