/**
 * One ClickUp Workspace as API v2 answers: objects shaped like the official description's examples
 * (GetTask, GetTaskComments, GetFolders, GetSpace, GetList, GetTeams…). Fields named `*_scope` are the
 * emulator's own bookkeeping (the parent a record is listed under) and never served.
 */
import type { ProviderObject } from '../kit/described';

export const CLICKUP_SEED_TOKEN = 'pk_81000001_EMULATORTOKEN0123456789ABCDEFGHIJ';
export const CLICKUP_TEAM_ID = '9011000001';
export const CLICKUP_SPACE_ID = '90110000101';
export const CLICKUP_LIST_ID = '90110000301';
/** The user the token belongs to: the author of what it writes. */
export const CLICKUP_TOKEN_USER_ID = 81000001;

const ms = (day: number, hour = 9) => String(Date.UTC(2026, 10, day, hour));

const USERS: [number, string, string, string][] = [
  [CLICKUP_TOKEN_USER_ID, 'Ada Lovelace', 'ada@acme.test', '#7b68ee'],
  [81000002, 'Grace Hopper', 'grace@acme.test', '#ff7800'],
  [81000003, 'Alan Turing', 'alan@acme.test', '#0ab80a'],
];
export function clickupUser(id: number): ProviderObject | undefined {
  const user = USERS.find(([u]) => u === id);
  if (!user) return undefined;
  const [, username, email, color] = user;
  const initials = username
    .split(' ')
    .map((w) => w[0])
    .join('');
  return {
    id,
    username,
    color,
    initials,
    email,
    profilePicture: `https://attachments.clickup.com/profilePictures/${id}.jpg`,
  };
}
export const clickupUsers = (): ProviderObject[] => USERS.map(([id]) => clickupUser(id)!);

/** Workspaces (the API's "teams"); members are rendered from the users. */
export const clickupWorkspaces = (): ProviderObject[] => [
  {
    id: CLICKUP_TEAM_ID,
    name: 'Acme Workspace',
    color: '#536cfe',
    avatar: 'https://attachments.clickup.com/team_avatars/9011000001.png',
  },
];

export const SPACE_STATUSES = [
  { status: 'to do', type: 'open', orderindex: 0, color: '#d3d3d3' },
  { status: 'complete', type: 'closed', orderindex: 1, color: '#6bc950' },
];
export const PRIORITIES = [
  { color: '#f50000', id: '1', orderindex: '1', priority: 'urgent' },
  { color: '#ffcc00', id: '2', orderindex: '2', priority: 'high' },
  { color: '#6fddff', id: '3', orderindex: '3', priority: 'normal' },
  { color: '#d8d8d8', id: '4', orderindex: '4', priority: 'low' },
];

export const clickupSpaces = (): ProviderObject[] =>
  [
    [CLICKUP_SPACE_ID, 'Support'],
    ['90110000102', 'Engineering'],
  ].map(([id, name]) => ({
    id,
    name,
    private: false,
    color: '#7b68ee',
    avatar: `https://attachments.clickup.com/space_avatars/${id}.png`,
    admin_can_manage: true,
    archived: false,
    members: [],
    statuses: SPACE_STATUSES,
    multiple_assignees: true,
    features: {
      due_dates: { enabled: true, start_date: false, remap_due_dates: false, remap_closed_due_date: false },
      time_tracking: { enabled: false },
      tags: { enabled: true },
      time_estimates: { enabled: true },
      checklists: { enabled: true },
      custom_fields: { enabled: true },
      remap_dependencies: { enabled: false },
      dependency_warning: { enabled: false },
      portfolios: { enabled: false },
      priorities: { enabled: true, priorities: PRIORITIES },
    },
    team_scope: CLICKUP_TEAM_ID,
  }));

const spaceRef = { id: CLICKUP_SPACE_ID, name: 'Support', access: true };
export const clickupFolders = (): ProviderObject[] =>
  [
    ['90110000201', 'Customers', 0],
    ['90110000202', 'Internal', 1],
  ].map(([id, name, orderindex]) => ({
    id,
    name,
    orderindex,
    override_statuses: true,
    hidden: false,
    space: spaceRef,
    task_count: '0',
    lists: [],
    space_scope: CLICKUP_SPACE_ID,
  }));

