import type { MethodDefinition, ResourceDefinition } from '../definition';
import { BOARD, CREATED_FROM_ID, ID } from './shared.mapping';

const get = (collection: string): MethodDefinition => ({
  method: 'GET',
  path: `"/1/${collection}/" & ${ID}`,
});

/** The board's lists are its statuses: a card's status is the list it is in. */
export const trelloStatuses: ResourceDefinition = {
  record: `{ "id": id, "name": name, "description": null }`,
  methods: { list: { method: 'GET', path: `"/1/boards/" & ${BOARD} & "/lists"` }, get: get('lists') },
};

/** Labels are the board's tags; a label without a name shows as its colour. */
export const trelloTags: ResourceDefinition = {
  record: `(
    $created := ${CREATED_FROM_ID};
    { "id": id, "name": name ? name : color, "color": color, "created_at": $created(id) }
  )`,
  methods: {
    list: { method: 'GET', path: `"/1/boards/" & ${BOARD} & "/labels"` },
    get: get('labels'),
    create: {
      method: 'POST',
      path: `"/1/boards/" & ${BOARD} & "/labels"`,
      query: `{ "name": body.name, "color": body.color ? body.color : "null" }`,
    },
    update: {
      method: 'PUT',
      path: `"/1/labels/" & ${ID}`,
      query: `$merge([
        $exists(body.name) ? { "name": body.name },
        $exists(body.color) ? { "color": body.color ? body.color : "null" }
      ])`,
    },
    delete: { method: 'DELETE', path: `"/1/labels/" & ${ID}` },
  },
};

/** The board's members. Trello shows e-mail addresses only to the member themself. */
export const trelloUsers: ResourceDefinition = {
  record: `(
    $created := ${CREATED_FROM_ID};
    {
      "id": id,
      "name": fullName,
      "username": username,
      "emails": email ? [{ "email": email }] : [],
      "is_active": $not(activityBlocked = true),
      "avatar": avatarUrl,
      "created_at": $created(id)
    }
  )`,
  methods: {
    // `fields=all`: the full member objects, as a member's own `get` answers.
    list: { method: 'GET', path: `"/1/boards/" & ${BOARD} & "/members"`, query: '{ "fields": "all" }' },
    get: get('members'),
  },
};

/** The boards the connection's member can open are its collections; their Workspace is the workspace. */
export const trelloCollections: ResourceDefinition = {
  record: `(
    $created := ${CREATED_FROM_ID};
    {
      "id": id,
      "name": name,
      "description": desc,
      "type": "board",
      "urls": url ? [{ "url": url, "type": "web" }] : [],
      "workspace": idOrganization ? { "id": idOrganization },
      "created_at": $created(id)
    }
  )`,
  methods: { list: { method: 'GET', path: '"/1/members/me/boards"' }, get: get('boards') },
};

/** Trello Workspaces (the API's organizations) the member belongs to. */
export const trelloWorkspaces: ResourceDefinition = {
  record: `(
    $created := ${CREATED_FROM_ID};
    { "id": id, "name": displayName, "description": desc, "created_at": $created(id) }
  )`,
  methods: { list: { method: 'GET', path: '"/1/members/me/organizations"' }, get: get('organizations') },
};

/** The board's custom fields (cards carry their values as customFieldItems). */
export const trelloFields: ResourceDefinition = {
  record: `(
    $created := ${CREATED_FROM_ID};
    {
      "id": id,
      "name": name,
      "label": name,
      "type": type,
      "options": $exists(options) ? [options.{ "value": id, "label": value.text }],
      "is_user_defined": true,
      "entity_type": "tickets",
      "created_at": $created(id)
    }
  )`,
  methods: {
    list: { method: 'GET', path: `"/1/boards/" & ${BOARD} & "/customFields"` },
    get: get('customFields'),
  },
};

/** A card's checklists are its task lists; their check items its tasks. */
export const trelloTaskLists: ResourceDefinition = {
  record: `{
    "id": id,
    "name": name,
    "ticket": idCard ? { "id": idCard },
    "tasks": [checkItems.{ "id": id, "name": name }]
  }`,
  methods: {
    list: {
      method: 'GET',
      path: `"/1/cards/" & $encodeUrlComponent(query.ticket_id) & "/checklists"`,
      requiredQuery: ['ticket_id'],
    },
    get: get('checklists'),
  },
};
