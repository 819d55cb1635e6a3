/**
 * The seeded Jira Service Management site, after the objects and examples of the official Service
 * Management REST API description (ServiceDeskDTO, RequestTypeDTO, UserDTO, OrganizationDTO, QueueDTO,
 * CustomerRequestDTO, CommentDTO, SlaInformationDTO). Records store references by id and times as epoch
 * millis; the emulator renders the DTOs (DateDTO, `_links`, joined users) from them.
 */
import type { ProviderObject } from '../kit/described';

export const JSM_SEED_CREDENTIALS = { email: 'alana@acme.example', api_token: 'ATATT3xJsmSandboxToken0123' };
export const JSM_SEED_SERVICE_DESK_ID = '1';
export const JSM_SEED_REQUEST_TYPE_ID = '10';
/** The API user (an agent) and the other Atlassian accounts: authors of agent comments, assignees. */
export const JSM_AGENT_ID = '5b10a2844c20165700ede21g';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 9, 0); // 2026-10-01T09:00Z

export const jsmServiceDesks = (): ProviderObject[] => [
  { id: '1', projectId: '10000', projectName: 'Acme IT Help', projectKey: 'HELP' },
  { id: '2', projectId: '10001', projectName: 'Acme HR Desk', projectKey: 'HR' },
  // The API user is no agent here: its queues, customers and organizations answer 403.
  { id: '3', projectId: '10002', projectName: 'Facilities', projectKey: 'FAC' },
];

const requestType = (
  id: string,
  desk: string,
  name: string,
  issueTypeId: string,
  help = '',
): ProviderObject => ({
  _expands: [],
  id,
  name,
  description: name,
  helpText: help,
  issueTypeId,
  serviceDeskId: desk,
  portalId: desk,
  groupIds: [desk === '1' ? '1' : '2'],
  icon: { id: String(10500 + Number(id)) },
});

export const jsmRequestTypes = (): ProviderObject[] => [
  requestType(
    '10',
    '1',
    'Get IT help',
    '10004',
    'Please tell us clearly the problem you have within 100 words.',
  ),
  requestType('11', '1', 'Fix an account problem', '10004'),
  requestType('12', '1', 'Request new hardware', '10006'),
  requestType('13', '1', 'Report a system problem', '10005'),
  requestType('14', '1', 'Request a new account', '10006'),
  requestType('20', '2', 'Ask an HR question', '10004'),
];

/** Issue types behind the request types, as the Jira side of a request shows them. */
export const JSM_ISSUE_TYPES: Record<string, string> = {
  '10004': '[System] Service request',
  '10005': '[System] Incident',
  '10006': '[System] Service request with approvals',
};

export const jsmAgents = (): ProviderObject[] => [
  agent(JSM_AGENT_ID, 'Alana Admin', 'alana@acme.example', 'atlassian'),
  agent('5b10ac8d82e05b22cc7d4ef5', 'Mia Krystof', 'mia@acme.example', 'atlassian'),
  agent('5d9e2a4c1f2b3c0c8a1e7f01', 'Automation for Jira', null, 'app'),
];

function agent(accountId: string, displayName: string, email: string | null, accountType: string) {
  return {
    accountId,
    displayName,
    emailAddress: email,
    active: true,
    timeZone: 'Europe/London',
    accountType,
  };
}

const CUSTOMERS: [string, string, string][] = [
  ['5ad6d3581db05e2a66fa80b', 'Fred F. User', 'fred@example.com'],
  ['5ad6d3a01db05e2a66fa80bd', 'Grace Hopper', 'grace@globex.example'],
  ['5ad6d69abfa3980ce712caae', 'Ravi Patel', 'ravi@globex.example'],
  ['5ae1b2c3d4e5f60718293a4b', 'Chen Li', 'chen@initech.example'],
  ['5ae1b2c3d4e5f60718293a4c', 'Olga Novak', 'olga@initech.example'],
  ['5ae1b2c3d4e5f60718293a4d', 'Sam Oduya', 'sam@umbrella.example'],
  ['5ae1b2c3d4e5f60718293a4e', 'Ines Duarte', 'ines@umbrella.example'],
  ['5ae1b2c3d4e5f60718293a4f', 'Former Customer', 'gone@example.com'],
  ['5ae1b2c3d4e5f60718293a50', 'Hana Berg', 'hana@acme.example'],
];

/** Portal-only customers (`qm:` account ids), each a customer of one service desk. */
export const jsmCustomers = (): ProviderObject[] =>
  CUSTOMERS.map(([suffix, displayName, emailAddress], i) => ({
    accountId: `qm:a713c8ea-1075-4e30-9d96-891a7d181739:${suffix}`,
    emailAddress,
    displayName,
    active: i !== 7,
    timeZone: 'Australia/Sydney',
    serviceDeskIds: [i === 8 ? '2' : '1'],
  }));

export const jsmOrganizations = (): ProviderObject[] =>
  [
    ['1', 'Charlie Cakes Franchises', ['1']],
    ['2', 'Atlas Coffee Co', ['1']],
    ['3', 'The Adjustment Bureau', ['1', '2']],
    ['4', 'Globex Corporation', ['1']],
    ['5', 'Umbrella Staffing', ['2']],
  ].map(([id, name, desks], i) => ({
    id,
    name,
    scimManaged: false,
    createdMs: T0 - (30 - i) * DAY,
    serviceDeskIds: desks,
  }));

const queue = (id: string, name: string, jql: string): ProviderObject => ({
  id,
  name,
  jql: `project = HELP AND ${jql} ORDER BY "Time to resolution" ASC`,
  fields: ['issuetype', 'issuekey', 'summary', 'created', 'reporter', 'duedate'],
  serviceDeskId: '1',
});

