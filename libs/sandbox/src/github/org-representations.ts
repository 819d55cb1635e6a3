import { nodeId, type Hosts, type Json } from './render-kit';
import type { GithubState, OrgState, TeamState } from './state';

/** Organizations (simple in lists, full from `GET /orgs/{org}`) and teams (full from the single GET). */
export function simpleOrg(h: Hosts, o: OrgState): Json {
  const url = `${h.api}/orgs/${o.login}`;
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId('O', o.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${o.id}?v=4`,
    description: o.description,
  };
}

export function fullOrg(h: Hosts, s: GithubState, o: OrgState): Json {
  return {
    ...simpleOrg(h, o),
    name: o.name,
    // The profile fields are strings when the organization filled them in, and left out otherwise.
    ...Object.fromEntries(
      (['company', 'blog', 'location', 'email'] as const).flatMap((k) => (o[k] ? [[k, o[k]]] : [])),
    ),
    twitter_username: null,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: s.repos.filter((r) => r.owner === o.login && !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${h.web}/${o.login}`,
    type: 'Organization',
    created_at: o.created_at,
    updated_at: o.updated_at,
    archived_at: null,
  };
}

export function team(h: Hosts, s: GithubState, t: TeamState, detail = false): Json {
  const url = `${h.api}/orgs/${t.org}/teams/${t.slug}`;
  const org = s.orgs.find((o) => o.login === t.org);
  return {
    id: t.id,
    node_id: nodeId('T', t.id),
    url,
    html_url: `${h.web}/orgs/${t.org}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: t.privacy,
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
    type: 'organization',
    ...(detail
      ? {
          members_count: t.members.length,
          repos_count: 1,
          created_at: t.created_at,
          updated_at: t.updated_at,
          organization: org ? fullOrg(h, s, org) : null,
        }
      : {}),
  };
}
