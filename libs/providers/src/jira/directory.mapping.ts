import type { PaginationDefinition, ResourceDefinition } from '../definition';

/** Jira's PageBean lists: `startAt` / `maxResults`, with `total` and `isLast` in the body. */
export function pageBean(maxPageSize: number): PaginationDefinition {
  return {
    strategy: 'offset',
    startParam: 'startAt',
    sizeParam: 'maxResults',
    maxPageSize,
    totalPath: 'total',
    isLastPath: 'isLast',
  };
}

/**
 * Jira account → unified user. Jira Cloud exposes a display name only (no first/last name, no
 * username since the GDPR changes), and the e-mail only where the user's profile visibility allows.
 * Groups and application roles come with `get` (`expand=groups,applicationRoles`), not with the list.
 */
export const jiraUserRecord = `{
  "id": accountId,
  "name": displayName,
  "emails": emailAddress ? [{ "email": emailAddress, "type": "primary" }] : [],
  "is_active": active,
  "team_ids": groups.items ? [groups.items.groupId] : groups ? [],
  "avatar": avatarUrls."48x48",
  "roles": applicationRoles.items ? [applicationRoles.items.{ "id": key, "name": name }] : applicationRoles ? []
}`;

export const jiraUsers: ResourceDefinition = {
  record: jiraUserRecord,
  methods: {
    // A plain array (no total): the last page is the short one.
    list: {
      method: 'GET',
      path: '"/rest/api/3/users/search"',
      pagination: { strategy: 'offset', startParam: 'startAt', sizeParam: 'maxResults', maxPageSize: 1000 },
      isPartial: true,
    },
    get: {
      method: 'GET',
      path: '"/rest/api/3/user"',
      query: '{ "accountId": id, "expand": "groups,applicationRoles" }',
    },
  },
};

/** Jira group → unified team (groups have no description or timestamps in Jira). */
export const jiraTeams: ResourceDefinition = {
  record: `{ "id": groupId, "name": name }`,
  methods: {
    list: { method: 'GET', path: '"/rest/api/3/group/bulk"', response: 'values', pagination: pageBean(50) },
    // The group endpoint answers 404 for an unknown group (the bulk one an empty page).
    get: { method: 'GET', path: '"/rest/api/3/group"', query: '{ "groupId": id }' },
    create: { method: 'POST', path: '"/rest/api/3/group"', body: '{ "name": body.name }', readBack: true },
    delete: { method: 'DELETE', path: '"/rest/api/3/group"', query: '{ "groupId": id }' },
  },
};

const PROJECT = `"/rest/api/3/project/" & $encodeUrlComponent(id)`;

/** Jira project → unified workspace. Jira keeps no creation or change time for projects. */
export const jiraWorkspaces: ResourceDefinition = {
  record: `{
    "id": $string(id),
    "name": name,
    "status": deleted = true ? "deleted" : archived = true ? "archived" : "active",
    "description": description
  }`,
  methods: {
    list: {
      method: 'GET',
      path: '"/rest/api/3/project/search"',
      query: '{ "expand": "description" }',
      response: 'values',
      pagination: pageBean(100),
    },
    get: { method: 'GET', path: PROJECT },
    update: {
      method: 'PUT',
      path: PROJECT,
      body: '{ "name": body.name, "description": body.description }',
      readBack: true,
    },
    // enableUndo: the project goes to Jira's trash (restorable for 60 days) rather than being purged.
    delete: { method: 'DELETE', path: PROJECT, query: '{ "enableUndo": "true" }' },
  },
};
