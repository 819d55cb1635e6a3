import type { ResourceDefinition } from '../definition';
import { ID, LIST, TEAM } from './shared.mapping';

const MEMBERS = `"/api/v2/list/" & ${LIST} & "/member"`;

/**
 * The members of the connection's list: the Workspace's people who can see its tasks (ClickUp lists a
 * Workspace's members only inside `GET /team`, across every Workspace the token reaches).
 */
export const clickupUsers: ResourceDefinition = {
  record: `{
    "id": $string(id),
    "name": username,
    "emails": email ? [{ "email": email, "type": "work" }],
    "avatar": profilePicture
  }`,
  methods: {
    list: { method: 'GET', path: MEMBERS, response: 'members', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: MEMBERS, response: 'members[$string(id) = $request.id]' },
  },
};

const GROUPS = `{ "team_id": $settings.team_id }`;

/** ClickUp user groups (what its API calls "Teams" since groups were renamed) → unified teams. */
export const clickupGroups: ResourceDefinition = {
  record: `{ "id": id, "name": name, "description": handle ? "@" & handle }`,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/v2/group"',
      query: GROUPS,
      response: 'groups',
      pagination: { strategy: 'none' },
    },
    get: {
      method: 'GET',
      path: '"/api/v2/group"',
      query: `{ "team_id": $settings.team_id, "group_ids": id }`,
      response: 'groups[id = $request.id]',
    },
    create: {
      method: 'POST',
      path: `"/api/v2/team/" & ${TEAM} & "/group"`,
      body: `{ "name": body.name, "members": [] }`,
    },
    update: { method: 'PUT', path: `"/api/v2/group/" & ${ID}`, body: `{ "name": body.name }` },
    delete: { method: 'DELETE', path: `"/api/v2/group/" & ${ID}` },
  },
};