export const jsmQueues = (): ProviderObject[] => [
  queue('10', 'Unassigned issues', 'assignee is EMPTY AND resolution = Unresolved'),
  queue('20', 'Assigned to me', 'assignee = currentUser() AND resolution = Unresolved'),
  queue('30', 'Waiting on customer', 'status = "Waiting for customer"'),
  queue('40', 'Incidents', 'issuetype = "[System] Incident" AND resolution = Unresolved'),
  queue('50', 'Resolved recently', 'resolved >= -7d'),
];

/** Workflow statuses of the desks: id, name, category. */
export const JSM_STATUSES: Record<string, { id: string; category: 'NEW' | 'INDETERMINATE' | 'DONE' }> = {
  'Waiting for support': { id: '10001', category: 'NEW' },
  'Waiting for customer': { id: '10002', category: 'INDETERMINATE' },
  'In progress': { id: '3', category: 'INDETERMINATE' },
  Pending: { id: '10003', category: 'INDETERMINATE' },
  Resolved: { id: '10004', category: 'DONE' },
  Canceled: { id: '10005', category: 'DONE' },
};

/** Workflow transitions (ids as JSM and Jira both address them) and the status each leads to. */
export const JSM_TRANSITIONS: { id: string; name: string; to: string }[] = [
  { id: '11', name: 'Respond to customer', to: 'Waiting for customer' },
  { id: '21', name: 'Start progress', to: 'In progress' },
  { id: '31', name: 'Pending', to: 'Pending' },
  { id: '41', name: 'Resolve this issue', to: 'Resolved' },
  { id: '51', name: 'Cancel request', to: 'Canceled' },
  { id: '61', name: 'Back to support', to: 'Waiting for support' },
];

const SUMMARIES = [
  'Request JSD help via REST',
  'Cannot log in to the VPN',
  'Laptop screen flickers',
  'Printer on level 3 did not work',
  'New starter needs an account',
  'Email bounces from the billing address',
  'Wi-Fi drops in meeting room 2',
  'Reset my MFA device',
  'Shared drive is read-only',
  'Order a second monitor',
  'Outage: payroll system unreachable',
  'Software licence for Figma',
  'Phone extension not ringing',
  'Calendar invites arrive twice',
];
const STATUS_CYCLE = [
  'Waiting for support',
  'In progress',
  'Waiting for customer',
  'Resolved',
  'Pending',
  'Canceled',
];
const PRIORITIES = [
  null,
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '1', name: 'Highest' },
];

/** Fourteen requests in desk 1 (pages at small sizes) and two in desk 2. */
export const jsmRequests = (): ProviderObject[] => [
  ...SUMMARIES.map((summary, i) => {
    const n = i + 1;
    const status = STATUS_CYCLE[i % STATUS_CYCLE.length];
    const created = T0 + i * DAY;
    return {
      issueId: String(10100 + n),
      issueKey: `HELP-${n}`,
      serviceDeskId: '1',
      requestTypeId: n === 11 ? '13' : String(10 + (i % 5)),
      summary,
      description: `Reported through the portal.\n\nSteps and details for HELP-${n}.`,
      reporterId: jsmCustomers()[i % 7].accountId,
      assigneeId: n % 3 === 0 ? null : n % 2 === 0 ? JSM_AGENT_ID : '5b10ac8d82e05b22cc7d4ef5',
      priority: PRIORITIES[i % PRIORITIES.length],
      labels: n % 4 === 0 ? ['hardware', 'onsite'] : [],
      duedate: n % 5 === 0 ? '2026-12-20' : null,
      customFields: n % 2 === 1 ? { customfield_10050: n === 11 ? 'Payroll' : 'Laptop' } : {},
      status,
      createdMs: created,
      statusMs: created + 2 * 3_600_000,
      updatedMs: created + 3 * 3_600_000,
    };
  }),
  ...['Holiday allowance question', 'Update my bank details'].map((summary, i) => ({
    issueId: String(10201 + i),
    issueKey: `HR-${i + 1}`,
    serviceDeskId: '2',
    requestTypeId: '20',
    summary,
    description: 'Asked through the HR portal.',
    reporterId: jsmCustomers()[8].accountId,
    assigneeId: null,
    priority: null,
    labels: [],
    duedate: null,
    customFields: {},
    status: 'Waiting for support',
    createdMs: T0 + (20 + i) * DAY,
    statusMs: T0 + (20 + i) * DAY,
    updatedMs: T0 + (20 + i) * DAY,
  })),
];

/** Three comments on HELP-1…HELP-3: a customer's, an agent's public reply and an agent's internal note. */
export const jsmComments = (): ProviderObject[] =>
  [1, 2, 3].flatMap((n) =>
    [0, 1, 2].map((k) => ({
      id: String(20000 + n * 10 + k),
      issueId: String(10100 + n),
      body: ['Any news on this?', 'We are looking into it.', 'Internal: check the proxy logs first.'][k],
      public: k !== 2,
      authorId: k === 0 ? jsmCustomers()[(n - 1) % 7].accountId : JSM_AGENT_ID,
      createdMs: T0 + (n - 1) * DAY + (k + 1) * 3_600_000,
    })),
  );

/** SLA goals: time to first response (4 h) and time to resolution (24 h). */
export const JSM_SLA_GOALS: [string, string, number][] = [
  ['1', 'Time to first response', 4 * 3_600_000],
  ['2', 'Time to resolution', 24 * 3_600_000],
];
