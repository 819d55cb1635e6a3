/**
 * The seeded GitLab project, shaped after the objects of GitLab's REST v4 reference (Issues, Notes,
 * Users, Project labels, Project milestones, Groups, Projects) and its Issue/Note Hook examples.
 * Issues store ids (author_id, assignee_ids, milestone_id) and label names; the emulator joins them
 * into the objects GitLab serves.
 */
import type { ProviderObject } from '../kit/described';

export const GITLAB_SEED_TOKEN = 'glpat-sandbox-token-0123456789';
export const GITLAB_SEED_PROJECT_ID = 14;
export const GITLAB_SEED_GROUP_ID = 41;
const WEB = 'https://gitlab.example.com';
const PATH = 'acme/support-desk';

const user = (id: number, username: string, name: string, state = 'active'): ProviderObject => ({
  id,
  username,
  name,
  state,
  locked: false,
  avatar_url: `https://www.gravatar.com/avatar/${id.toString(16).padStart(32, '0')}?s=80&d=identicon`,
  web_url: `${WEB}/${username}`,
  public_email: `${username}@acme.example`,
  created_at: '2025-01-10T09:00:00.000Z',
  bot: false,
});

export const gitlabUsers = (): ProviderObject[] => [
  user(1, 'root', 'Administrator'),
  user(51, 'amara.okafor', 'Amara Okafor'),
  user(52, 'liu.wei', 'Liu Wei'),
  user(53, 'sofia.ramos', 'Sofia Ramos'),
  user(54, 'former.agent', 'Former Agent', 'blocked'),
];

export const gitlabGroups = (): ProviderObject[] => [
  {
    id: GITLAB_SEED_GROUP_ID,
    web_url: `${WEB}/groups/acme`,
    name: 'Acme',
    path: 'acme',
    description: 'Acme Corporation',
    visibility: 'private',
    full_name: 'Acme',
    full_path: 'acme',
    parent_id: null,
    created_at: '2025-01-10T09:00:00.000Z',
    avatar_url: null,
  },
  {
    id: 42,
    web_url: `${WEB}/groups/acme/support`,
    name: 'Support',
    path: 'support',
    description: 'First-line support engineers',
    visibility: 'private',
    full_name: 'Acme / Support',
    full_path: 'acme/support',
    parent_id: GITLAB_SEED_GROUP_ID,
    created_at: '2025-02-01T09:00:00.000Z',
    avatar_url: null,
  },
];

export const gitlabProjects = (): ProviderObject[] => [
  {
    id: GITLAB_SEED_PROJECT_ID,
    description: 'Customer-reported problems',
    name: 'Support Desk',
    name_with_namespace: 'Acme / Support Desk',
    path: 'support-desk',
    path_with_namespace: PATH,
    created_at: '2025-01-12T10:00:00.000Z',
    updated_at: '2026-11-30T08:00:00.000Z',
    default_branch: 'main',
    web_url: `${WEB}/${PATH}`,
    visibility: 'private',
    namespace: { id: GITLAB_SEED_GROUP_ID, name: 'Acme', path: 'acme', kind: 'group', full_path: 'acme' },
    last_activity_at: '2026-11-30T08:00:00.000Z',
    open_issues_count: 0,
  },
];

const LABELS: [number, string, string, string][] = [
  [206, 'bug', '#d9534f', 'Something does not work'],
  [207, 'customer', '#428bca', 'Reported by a customer'],
  [208, 'billing', '#5cb85c', 'Invoices and payments'],
  [209, 'priority::high', '#ff0000', 'Scoped priority label'],
  [210, 'priority::low', '#cccccc', 'Scoped priority label'],
];

export const gitlabLabels = (): ProviderObject[] =>
  LABELS.map(([id, name, color, description]) => ({
    id,
    name,
    color,
    text_color: '#FFFFFF',
    description,
    description_html: description,
    open_issues_count: 0,
    closed_issues_count: 0,
    open_merge_requests_count: 0,
    subscribed: false,
    priority: null,
    is_project_label: true,
    project_id: GITLAB_SEED_PROJECT_ID,
  }));

