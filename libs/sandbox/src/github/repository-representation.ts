import { simpleUser, type Hosts } from './render-kit';
import type { GithubState, RepoState } from './state';

const TEMPLATED_URLS: [string, string][] = [
  ['forks_url', '/forks'],
  ['keys_url', '/keys{/key_id}'],
  ['collaborators_url', '/collaborators{/collaborator}'],
  ['teams_url', '/teams'],
  ['hooks_url', '/hooks'],
  ['issue_events_url', '/issues/events{/number}'],
  ['events_url', '/events'],
  ['assignees_url', '/assignees{/user}'],
  ['branches_url', '/branches{/branch}'],
  ['tags_url', '/tags'],
  ['blobs_url', '/git/blobs{/sha}'],
  ['git_tags_url', '/git/tags{/sha}'],
  ['git_refs_url', '/git/refs{/sha}'],
  ['trees_url', '/git/trees{/sha}'],
  ['statuses_url', '/statuses/{sha}'],
  ['languages_url', '/languages'],
  ['stargazers_url', '/stargazers'],
  ['contributors_url', '/contributors'],
  ['subscribers_url', '/subscribers'],
  ['subscription_url', '/subscription'],
  ['commits_url', '/commits{/sha}'],
  ['git_commits_url', '/git/commits{/sha}'],
  ['comments_url', '/comments{/number}'],
  ['issue_comment_url', '/issues/comments{/number}'],
  ['contents_url', '/contents/{+path}'],
  ['compare_url', '/compare/{base}...{head}'],
  ['merges_url', '/merges'],
  ['archive_url', '/{archive_format}{/ref}'],
  ['downloads_url', '/downloads'],
  ['issues_url', '/issues{/number}'],
  ['pulls_url', '/pulls{/number}'],
  ['milestones_url', '/milestones{/number}'],
  ['notifications_url', '/notifications{?since,all,participating}'],
  ['labels_url', '/labels{/name}'],
  ['releases_url', '/releases{/id}'],
  ['deployments_url', '/deployments'],
];

/**
 * A repository as the repository lists and webhook payloads render it (`minimal-repository`); `detail`
 * adds what only `GET /repos/{owner}/{repo}` returns (`full-repository`): the owning organization, the
 * counts and the merge settings a user with admin permission sees.
 */
export function repository(h: Hosts, s: GithubState, r: RepoState, detail = false): Record<string, unknown> {
  const fullName = `${r.owner}/${r.name}`;
  const url = `${h.api}/repos/${fullName}`;
  const org = s.orgs.find((o) => o.login === r.owner);
  const user = s.users.find((u) => u.login === r.owner);
  const openIssues = fullName === s.issueRepo ? s.issues.filter((i) => i.state === 'open').length : 0;
  const owner = org
    ? simpleUser(h, { id: org.id, login: org.login, type: 'Organization', site_admin: false })
    : simpleUser(h, user ?? { id: 0, login: r.owner, type: 'User', site_admin: false });
  return {
    id: r.id,
    node_id: `R_${Buffer.from(`emu:${r.id}`).toString('base64')}`,
    name: r.name,
    full_name: fullName,
    private: r.private,
    owner,
    html_url: `${h.web}/${fullName}`,
    description: r.description,
    fork: false,
    url,
    ...Object.fromEntries(TEMPLATED_URLS.map(([key, suffix]) => [key, `${url}${suffix}`])),
    created_at: r.created_at,
    updated_at: r.updated_at,
    pushed_at: r.pushed_at,
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `${h.web}/${fullName}.git`,
    svn_url: `${h.web}/${fullName}`,
    homepage: null,
    size: 1024,
    stargazers_count: 0,
    watchers_count: 0,
    language: 'TypeScript',
    has_issues: r.has_issues,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: r.archived,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: r.private ? 'private' : 'public',
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: 'main',
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    custom_properties: {},
    ...(detail ? repositoryDetail(s, r, org ? owner : undefined) : {}),
  };
}

function repositoryDetail(s: GithubState, r: RepoState, organization: unknown): Record<string, unknown> {
  const teams = s.teams.filter((t) => t.org === r.owner);
  return {
    temp_clone_token: '',
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
    merge_commit_message: 'PR_TITLE',
    merge_commit_title: 'MERGE_MESSAGE',
    ...(organization ? { organization } : {}),
    network_count: 0,
    // Watchers: the organization's members (GitHub subscribes members to the repositories they push to).
    subscribers_count: new Set(teams.flatMap((t) => t.members)).size,
  };
}
