/**
 * The emulator's in-memory model of one GitHub account: what GitHub stores, not how its REST API
 * renders it (see representations.ts). Users, issues and comments refer to each other by login,
 * number and id, as GitHub's own API does.
 */
export interface UserState {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  company: string | null;
  type: 'User' | 'Bot';
  site_admin: boolean;
  created_at: string;
  updated_at: string;
}

export interface OrgState {
  id: number;
  login: string;
  name: string;
  description: string;
  /** The public profile; null where the organization left it empty. */
  company: string | null;
  blog: string | null;
  location: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface RepoState {
  id: number;
  owner: string;
  name: string;
  description: string | null;
  private: boolean;
  archived: boolean;
  has_issues: boolean;
  created_at: string;
  updated_at: string;
  pushed_at: string;
}

export interface TeamState {
  id: number;
  org: string;
  slug: string;
  name: string;
  description: string | null;
  privacy: 'closed' | 'secret';
  members: string[];
  created_at: string;
  updated_at: string;
}

export interface LabelState {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface MilestoneState {
  id: number;
  number: number;
  title: string;
  description: string | null;
  state: 'open' | 'closed';
  creator: string;
  due_on: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export type StateReason = 'completed' | 'not_planned' | 'duplicate' | 'reopened';

export interface FieldValueState {
  field_id: number;
  value: string | number;
}

export interface IssueState {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: string;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  state: 'open' | 'closed';
  state_reason: StateReason | null;
  closed_by: string | null;
  type: number | null;
  parent: number | null;
  field_values: FieldValueState[];
  /** Pull requests share the issues' number sequence and appear in the issues endpoints. */
  pull_request: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface CommentState {
  id: number;
  issue: number;
  user: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export type IssueTypeColor = 'gray' | 'blue' | 'green' | 'yellow' | 'orange' | 'red' | 'pink' | 'purple';

export interface IssueTypeState {
  id: number;
  name: string;
  description: string | null;
  color: IssueTypeColor | null;
  is_enabled: boolean;
  created_at: string;
  updated_at: string;
}

export type IssueFieldDataType = 'text' | 'number' | 'date' | 'single_select' | 'multi_select';

export interface IssueFieldOptionState {
  id: number;
  name: string;
  color: IssueTypeColor;
}

export interface IssueFieldState {
  id: number;
  name: string;
  description: string | null;
  data_type: IssueFieldDataType;
  visibility: 'organization_members_only' | 'all';
  options: IssueFieldOptionState[] | null;
  created_at: string;
  updated_at: string;
}

/** Everything the emulator holds. One organization owns the repositories; issues live in one of them. */
export interface GithubState {
  authenticatedUser: string;
  users: UserState[];
  orgs: OrgState[];
  /** Organizations the authenticated user belongs to (`GET /user/orgs`). */
  memberships: string[];
  repos: RepoState[];
  /** The repository that holds the seeded issues, labels and milestones (`owner/name`). */
  issueRepo: string;
  teams: TeamState[];
  labels: LabelState[];
  milestones: MilestoneState[];
  issues: IssueState[];
  comments: CommentState[];
  issueTypes: IssueTypeState[];
  issueFields: IssueFieldState[];
  /** Next ids, so created records never collide with seeded ones. */
  sequences: Record<
    'issue' | 'comment' | 'label' | 'milestone' | 'issueType' | 'issueField' | 'option',
    number
  >;
}

/** A new open issue as the API creates it: no labels, assignees, milestone or fields yet. */
export function openIssue(state: GithubState, number: number, at: string, title: string): IssueState {
  return {
    id: state.sequences.issue++,
    number,
    title,
    body: null,
    user: state.authenticatedUser,
    labels: [],
    assignees: [],
    milestone: null,
    state: 'open',
    state_reason: null,
    closed_by: null,
    type: null,
    parent: null,
    field_values: [],
    pull_request: false,
    created_at: at,
    updated_at: at,
    closed_at: null,
  };
}
