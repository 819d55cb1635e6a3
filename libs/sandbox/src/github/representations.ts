/**
 * Renders the state as GitHub's REST API does (v3, 2022-11-28), key for key: the same objects as the
 * recorded responses in the corpus, plus the fields GitHub added since (issue types, sub-issues,
 * issue fields). API URLs point at the emulator so that they can be followed; web URLs at github.com.
 */
import { nodeId, simpleUser, type Hosts, type Json } from './render-kit';
import type {
  CommentState,
  GithubState,
  IssueFieldState,
  IssueState,
  IssueTypeState,
  LabelState,
  MilestoneState,
  UserState,
} from './state';

export type { Hosts } from './render-kit';
export { simpleUser } from './render-kit';

const reactions = (url: string): Json => ({
  url: `${url}/reactions`,
  total_count: 0,
  '+1': 0,
  '-1': 0,
  laugh: 0,
  hooray: 0,
  confused: 0,
  heart: 0,
  rocket: 0,
  eyes: 0,
});

/** `GET /users/{username}` and `GET /user/{account_id}`: the public profile. */
export function fullUser(h: Hosts, user: UserState): Json {
  return {
    ...simpleUser(h, user),
    name: user.name,
    company: user.company,
    blog: '',
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 2,
    public_gists: 0,
    followers: 10,
    following: 0,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

export function label(h: Hosts, repo: string, l: LabelState): Json {
  return {
    id: l.id,
    node_id: nodeId('LA', l.id),
    url: `${h.api}/repos/${repo}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  };
}

export function milestone(h: Hosts, s: GithubState, repo: string, m: MilestoneState): Json {
  const url = `${h.api}/repos/${repo}/milestones/${m.number}`;
  const issues = s.issues.filter((i) => i.milestone === m.number);
  return {
    url,
    html_url: `${h.web}/${repo}/milestone/${m.number}`,
    labels_url: `${url}/labels`,
    id: m.id,
    node_id: nodeId('MI', m.id),
    number: m.number,
    title: m.title,
    description: m.description,
    creator: userOrNull(h, s, m.creator),
    open_issues: issues.filter((i) => i.state === 'open').length,
    closed_issues: issues.filter((i) => i.state === 'closed').length,
    state: m.state,
    created_at: m.created_at,
    updated_at: m.updated_at,
    due_on: m.due_on,
    closed_at: m.closed_at,
  };
}

export function issueType(t: IssueTypeState): Json {
  return {
    id: t.id,
    node_id: nodeId('IT', t.id),
    name: t.name,
    description: t.description,
    color: t.color,
    created_at: t.created_at,
    updated_at: t.updated_at,
    is_enabled: t.is_enabled,
  };
}

export function issueField(f: IssueFieldState): Json {
  return {
    id: f.id,
    node_id: nodeId('IFT', f.id),
    name: f.name,
    description: f.description,
    data_type: f.data_type,
    visibility: f.visibility,
    ...(f.options ? { options: f.options.map((o) => ({ ...o, description: null, priority: null })) } : {}),
    created_at: f.created_at,
    updated_at: f.updated_at,
  };
}

function userOrNull(h: Hosts, s: GithubState, login: string | null): Json | null {
  const user = login ? s.users.find((u) => u.login === login) : undefined;
  return user ? simpleUser(h, user) : null;
}

/**
 * An issue or pull request as `/repos/{owner}/{repo}/issues` renders it. `detail` adds what only the
 * single-issue endpoint returns (`closed_by`).
 */
export function issue(h: Hosts, s: GithubState, repo: string, i: IssueState, detail = false): Json {
  const url = `${h.api}/repos/${repo}/issues/${i.number}`;
  const children = s.issues.filter((c) => c.parent === i.number);
  const completed = children.filter((c) => c.state === 'closed').length;
  const assignees = i.assignees.map((login) => userOrNull(h, s, login)).filter(Boolean);
  const m = s.milestones.find((x) => x.number === i.milestone);
  const type = s.issueTypes.find((t) => t.id === i.type);
  const htmlKind = i.pull_request ? 'pull' : 'issues';
  return {
    url,
    repository_url: `${h.api}/repos/${repo}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${h.web}/${repo}/${htmlKind}/${i.number}`,
    id: i.id,
    node_id: nodeId(i.pull_request ? 'PR' : 'I', i.id),
    number: i.number,
    title: i.title,
    user: userOrNull(h, s, i.user),
    labels: i.labels.flatMap((name) => s.labels.filter((l) => l.name === name).map((l) => label(h, repo, l))),
    state: i.state,
    locked: false,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: m ? milestone(h, s, repo, m) : null,
    comments: s.comments.filter((c) => c.issue === i.number).length,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    author_association: 'MEMBER',
    type: type ? issueType(type) : null,
    active_lock_reason: null,
    ...(i.pull_request
      ? {
          draft: false,
          pull_request: {
            url: `${h.api}/repos/${repo}/pulls/${i.number}`,
            html_url: `${h.web}/${repo}/pull/${i.number}`,
            diff_url: `${h.web}/${repo}/pull/${i.number}.diff`,
            patch_url: `${h.web}/${repo}/pull/${i.number}.patch`,
            merged_at: null,
          },
        }
      : {}),
    sub_issues_summary: {
      total: children.length,
      completed,
      percent_completed: children.length ? Math.floor((completed * 100) / children.length) : 0,
    },
    issue_dependencies_summary: { blocked_by: 0, total_blocked_by: 0, blocking: 0, total_blocking: 0 },
    body: i.body,
    ...(detail ? { closed_by: userOrNull(h, s, i.closed_by) } : {}),
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: i.state_reason,
    parent_issue_url: i.parent === null ? null : `${h.api}/repos/${repo}/issues/${i.parent}`,
    issue_field_values: i.field_values.flatMap((v) => {
      const field = s.issueFields.find((f) => f.id === v.field_id);
      if (!field) return [];
      const option = field.options?.find((o) => o.name === v.value);
      return [
        {
          issue_field_id: field.id,
          issue_field_name: field.name,
          node_id: nodeId('IFV', field.id * 100_000 + i.number),
          data_type: field.data_type,
          value: v.value,
          ...(field.data_type === 'single_select' ? { single_select_option: option ?? null } : {}),
        },
      ];
    }),
  };
}

export function comment(h: Hosts, s: GithubState, repo: string, c: CommentState): Json {
  const url = `${h.api}/repos/${repo}/issues/comments/${c.id}`;
  const onPull = s.issues.find((i) => i.number === c.issue)?.pull_request;
  return {
    url,
    html_url: `${h.web}/${repo}/${onPull ? 'pull' : 'issues'}/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${h.api}/repos/${repo}/issues/${c.issue}`,
    id: c.id,
    node_id: nodeId('IC', c.id),
    user: userOrNull(h, s, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'MEMBER',
    body: c.body,
    reactions: reactions(url),
    performed_via_github_app: null,
  };
}

export { fullOrg, simpleOrg, team } from './org-representations';
export { repository } from './repository-representation';