export const LIST_STATUSES = [
  { id: 'p90110000301_a1', status: 'to do', orderindex: 0, color: '#d3d3d3', type: 'open' },
  { id: 'p90110000301_a2', status: 'in progress', orderindex: 1, color: '#4194f6', type: 'custom' },
  { id: 'p90110000301_a3', status: 'waiting', orderindex: 2, color: '#f9d900', type: 'custom' },
  { id: 'p90110000301_a4', status: 'complete', orderindex: 3, color: '#6bc950', type: 'closed' },
];

const folderRef = { id: '90110000201', name: 'Customers', hidden: false, access: true };
export const clickupLists = (): ProviderObject[] =>
  [
    [CLICKUP_LIST_ID, 'Inbox', 'Every customer request starts here'],
    ['90110000302', 'Billing', 'Invoices and refunds'],
  ].map(([id, name, content], i) => ({
    id,
    name,
    orderindex: i,
    content,
    status: { status: 'green', color: '#6bc950', hide_label: true },
    priority: { priority: 'normal', color: '#6fddff' },
    assignee: null,
    task_count: null,
    due_date: ms(31, 17),
    start_date: null,
    folder: folderRef,
    space: spaceRef,
    archived: false,
    override_statuses: true,
    statuses: LIST_STATUSES,
    inbound_address: `a.t.${id}.u-81000001.4b1a@tasks.clickup.com`,
    permission_level: 'create',
  }));

export const clickupTags = (): ProviderObject[] =>
  [
    ['billing', '#ffffff', '#e50000'],
    ['bug', '#ffffff', '#800000'],
    ['vip', '#ffffff', '#7b68ee'],
  ].map(([name, tag_fg, tag_bg]) => ({
    name,
    tag_fg,
    tag_bg,
    creator: CLICKUP_TOKEN_USER_ID,
    space_scope: CLICKUP_SPACE_ID,
  }));

export const SEVERITY_OPTIONS = [
  { id: 'a7f1c1d0-0001-4000-8000-000000000001', name: 'Minor', color: '#04A9F4', orderindex: 0 },
  { id: 'a7f1c1d0-0001-4000-8000-000000000002', name: 'Major', color: '#FF7800', orderindex: 1 },
  { id: 'a7f1c1d0-0001-4000-8000-000000000003', name: 'Critical', color: '#E50000', orderindex: 2 },
];
export const clickupFields = (): ProviderObject[] => [
  {
    id: 'b1c2d3e4-0000-4000-8000-000000000001',
    name: 'Severity',
    type: 'drop_down',
    type_config: { default: 0, placeholder: null, options: SEVERITY_OPTIONS },
    date_created: ms(1),
    hide_from_guests: false,
    required: false,
    list_scope: CLICKUP_LIST_ID,
  },
  {
    id: 'b1c2d3e4-0000-4000-8000-000000000002',
    name: 'Customer email',
    type: 'email',
    type_config: {},
    date_created: ms(2),
    hide_from_guests: true,
    required: false,
    list_scope: CLICKUP_LIST_ID,
  },
];

export const clickupGroups = (): ProviderObject[] =>
  [
    ['2f0b6a52-1b6f-4e8c-9a1d-000000000001', 'Support agents', 'support', [81000001, 81000002]],
    ['2f0b6a52-1b6f-4e8c-9a1d-000000000002', 'Escalations', 'escalations', [81000003]],
  ].map(([id, name, handle, members]) => ({
    id,
    team_id: CLICKUP_TEAM_ID,
    userid: CLICKUP_TOKEN_USER_ID,
    name,
    handle,
    date_created: ms(1, 8),
    initials: String(name)
      .split(' ')
      .map((w) => w[0])
      .join(''),
    members: (members as number[]).map((m) => clickupUser(m)),
    avatar: { attachment_id: null, color: null, source: null, icon: null },
  }));
