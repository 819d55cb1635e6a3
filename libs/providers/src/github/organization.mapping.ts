import type { ResourceDefinition } from '../definition';
import { ORG } from './shared.mapping';

/**
 * Repositories are workspaces (id `owner/repo`, the form tickets reference), organizations are
 * addressed by login and teams by slug: the keys GitHub's paths use. Read-only on purpose: creating or
 * deleting repositories, organizations or teams is not a ticketing integration's business.
 */
export const githubWorkspaceRecord = `
{
  "id": full_name,
  "name": name,
  "status": archived ? "archived" : disabled ? "disabled" : "active",
  "description": description,
  "created_at": created_at,
  "updated_at": updated_at
}`;

export const githubOrganizationRecord = `
{
  "id": login,
  "name": name ? name : login,
  "created_at": created_at,
  "updated_at": updated_at
}`;

export const githubTeamRecord = `
{
  "id": slug,
  "name": name,
  "description": description,
  "created_at": created_at,
  "updated_at": updated_at
}`;

export const githubWorkspaces: ResourceDefinition = {
  record: githubWorkspaceRecord,
  methods: {
    // The owner's repositories; this endpoint works for users and organizations alike but lists only
    // public ones (a private repository is still reachable with get).
    list: { method: 'GET', path: `"/users/" & $encodeUrlComponent(settings.owner) & "/repos"` },
    get: { method: 'GET', path: `"/repos/" & $join($split(id, "/").$encodeUrlComponent($), "/")` },
  },
};

export const githubOrganizations: ResourceDefinition = {
  record: githubOrganizationRecord,
  methods: {
    // Organizations of the token's user; the list form has no name or timestamps.
    list: { method: 'GET', path: `"/user/orgs"`, isPartial: true },
    get: { method: 'GET', path: `"/orgs/" & $encodeUrlComponent(id)` },
  },
};

export const githubTeams: ResourceDefinition = {
  record: githubTeamRecord,
  methods: {
    // Teams of the owner organization; the list form has no timestamps.
    list: { method: 'GET', path: `${ORG} & "/teams"`, isPartial: true },
    get: { method: 'GET', path: `${ORG} & "/teams/" & $encodeUrlComponent(id)` },
  },
};
