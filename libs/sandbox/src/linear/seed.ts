/**
 * The seeded Linear workspace: ids are UUIDs as Linear's are, issues are `ENG-<n>`, workflow states
 * cover every state type (triage, backlog, unstarted, started, completed, canceled), priorities 0–4.
 * Stored flat with foreign ids; the emulator's resolvers join them into Linear's object graph.
 */
export const LINEAR_SEED_API_KEY = 'lin_api_sandbox0123456789abcdef';
export const LINEAR_ORGANIZATION_ID = '7c0221e0-0000-4000-8000-0000000000aa';
const uuid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const at = (day: number) =>
  `2026-${String(1 + (day % 11)).padStart(2, '0')}-${String(1 + (day % 27)).padStart(2, '0')}T09:30:00.000Z`;

export interface LinearState {
  users: Record<string, unknown>[];
  teams: Record<string, unknown>[];
  workflowStates: Record<string, unknown>[];
  labels: Record<string, unknown>[];
  projects: Record<string, unknown>[];
  cycles: Record<string, unknown>[];
  issues: Record<string, unknown>[];
  comments: Record<string, unknown>[];
  attachments: Record<string, unknown>[];
}

export const LINEAR_TEAM_ID = uuid(0x7ea, 1);

export function seedLinear(): LinearState {
  const users = ['Amara Okafor', 'Liu Wei', 'Sofia Ramos', 'Noah Klein'].map((name, i) => ({
    id: uuid(0x05e, i + 1),
    name,
    displayName: name.split(' ')[0].toLowerCase(),
    email: `${name.split(' ')[0].toLowerCase()}@acme.example`,
    active: i < 3,
    admin: i === 0,
    avatarUrl: null,
    url: `https://linear.app/acme/profiles/${name.split(' ')[0].toLowerCase()}`,
    createdAt: at(i),
    updatedAt: at(i),
    archivedAt: null,
  }));
  const teams = [
    { id: LINEAR_TEAM_ID, name: 'Engineering', key: 'ENG', description: 'Product engineering' },
    { id: uuid(0x7ea, 2), name: 'Support', key: 'SUP', description: null },
  ].map((t) => ({ ...t, createdAt: at(0), updatedAt: at(0), archivedAt: null }));
  const STATES: [string, string, string][] = [
    ['Triage', 'triage', '#FC7840'],
    ['Backlog', 'backlog', '#bec2c8'],
    ['Todo', 'unstarted', '#e2e2e2'],
    ['In Progress', 'started', '#f2c94c'],
    ['Done', 'completed', '#5e6ad2'],
    ['Canceled', 'canceled', '#95a2b3'],
  ];
  const workflowStates = STATES.map(([name, type, color], i) => ({
    id: uuid(0x57a, i + 1),
    name,
    type,
    color,
    position: i,
    description: null,
    teamId: LINEAR_TEAM_ID,
    createdAt: at(0),
    updatedAt: at(0),
    archivedAt: null,
  }));
  const labels = [
    ['Bug', '#eb5757'],
    ['Feature', '#bb87fc'],
    ['Customer', '#4cb782'],
    ['Security', '#f2994a'],
  ].map(([name, color], i) => ({
    id: uuid(0x1ab, i + 1),
    name,
    color,
    description: null,
    teamId: i === 3 ? null : LINEAR_TEAM_ID,
    parentId: null,
    createdAt: at(1),
    updatedAt: at(1),
    archivedAt: null,
  }));
  const projects = ['Self-serve onboarding', 'Billing v2', 'Mobile offline mode'].map((name, i) => ({
    id: uuid(0x960, i + 1),
    name,
    description: `${name} — the whole of it`,
    url: `https://linear.app/acme/project/${name.toLowerCase().replace(/\W+/g, '-')}-${i + 1}`,
    state: ['started', 'planned', 'completed'][i],
    targetDate: i === 0 ? '2026-12-31' : null,
    createdAt: at(2),
    updatedAt: at(3 + i),
    archivedAt: null,
  }));
  const cycles = [1, 2].map((n) => ({
    id: uuid(0xc1c, n),
    number: n,
    name: null,
    startsAt: at(10 * n),
    endsAt: at(10 * n + 13),
  }));
  const issues = Array.from({ length: 14 }, (_, i) => {
    const number = i + 1;
    const state = workflowStates[i % workflowStates.length];
    return {
      id: uuid(0x155, number),
      identifier: `ENG-${number}`,
      number,
      title: `Issue ${number}: ${['Login fails on Safari', 'Invoice totals off by a cent', 'Crash when offline', 'Add SAML SSO', 'Slow search', 'Typo on pricing page', 'Webhook retries'][i % 7]}`,
      description: i % 4 === 3 ? null : `Customer report #${1000 + number}. Steps are in the thread.`,
      priority: i % 5,
      estimate: i % 3 === 0 ? 2 : null,
      dueDate: i % 6 === 0 ? '2026-12-20' : null,
      stateId: state.id,
      teamId: LINEAR_TEAM_ID,
      assigneeId: i % 4 === 0 ? null : users[i % 3].id,
      creatorId: users[(i + 1) % 3].id,
      projectId: i % 3 === 0 ? projects[i % 2].id : null,
      cycleId: i < 6 ? cycles[i % 2].id : null,
      parentId: number === 5 ? uuid(0x155, 4) : null,
      labelIds: [labels[i % 3].id, ...(i % 2 === 0 ? [labels[2].id] : [])].filter(
        (v, k, a) => a.indexOf(v) === k,
      ),
      createdAt: at(i),
      updatedAt: at(i + 1),
      completedAt: state.type === 'completed' ? at(i + 1) : null,
      canceledAt: state.type === 'canceled' ? at(i + 1) : null,
      archivedAt: null,
    };
  });
  const comments = [1, 2, 3].flatMap((n) =>
    [0, 1, 2].map((k) => ({
      id: uuid(0xc0a, n * 10 + k),
      body: `Comment ${k + 1} on ENG-${n}`,
      issueId: uuid(0x155, n),
      userId: users[k % 3].id,
      parentId: k === 2 ? uuid(0xc0a, n * 10) : null,
      createdAt: at(n + k),
      updatedAt: at(n + k),
      editedAt: null,
      archivedAt: null,
    })),
  );
  const attachments = [1, 2].map((n) => ({
    id: uuid(0xa77, n),
    title: `Screenshot ${n}`,
    subtitle: 'image/png',
    url: `https://uploads.linear.app/acme/screenshot-${n}.png`,
    creatorId: users[0].id,
    issueId: uuid(0x155, 1),
    metadata: null,
    createdAt: at(2),
    updatedAt: at(2),
    archivedAt: null,
  }));
  return { users, teams, workflowStates, labels, projects, cycles, issues, comments, attachments };
}
