import type {
  CommentState,
  FieldValueState,
  GithubState,
  IssueState,
  LabelState,
  MilestoneState,
  StateReason,
  UserState,
} from './state';

/** Seed credentials: a personal access token of `octocat`, a member of `octo-org`. */
export const GITHUB_SEED_TOKEN = 'ghp_emulatorSeedToken0000000000000000001';
export const GITHUB_SEED_OWNER = 'octo-org';
export const GITHUB_SEED_REPO = 'tracker';

/** Pull requests in the seeded issue numbers: GitHub lists them among issues. */
export const GITHUB_SEED_PULL_REQUESTS = [5, 14, 23, 31] as const;
export const GITHUB_SEED_LAST_NUMBER = 39;

const EPOCH = Date.UTC(2024, 0, 1, 9, 0, 0);
const HOUR = 3_600_000;

/** A fixed timestamp `days` and `hours` after the seed epoch, in GitHub's second-precision format. */
export function seedTime(days: number, hours = 0): string {
  return new Date(EPOCH + days * 24 * HOUR + hours * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const USERS: UserState[] = [
  ['octocat', 'The Octocat', 'octocat@github.com', 'GitHub'],
  ['monalisa', 'Mona Lisa Octocat', 'mona@example.com', 'Octo Org'],
  ['hubot', 'Hubot', null, null],
  ['defunkt', 'Chris Wanstrath', null, 'Octo Org'],
  ['mojombo', 'Tom Preston-Werner', 'tom@example.com', null],
  ['pjhyett', null, null, null],
].map(([login, name, email, company], i) => ({
  id: 1001 + i,
  login: login as string,
  name,
  email,
  company,
  type: 'User',
  site_admin: false,
  created_at: seedTime(-900 + i * 30),
  updated_at: seedTime(-30 + i),
}));

const LABELS: LabelState[] = [
  ['bug', 'd73a4a', "Something isn't working", true],
  ['documentation', '0075ca', 'Improvements or additions to documentation', true],
  ['duplicate', 'cfd3d7', 'This issue or pull request already exists', true],
  ['enhancement', 'a2eeef', 'New feature or request', true],
  ['good first issue', '7057ff', 'Good for newcomers', true],
  ['help wanted', '008672', 'Extra attention is needed', true],
  ['invalid', 'e4e669', "This doesn't seem right", true],
  ['question', 'd876e3', 'Further information is requested', true],
  ['wontfix', 'ffffff', 'This will not be worked on', true],
  ['area: api', '1d76db', null, false],
  ['area: ui', 'fbca04', null, false],
  ['priority: high', 'b60205', 'Work on it next', false],
].map(([name, color, description, isDefault], i) => ({
  id: 3_000_001 + i,
  name: name as string,
  color: color as string,
  description: description as string | null,
  default: isDefault as boolean,
}));

const MILESTONES: MilestoneState[] = [
  ['v1.0', 'First public release', 'closed', seedTime(20)],
  ['v1.1', 'Bug fixes after launch', 'open', seedTime(60)],
  ['v2.0', 'The big redesign', 'open', seedTime(120)],
  ['Backlog', null, 'open', null],
  ['Q1 hardening', 'Security and reliability work', 'closed', seedTime(45)],
].map(([title, description, state, due], i) => ({
  id: 4_000_001 + i,
  number: i + 1,
  title: title as string,
  description: description as string | null,
  state: state as 'open' | 'closed',
  creator: USERS[i % 2].login,
  due_on: due as string | null,
  created_at: seedTime(-10 + i),
  updated_at: seedTime(-5 + i),
  closed_at: state === 'closed' ? seedTime(50 + i) : null,
}));

const SUBJECTS = [
  'login page',
  'REST client',
  'search index',
  'billing export',
  'webhook retries',
  'dark mode',
];
const VERBS = ['Fix crash in', 'Improve', 'Document', 'Refactor', 'Add tests for', 'Speed up', 'Localize'];

/** Parent issue of the seeded sub-issues. */
const PARENTS: Record<number, number> = { 2: 1, 3: 1, 4: 1, 7: 6, 8: 6 };

function seedIssue(n: number): IssueState {
  const pullRequest = (GITHUB_SEED_PULL_REQUESTS as readonly number[]).includes(n);
  const labels = [
    ...(n % 3 === 0 ? ['bug'] : []),
    ...(n % 5 === 0 ? ['enhancement'] : []),
    ...(n % 7 === 0 ? ['documentation'] : []),
    ...(n % 4 === 1 ? ['priority: high'] : []),
    ...(n % 11 === 0 ? ['good first issue', 'help wanted'] : []),
  ];
  const closed = !pullRequest && (n % 4 === 0 || n % 9 === 0);
  const reason: StateReason = n % 8 === 0 ? 'not_planned' : n % 9 === 0 ? 'duplicate' : 'completed';
  const created = seedTime(n - 1);
  const fieldValues: FieldValueState[] = [
    ...(n % 2 === 1 ? [{ field_id: 1, value: ['Urgent', 'High', 'Medium', 'Low'][n % 4] }] : []),
    ...(n % 3 === 0 ? [{ field_id: 2, value: n % 8 }] : []),
    ...(n % 5 === 0 ? [{ field_id: 5, value: USERS[n % 6].login }] : []),
  ];
  return {
    id: 50_000_000 + n,
    number: n,
    title: pullRequest ? `Pull request #${n}` : `${VERBS[n % VERBS.length]} ${SUBJECTS[n % SUBJECTS.length]}`,
    body: n % 10 === 0 ? null : `Seeded issue ${n}.\n\n- [ ] reproduce\n- [ ] fix`,
    user: USERS[n % USERS.length].login,
    labels,
    assignees:
      n % 2 === 0 ? [USERS[(n + 1) % 6].login, ...(n % 6 === 0 ? [USERS[(n + 2) % 6].login] : [])] : [],
    milestone: n % 5 === 0 ? null : (n % 4) + 1,
    state: closed ? 'closed' : 'open',
    state_reason: closed ? reason : null,
    closed_by: closed ? USERS[0].login : null,
    type: pullRequest || n % 6 === 5 ? null : labels.includes('bug') ? 411 : n % 2 === 0 ? 410 : 412,
    parent: PARENTS[n] ?? null,
    field_values: pullRequest ? [] : fieldValues,
    pull_request: pullRequest,
    created_at: created,
    updated_at: seedTime(n - 1, (n % 5) + 1),
    closed_at: closed ? seedTime(n - 1, 6) : null,
  };
}

function seedComments(issues: IssueState[]): CommentState[] {
  const comments: CommentState[] = [];
  for (const issue of issues.filter((i) => i.number <= 12)) {
    const count = (issue.number % 3) + 1;
    for (let k = 1; k <= count; k++) {
      const at = seedTime(issue.number - 1, k);
      comments.push({
        id: 900_000 + comments.length + 1,
        issue: issue.number,
        user: USERS[(issue.number + k) % USERS.length].login,
        body: `Comment ${k} on #${issue.number}`,
        created_at: at,
        updated_at: k === 1 ? seedTime(issue.number - 1, k + 2) : at,
      });
    }
  }
  return comments;
}

/** A fresh, fully deterministic state: the same seed gives the same records, ids and timestamps. */
export function createSeedState(): GithubState {
  const issues = Array.from({ length: GITHUB_SEED_LAST_NUMBER }, (_, i) => seedIssue(i + 1));
  const comments = seedComments(issues);
  return {
    authenticatedUser: 'octocat',
    users: USERS.map((u) => ({ ...u })),
    orgs: [
      [GITHUB_SEED_OWNER, 'Octo Org', 'The organization behind the tracker', 'https://octo-org.example.com'],
      ['octo-labs', 'Octo Labs', 'Experiments', null],
      ['acme-corp', 'ACME Corporation', '', 'https://acme.example.com'],
    ].map(([login, name, description, blog], i) => ({
      id: 9_000_001 + i,
      login: login as string,
      name: name as string,
      description: description as string,
      company: i === 2 ? 'ACME Corporation' : null,
      blog,
      location: i === 1 ? null : 'San Francisco, CA',
      email: blog ? `hello@${new URL(blog).hostname}` : null,
      created_at: seedTime(-1000 + i),
      updated_at: seedTime(-100 + i),
    })),
    memberships: [GITHUB_SEED_OWNER, 'octo-labs', 'acme-corp'],
    repos: [
      [GITHUB_SEED_REPO, 'Issue tracker of the Octo product', false, false],
      ['website', 'Marketing site', false, false],
      ['sdk', 'Client libraries', true, false],
      ['legacy-api', 'The v1 API, kept for reference', false, true],
    ].map(([name, description, isPrivate, archived], i) => ({
      id: 7_000_001 + i,
      owner: GITHUB_SEED_OWNER,
      name: name as string,
      description: description as string,
      private: isPrivate as boolean,
      archived: archived as boolean,
      has_issues: true,
      created_at: seedTime(-800 + i * 10),
      updated_at: seedTime(-2 + i),
      pushed_at: seedTime(-1 + i),
    })),
    issueRepo: `${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}`,
    teams: [
      ['engineering', 'Engineering', 'Builds the product', ['octocat', 'defunkt', 'mojombo']],
      ['design', 'Design', null, ['monalisa']],
      ['support', 'Support', 'Answers customers', ['hubot', 'pjhyett']],
      ['security', 'Security', 'Keeps us safe', ['octocat']],
      ['docs', 'Docs', 'Writes the manuals', ['monalisa', 'pjhyett']],
    ].map(([slug, name, description, members], i) => ({
      id: 600_001 + i,
      org: GITHUB_SEED_OWNER,
      slug: slug as string,
      name: name as string,
      description: description as string | null,
      privacy: i === 3 ? 'secret' : 'closed',
      members: members as string[],
      created_at: seedTime(-300 + i),
      updated_at: seedTime(-20 + i),
    })),
    labels: LABELS.map((l) => ({ ...l })),
    milestones: MILESTONES.map((m) => ({ ...m })),
    issues,
    comments,
    issueTypes: [
      [410, 'Task', 'A specific piece of work', 'yellow', true],
      [411, 'Bug', 'An unexpected problem or behavior', 'red', true],
      [412, 'Feature', 'A request, idea, or new functionality', 'blue', true],
      [413, 'Initiative', 'A large body of work that spans a quarter', 'orange', false],
    ].map(([id, name, description, color, enabled]) => ({
      id: id as number,
      name: name as string,
      description: description as string,
      color: color as 'yellow',
      is_enabled: enabled as boolean,
      created_at: seedTime(-200),
      updated_at: seedTime(-200),
    })),
    issueFields: [
      {
        id: 1,
        name: 'Priority',
        description: 'Level of importance',
        data_type: 'single_select',
        visibility: 'all',
        options: [
          { id: 101, name: 'Urgent', color: 'red' },
          { id: 102, name: 'High', color: 'orange' },
          { id: 103, name: 'Medium', color: 'yellow' },
          { id: 104, name: 'Low', color: 'gray' },
        ],
        created_at: seedTime(-150),
        updated_at: seedTime(-150),
      },
      ...(
        [
          [2, 'Effort', 'Relative size of the work', 'number'],
          [3, 'Start date', 'When work is planned to start', 'date'],
          [4, 'Target date', 'When work is planned to finish', 'date'],
          [5, 'DRI', 'Directly responsible individual', 'text'],
        ] as const
      ).map(([id, name, description, dataType]) => ({
        id,
        name,
        description,
        data_type: dataType,
        visibility: 'organization_members_only' as const,
        options: null,
        created_at: seedTime(-150),
        updated_at: seedTime(-140),
      })),
    ],
    sequences: {
      issue: 50_000_000 + GITHUB_SEED_LAST_NUMBER + 1,
      comment: 900_000 + comments.length + 1,
      label: 3_000_001 + LABELS.length,
      milestone: 4_000_001 + MILESTONES.length,
      issueType: 414,
      issueField: 6,
      option: 105,
    },
  };
}
