import type { ResourceDefinition } from '../definition';
import { encode, FRONT_TIME, ID, LINKED_ID, NO_CONTENT } from './shared.mapping';

/**
 * Tags (company-wide, nested through a parent tag), inboxes as workspaces, and the ticket statuses of
 * a company with ticketing. An inbox is where Front's conversations arrive and who may work on them:
 * the closest thing Front has to a workspace (a conversation can be listed in several).
 */
export const frontTagRecord = `
(
  $time := ${FRONT_TIME};
  $parent := ${LINKED_ID}(_links.related.parent_tag, "tags");
  {
    "id": ${ID},
    "name": name,
    "color": highlight,
    "parent": $parent ? { "id": $parent },
    "created_at": $time(created_at),
    "updated_at": $time(updated_at)
  }
)`;

export const frontWorkspaceRecord = `{ "id": id, "name": name }`;

export const frontTicketStatusRecord = `{ "id": id, "name": name, "description": description }`;

const TAG = `"/tags/" & ${encode('id')}`;
/** Front's highlight is a colour name (grey, pink, red, orange, yellow, green, light-blue, blue, purple). */
const TAG_BODY = `{ "name": body.name, "highlight": body.color }`;

export const frontTags: ResourceDefinition = {
  record: frontTagRecord,
  methods: {
    list: { method: 'GET', path: '"/tags"', response: '_results' },
    get: { method: 'GET', path: TAG },
    // A tag with a parent is created as the parent's child.
    create: {
      method: 'POST',
      path: `body.parent.id ? "/tags/" & ${encode('body.parent.id')} & "/children" : "/tags"`,
      body: TAG_BODY,
    },
    update: {
      method: 'PATCH',
      path: TAG,
      body: `$merge([${TAG_BODY}, { "parent_tag_id": body.parent.id }])`,
      response: NO_CONTENT,
      readBack: true,
    },
    delete: { method: 'DELETE', path: TAG },
  },
};

export const frontWorkspaces: ResourceDefinition = {
  record: frontWorkspaceRecord,
  methods: {
    list: { method: 'GET', path: '"/inboxes"', response: '_results', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: `"/inboxes/" & ${encode('id')}` },
  },
};

export const frontTicketStatuses: ResourceDefinition = {
  record: frontTicketStatusRecord,
  methods: {
    // 404 where the company has not enabled ticketing.
    list: {
      method: 'GET',
      path: '"/company/statuses"',
      response: '_results',
      pagination: { strategy: 'none' },
    },
    get: { method: 'GET', path: `"/company/statuses/" & ${encode('id')}` },
  },
};