export const gitlabMilestones = (): ProviderObject[] => [
  milestone(12, 1, 'v1.0', 'closed', '2026-03-31'),
  milestone(13, 2, 'v1.1', 'active', '2026-12-31'),
];

function milestone(id: number, iid: number, title: string, state: string, due: string): ProviderObject {
  return {
    id,
    iid,
    project_id: GITLAB_SEED_PROJECT_ID,
    title,
    description: `Release ${title}`,
    state,
    created_at: '2026-01-05T09:00:00.000Z',
    updated_at: '2026-01-05T09:00:00.000Z',
    due_date: due,
    start_date: '2026-01-05',
    expired: false,
    web_url: `${WEB}/${PATH}/-/milestones/${iid}`,
  };
}

const TITLES = [
  'Login page returns 500 after password reset',
  'Invoice PDF shows the wrong VAT rate',
  'Export to CSV drops the last row',
  'Mobile app crashes when offline',
  'Add SSO for the admin console',
  'Search ignores accented characters',
  'Webhook retries are not spaced out',
  'Typo in the welcome e-mail',
];

/** Twelve issues: enough for several pages at small page sizes; every third is closed. */
export const gitlabIssues = (): ProviderObject[] =>
  Array.from({ length: 12 }, (_, i) => {
    const iid = i + 1;
    const closed = iid % 3 === 0;
    const at = `2026-${String(1 + (i % 11)).padStart(2, '0')}-1${i % 9}T10:00:00.000Z`;
    return {
      id: 300 + iid,
      iid,
      project_id: GITLAB_SEED_PROJECT_ID,
      title: TITLES[i % TITLES.length] + (i >= TITLES.length ? ` (${iid})` : ''),
      description: `Reported by a customer. Steps to reproduce are in the thread (#${iid}).`,
      state: closed ? 'closed' : 'opened',
      created_at: at,
      updated_at: at,
      closed_at: closed ? at : null,
      closed_by_id: closed ? 51 : null,
      labels: iid % 2 === 0 ? ['bug', 'customer'] : ['priority::high'],
      milestone_id: iid <= 4 ? 12 : iid <= 8 ? 13 : null,
      assignee_ids: iid % 4 === 0 ? [] : [51 + (iid % 3)],
      author_id: iid % 5 === 0 ? 1 : 53,
      type: 'ISSUE',
      issue_type: iid === 7 ? 'incident' : 'issue',
      confidential: false,
      discussion_locked: null,
      due_date: iid % 4 === 1 ? '2026-12-20' : null,
      weight: null,
      upvotes: 0,
      downvotes: 0,
      merge_requests_count: 0,
      severity: 'UNKNOWN',
    };
  });

/** Notes on issues 1–3 (three each); the first of issue 3 is a system note ("changed the description"). */
export const gitlabNotes = (): ProviderObject[] =>
  [1, 2, 3].flatMap((iid) =>
    [0, 1, 2].map((n) => ({
      id: 1000 + iid * 10 + n,
      type: null,
      body: iid === 3 && n === 0 ? 'changed the description' : `Reply ${n + 1} on #${iid}`,
      attachment: null,
      author_id: n % 2 === 0 ? 51 : 53,
      created_at: `2026-11-0${iid}T1${n}:00:00.000Z`,
      updated_at: `2026-11-0${iid}T1${n}:00:00.000Z`,
      system: iid === 3 && n === 0,
      noteable_id: 300 + iid,
      noteable_type: 'Issue',
      project_id: GITLAB_SEED_PROJECT_ID,
      noteable_iid: iid,
      resolvable: false,
      confidential: false,
      internal: n === 2,
    })),
  );

export const GITLAB_WEB = WEB;
export const GITLAB_PROJECT_PATH = PATH;
