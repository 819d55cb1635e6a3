import type { ResourceDefinition } from '../definition';
import { ID, ISO, LIST, PRIORITY_CATEGORIES, SPACE, TEAM } from './shared.mapping';

/**
 * ClickUp's hierarchy: Workspace (the API's "team") > Space > Folder > List > Task. The Workspace is
 * the organisation, spaces are workspaces, the folders of the connection's space are collections; the
 * connection's list gives the statuses and custom fields, its space the priorities and tags. ClickUp has
 * no single-record read for most of these: a get finds the record in its list.
 */
const listAndFind = (path: string, list: string, key: string) => ({
  list: { method: 'GET' as const, path, response: list, pagination: { strategy: 'none' as const } },
  get: { method: 'GET' as const, path, response: `${list}[${key} = $request.id]` },
});

export const clickupOrganizations: ResourceDefinition = {
  record: `{ "id": id, "name": name }`,
  methods: listAndFind('"/api/v2/team"', 'teams', 'id'),
};

export const clickupSpaces: ResourceDefinition = {
  record: `{ "id": id, "name": name, "status": archived = true ? "archived" : "active" }`,
  methods: {
    list: {
      method: 'GET',
      path: `"/api/v2/team/" & ${TEAM} & "/space"`,
      response: 'spaces',
      pagination: { strategy: 'none' },
    },
    get: { method: 'GET', path: `"/api/v2/space/" & ${ID}` },
  },
};

const FOLDER = `"/api/v2/folder/" & ${ID}`;

export const clickupFolders: ResourceDefinition = {
  record: `{
    "id": id,
    "name": name,
    "type": "folder",
    "parent_collection_id": parent_folder,
    "workspace": space ? { "id": space.id, "name": space.name },
    "entity_type": "task"
  }`,
  methods: {
    list: {
      method: 'GET',
      path: `"/api/v2/space/" & ${SPACE} & "/folder"`,
      response: 'folders',
      pagination: { strategy: 'none' },
    },
    get: { method: 'GET', path: FOLDER },
    create: {
      method: 'POST',
      path: `"/api/v2/space/" & ${SPACE} & "/folder"`,
      body: `$merge([
        { "name": body.name },
        body.parent_collection_id ? { "parent_folder_id": body.parent_collection_id }
      ])`,
    },
    update: { method: 'PUT', path: FOLDER, body: `{ "name": body.name }` },
    delete: { method: 'DELETE', path: FOLDER },
  },
};

/** The statuses of the connection's list, by name: what a task's `status` and its writes carry. */
export const clickupStatuses: ResourceDefinition = {
  record: `{ "id": status, "name": status, "description": type }`,
  methods: listAndFind(`"/api/v2/list/" & ${LIST}`, 'statuses', 'status'),
};

/** The space's priorities (ClickUp's four fixed ones, when the space has priorities on). */
export const clickupPriorities: ResourceDefinition = {
  record: `{ "id": id, "name": priority, "description": $lookup(${PRIORITY_CATEGORIES}, priority) }`,
  methods: listAndFind(`"/api/v2/space/" & ${SPACE}`, 'features.priorities.priorities', 'id'),
};

/** Tags belong to a space and are named, not numbered: the name is the id. */
export const clickupTags: ResourceDefinition = {
  record: `{ "id": name, "name": name, "color": tag_bg }`,
  methods: listAndFind(`"/api/v2/space/" & ${SPACE} & "/tag"`, 'tags', 'name'),
};

export const clickupFields: ResourceDefinition = {
  record: `{
    "id": id,
    "name": name,
    "label": name,
    "type": type,
    "is_required": required,
    "is_hidden": hide_from_guests,
    "options": $exists(type_config.options)
      ? [type_config.options.{ "value": id, "label": $exists(name) ? name : label }],
    "is_user_defined": true,
    "entity_type": "task",
    "created_at": (${ISO})(date_created)
  }`,
  methods: listAndFind(`"/api/v2/list/" & ${LIST} & "/field"`, 'fields', 'id'),
};
