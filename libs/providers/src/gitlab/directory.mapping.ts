import type { ResourceDefinition } from '../definition';
import { GITLAB_TIME, PROJECT } from './shared.mapping';

/**
 * Users, groups (teams) and projects (workspaces). GitLab has one free-text name: first and last names
 * stay null rather than guessed. Read-only: managing accounts, groups or projects is not a ticketing
 * integration's business.
 */
export const gitlabUserRecord = `
{
  "id": $string(id),
  "name": name,
  "first_name": null,
  "last_name": null,
  "username": username,
  "emails": public_email ? [{ "email": public_email, "type": "public" }] : [],
  "is_active": state = "active",
  "avatar": avatar_url,
  "created_at": ${GITLAB_TIME}(created_at)
}`;

export const gitlabTeamRecord = `
{
  "id": $string(id),
  "name": full_name ? full_name : name,
  "description": description,
  "created_at": created_at
}`;

export const gitlabWorkspaceRecord = `
{
  "id": $string(id),
  "name": name_with_namespace ? name_with_namespace : name,
  "status": archived = true ? "archived" : "active",
  "description": description,
  "created_at": created_at,
  "updated_at": updated_at ? updated_at : last_activity_at
}`;

export const gitlabUsers: ResourceDefinition = {
  record: gitlabUserRecord,
  methods: {
    // Everyone with access to the connection's project (its members and its groups' members).
    list: { method: 'GET', path: `${PROJECT} & "/users"` },
    get: { method: 'GET', path: `"/api/v4/users/" & $encodeUrlComponent(id)` },
  },
};

export const gitlabTeams: ResourceDefinition = {
  record: gitlabTeamRecord,
  methods: {
    list: { method: 'GET', path: `"/api/v4/groups"`, query: `{ "order_by": "id", "sort": "asc" }` },
    get: { method: 'GET', path: `"/api/v4/groups/" & $encodeUrlComponent(id)` },
  },
};

export const gitlabWorkspaces: ResourceDefinition = {
  record: gitlabWorkspaceRecord,
  methods: {
    // Projects the token's user is a member of.
    list: {
      method: 'GET',
      path: `"/api/v4/projects"`,
      query: `{ "membership": "true", "order_by": "id", "sort": "asc" }`,
    },
    get: { method: 'GET', path: `"/api/v4/projects/" & $encodeUrlComponent(id)` },
  },
};
