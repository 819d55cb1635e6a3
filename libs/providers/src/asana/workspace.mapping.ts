import type { ResourceDefinition } from '../definition';
import { DATA, GID, optFields } from './shared.mapping';

/**
 * Asana's structure: workspaces (the connection's and any other the token reaches), projects as
 * collections, the sections of the connection's project as ticket statuses, teams of the workspace
 * (organisations only), its users, tags and custom fields.
 */
const WORKSPACE = '$encodeUrlComponent($settings.workspace_gid)';
const get = (path: string, fields: string) => ({
  method: 'GET' as const,
  path: `"/api/1.0${path}/" & ${GID}`,
  query: optFields(fields),
  response: DATA,
});

export const asanaWorkspaces: ResourceDefinition = {
  record: `{ "id": gid, "name": name }`,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/1.0/workspaces"',
      query: optFields('name,is_organization'),
      response: DATA,
    },
    get: get('/workspaces', 'name,is_organization'),
  },
};

const PROJECT_FIELDS = 'name,notes,archived,created_at,modified_at,workspace.name,permalink_url';

export const asanaProjects: ResourceDefinition = {
  record: `{
    "id": gid,
    "name": name,
    "description": notes,
    "type": "project",
    "workspace": workspace ? { "id": workspace.gid, "name": workspace.name },
    "urls": permalink_url ? [{ "url": permalink_url, "type": "web" }],
    "entity_type": "task",
    "created_at": created_at,
    "updated_at": modified_at
  }`,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/1.0/projects"',
      query: `$merge([{ "workspace": $settings.workspace_gid }, ${optFields(PROJECT_FIELDS)}])`,
      response: DATA,
    },
    get: get('/projects', PROJECT_FIELDS),
  },
};

/** Sections are the columns of the connection's project: the statuses its tasks move through. */
export const asanaSections: ResourceDefinition = {
  record: `{ "id": gid, "name": name }`,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/1.0/projects/" & $encodeUrlComponent($settings.project_gid) & "/sections"',
      query: optFields('name,created_at'),
      response: DATA,
    },
    get: get('/sections', 'name,created_at'),
  },
};

export const asanaTeams: ResourceDefinition = {
  record: `{ "id": gid, "name": name, "description": description }`,
  methods: {
    list: {
      method: 'GET',
      path: `"/api/1.0/workspaces/" & ${WORKSPACE} & "/teams"`,
      query: optFields('name,description'),
      response: DATA,
    },
    get: get('/teams', 'name,description'),
  },
};

const USER_FIELDS = 'name,email,photo.image_128x128,workspaces.name';

export const asanaUsers: ResourceDefinition = {
  record: `{
    "id": gid,
    "name": name,
    "emails": email ? [{ "email": email, "type": "work" }],
    "avatar": photo.image_128x128
  }`,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/1.0/users"',
      query: `$merge([{ "workspace": $settings.workspace_gid }, ${optFields(USER_FIELDS)}])`,
      response: DATA,
    },
    get: get('/users', USER_FIELDS),
  },
};

const TAG_FIELDS = 'name,color,notes,created_at,workspace.name';

/** Unified tag → Asana tag; a tag belongs to a workspace, given at creation only. */
const tagBody = (create: boolean) => `{
  "data": $merge([
    $exists(body.name) ? { "name": body.name },
    $exists(body.color) ? { "color": body.color },
    ${create ? '{ "workspace": $settings.workspace_gid }' : '{}'}
  ])
}`;

export const asanaTags: ResourceDefinition = {
  record: `{
    "id": gid,
    "name": name,
    "color": color,
    "workspace": workspace ? { "id": workspace.gid, "name": workspace.name },
    "created_at": created_at
  }`,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/1.0/tags"',
      query: `$merge([{ "workspace": $settings.workspace_gid }, ${optFields(TAG_FIELDS)}])`,
      response: DATA,
    },
    get: get('/tags', TAG_FIELDS),
    create: {
      method: 'POST',
      path: '"/api/1.0/tags"',
      query: optFields(TAG_FIELDS),
      body: tagBody(true),
      response: DATA,
    },
    update: {
      method: 'PUT',
      path: `"/api/1.0/tags/" & ${GID}`,
      query: optFields(TAG_FIELDS),
      body: tagBody(false),
      response: DATA,
    },
    delete: { method: 'DELETE', path: `"/api/1.0/tags/" & ${GID}` },
  },
};

const FIELD_FIELDS =
  'name,description,resource_subtype,type,enum_options.name,enum_options.enabled,is_global_to_workspace,created_by';

/** Custom fields of the workspace: `resource_subtype` is the kind (text, number, enum, multi_enum…). */
export const asanaCustomFields: ResourceDefinition = {
  record: `{
    "id": gid,
    "name": name,
    "label": name,
    "description": description,
    "type": resource_subtype,
    "options": $exists(enum_options) ? [enum_options.{ "value": gid, "label": name }],
    "is_user_defined": true,
    "entity_type": "task"
  }`,
  methods: {
    list: {
      method: 'GET',
      path: `"/api/1.0/workspaces/" & ${WORKSPACE} & "/custom_fields"`,
      query: optFields(FIELD_FIELDS),
      response: DATA,
    },
    get: get('/custom_fields', FIELD_FIELDS),
  },
};
