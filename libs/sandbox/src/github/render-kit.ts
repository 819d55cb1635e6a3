/** What every renderer needs: where the API and the web UI live, and GitHub-like node ids. */
export interface Hosts {
  api: string;
  web: string;
}

export type Json = Record<string, unknown>;

export const nodeId = (prefix: string, id: number) =>
  `${prefix}_${Buffer.from(`emu:${id}`).toString('base64')}`;

/** An account as a simple user renders it: a user, a bot or (as a repository's owner) an organization. */
export interface Account {
  id: number;
  login: string;
  type: string;
  site_admin: boolean;
}

/** GitHub's `simple-user`: the account object embedded in issues, comments and repositories. */
export function simpleUser(h: Hosts, account: Account): Json {
  const url = `${h.api}/users/${account.login}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type === 'Organization' ? 'O' : 'U', account.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${h.web}/${account.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: account.type,
    user_view_type: 'public',
    site_admin: account.site_admin,
  };
}
