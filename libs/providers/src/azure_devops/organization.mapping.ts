import type { ResourceDefinition } from '../definition';
import { ID, ORG, PROJECT, SKIP_TOP, TEAM, VERSION } from './shared.mapping';

const TEAMS = `${ORG} & "/_apis/projects/" & $encodeUrlComponent(settings.project) & "/teams"`;

/**
 * Members of the connection's team (the project's default team unless `team` says otherwise) → users.
 * Azure DevOps reads no single member: users have no `get`. The unique name is the sign-in (an e-mail
 * for Entra ID accounts).
 */
export const users: ResourceDefinition = {
  record: `{
    "id": identity.id,
    "name": identity.displayName,
    "username": identity.uniqueName,
    "emails": $contains($string(identity.uniqueName), "@") ? [{ "email": identity.uniqueName }] : [],
    "is_active": identity.inactive != true,
    "avatar": identity.imageUrl,
    "roles": isTeamAdmin = true ? [{ "id": "team_admin", "name": "Team administrator" }] : []
  }`,
  methods: {
    list: {
      method: 'GET',
      path: `${TEAMS} & "/" & ${TEAM} & "/members"`,
      query: VERSION,
      response: 'value',
      pagination: SKIP_TOP,
    },
  },
};

/** The project's teams. */
export const teams: ResourceDefinition = {
  record: `{ "id": id, "name": name, "description": description }`,
  methods: {
    list: { method: 'GET', path: TEAMS, query: VERSION, response: 'value', pagination: SKIP_TOP },
    get: { method: 'GET', path: `${TEAMS} & "/" & ${ID}`, query: VERSION },
    create: {
      method: 'POST',
      path: TEAMS,
      query: VERSION,
      body: `{ "name": body.name, "description": body.description ? body.description : "" }`,
    },
    update: {
      method: 'PATCH',
      path: `${TEAMS} & "/" & ${ID}`,
      query: VERSION,
      body: `$merge([
        $exists(body.name) ? { "name": body.name },
        $exists(body.description) ? { "description": body.description ? body.description : "" }
      ])`,
    },
    delete: { method: 'DELETE', path: `${TEAMS} & "/" & ${ID}`, query: VERSION },
  },
};

/**
 * The organization's projects → workspaces, by name: work items name their project (`System.TeamProject`)
 * and every API takes a project's name as well as its GUID (in `remote_data`).
 */
export const workspaces: ResourceDefinition = {
  record: `{
    "id": name,
    "name": name,
    "description": description,
    "status": state,
    "updated_at": lastUpdateTime
  }`,
  methods: {
    list: {
      method: 'GET',
      path: `${ORG} & "/_apis/projects"`,
      query: VERSION,
      response: 'value',
      pagination: SKIP_TOP,
    },
    get: { method: 'GET', path: `${ORG} & "/_apis/projects/" & ${ID}`, query: VERSION },
  },
};

/**
 * The project's work item tags → tags, by GUID (stable when a tag is renamed). Work items carry tag
 * names, so a ticket's tags are `{id: name, name}`: the tags API takes a name wherever it takes an id.
 * A tag comes into being when a work item is tagged: there is no create.
 */
export const tags: ResourceDefinition = {
  record: `{ "id": id, "name": name, "updated_at": lastUpdated }`,
  methods: {
    list: {
      method: 'GET',
      path: `${PROJECT} & "/_apis/wit/tags"`,
      query: VERSION,
      response: 'value',
      pagination: { strategy: 'none' },
    },
    get: { method: 'GET', path: `${PROJECT} & "/_apis/wit/tags/" & ${ID}`, query: VERSION },
    update: {
      method: 'PATCH',
      path: `${PROJECT} & "/_apis/wit/tags/" & ${ID}`,
      query: VERSION,
      body: `{ "name": body.name }`,
    },
    delete: { method: 'DELETE', path: `${PROJECT} & "/_apis/wit/tags/" & ${ID}`, query: VERSION },
  },
};
