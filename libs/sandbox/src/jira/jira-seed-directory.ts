import type { JiraField, JiraPriority, JiraStatus, JiraUser } from './jira-model';
import type { JiraState } from './jira-state';

/** The API token owner: requests authenticate as this user. */
export const JIRA_SEED_CREDENTIALS = { email: 'ada.admin@acme.example', api_token: 'jira-emulator-token' };
export const JIRA_ADMIN_ACCOUNT_ID = '5f0c1a2b3c4d5e6f70810001';
/** Jira's own automation actor ("Automation for Jira"), an app account. */
export const JIRA_AUTOMATION_ACCOUNT_ID = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';

export const GROUP_IDS = {
  administrators: '0a1b2c3d-0000-4000-8000-000000000001',
  softwareUsers: '0a1b2c3d-0000-4000-8000-000000000002',
  supportAgents: '0a1b2c3d-0000-4000-8000-000000000003',
  platformTeam: '0a1b2c3d-0000-4000-8000-000000000004',
};

function person(n: number, displayName: string, groupIds: string[], extra: Partial<JiraUser> = {}): JiraUser {
  const email = `${displayName.toLowerCase().replace(/[^a-z]+/g, '.')}@acme.example`;
  return {
    accountId: `5f0c1a2b3c4d5e6f7081${String(n).padStart(4, '0')}`,
    accountType: 'atlassian',
    displayName,
    emailAddress: email,
    active: true,
    timeZone: 'Europe/Berlin',
    locale: 'en_US',
    groupIds,
    applicationRoles: ['jira-software'],
    ...extra,
  };
}

const { administrators, softwareUsers, supportAgents, platformTeam } = GROUP_IDS;

const USERS: JiraUser[] = [
  person(1, 'Ada Admin', [administrators, softwareUsers], { timeZone: 'UTC' }),
  person(2, 'Ben Carter', [softwareUsers, platformTeam]),
  person(3, 'Chloe Dubois', [softwareUsers, supportAgents]),
  person(4, 'Dmitri Ivanov', [softwareUsers, platformTeam]),
  person(5, 'Emma Fischer', [softwareUsers, supportAgents]),
  person(6, 'Farid Haddad', [softwareUsers]),
  person(7, 'Grace Ito', [softwareUsers, platformTeam]),
  person(8, 'Hugo Jansen', [softwareUsers], { active: false }),
  person(9, 'Iris Kowalski', [supportAgents]),
  person(10, 'Jonas Lind', [softwareUsers]),
  {
    accountId: JIRA_AUTOMATION_ACCOUNT_ID,
    accountType: 'app',
    displayName: 'Automation for Jira',
    active: true,
    timeZone: 'UTC',
    locale: 'en_US',
    groupIds: [],
    applicationRoles: [],
  },
  {
    accountId: 'qm:9f0c1a2b-0000-4000-8000-00000000c001',
    accountType: 'customer',
    displayName: 'Carla Customer',
    emailAddress: 'carla@customer.example',
    active: true,
    timeZone: 'America/New_York',
    locale: 'en_US',
    groupIds: [],
    applicationRoles: [],
  },
];

const STATUSES: JiraStatus[] = [
  { id: '10000', name: 'To Do', description: 'Work that has not been started.', categoryKey: 'new' },
  {
    id: '3',
    name: 'In Progress',
    description: 'This issue is being actively worked on.',
    categoryKey: 'indeterminate',
  },
  {
    id: '10003',
    name: 'Waiting for customer',
    description: 'Paused until the customer answers.',
    categoryKey: 'indeterminate',
  },
  { id: '10004', name: 'In Review', description: 'Waiting for a code review.', categoryKey: 'indeterminate' },
  { id: '10001', name: 'Done', description: 'Work has been completed.', categoryKey: 'done' },
  { id: '10002', name: "Won't Do", description: 'This issue will not be worked on.', categoryKey: 'done' },
];

const PRIORITIES: JiraPriority[] = [
  ['1', 'Highest', 'This problem will block progress.', '#d04437', 'highest'],
  ['2', 'High', 'Serious problem that could block progress.', '#f15C75', 'high'],
  ['3', 'Medium', 'Has the potential to affect progress.', '#f79232', 'medium'],
  ['4', 'Low', 'Minor problem or easily worked around.', '#707070', 'low'],
  ['5', 'Lowest', 'Trivial problem with little or no impact on progress.', '#999999', 'lowest'],
].map(([id, name, description, statusColor, icon]) => ({
  id,
  name,
  description,
  statusColor,
  iconUrl: `/images/icons/priorities/${icon}.svg`,
  isDefault: id === '3',
}));

function system(id: string, name: string, type: string, extra: Partial<JiraField> = {}): JiraField {
  return { id, name, custom: false, schema: { type, system: id }, ...extra };
}

function custom(
  n: number,
  name: string,
  type: string,
  customType: string,
  extra: Partial<JiraField> = {},
): JiraField {
  return {
    id: `customfield_${n}`,
    name,
    custom: true,
    schema: { type, custom: `com.atlassian.jira.plugin.system.customfieldtypes:${customType}`, customId: n },
    searcherKey: `com.atlassian.jira.plugin.system.customfieldtypes:${customType}searcher`,
    ...extra,
  };
}

const FIELDS: JiraField[] = [
  system('summary', 'Summary', 'string'),
  system('description', 'Description', 'string', { richText: true }),
  system('environment', 'Environment', 'string', { richText: true }),
  system('issuetype', 'Issue Type', 'issuetype'),
  system('project', 'Project', 'project'),
  system('status', 'Status', 'status'),
  system('priority', 'Priority', 'priority'),
  system('resolution', 'Resolution', 'resolution'),
  system('assignee', 'Assignee', 'user'),
  system('reporter', 'Reporter', 'user'),
  system('creator', 'Creator', 'user'),
  system('labels', 'Labels', 'array', { schema: { type: 'array', items: 'string', system: 'labels' } }),
  system('duedate', 'Due date', 'date'),
  system('parent', 'Parent', 'issuelink'),
  system('created', 'Created', 'datetime'),
  system('updated', 'Updated', 'datetime'),
  system('resolutiondate', 'Resolved', 'datetime'),
  system('attachment', 'Attachment', 'array', {
    schema: { type: 'array', items: 'attachment', system: 'attachment' },
  }),
  system('comment', 'Comment', 'comments-page'),
  custom(10016, 'Story point estimate', 'number', 'float', { description: 'Measurement of complexity.' }),
  custom(10100, 'Customer tier', 'option', 'select', {
    description: 'Support plan of the customer.',
    options: [
      { id: '10200', value: 'Gold' },
      { id: '10201', value: 'Silver' },
      { id: '10202', value: 'Bronze' },
    ],
  }),
  custom(10101, 'Affected URL', 'string', 'url'),
  custom(10102, 'Root cause', 'string', 'textarea', { richText: true }),
  custom(10103, 'Account manager', 'user', 'userpicker'),
  custom(10104, 'Affected versions (text)', 'array', 'labels', {
    schema: {
      type: 'array',
      items: 'string',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:labels',
      customId: 10104,
    },
  }),
];

export const LABELS = [
  'backend',
  'billing',
  'customer-reported',
  'frontend',
  'infra',
  'regression',
  'security',
  'ux',
];

/** Users, groups, projects, issue types, statuses, resolutions, priorities, fields and labels. */
export function seedDirectory(state: JiraState): void {
  for (const user of USERS) state.users.set(user.accountId, user);
  for (const [groupId, name] of [
    [administrators, 'jira-administrators'],
    [softwareUsers, 'jira-software-users'],
    [supportAgents, 'support-agents'],
    [platformTeam, 'platform-team'],
  ]) {
    state.groups.set(groupId, { groupId, name });
  }
  for (const [id, key, name, description, lead] of [
    ['10000', 'SUP', 'Customer Support', 'Requests and incidents reported by customers.', 3],
    ['10001', 'ENG', 'Engineering', 'Product engineering backlog.', 2],
    ['10002', 'OPS', 'Operations', 'Infrastructure and on-call work.', 4],
  ] as const) {
    state.projects.set(id, {
      id,
      key,
      name,
      description,
      leadAccountId: `5f0c1a2b3c4d5e6f7081${String(lead).padStart(4, '0')}`,
      projectTypeKey: key === 'SUP' ? 'service_desk' : 'software',
      simplified: false,
      archived: false,
      deleted: false,
    });
  }
  for (const type of [
    {
      id: '10000',
      name: 'Epic',
      description: 'A big user story that needs to be broken down.',
      subtask: false,
      hierarchyLevel: 1,
      avatarId: 10307,
    },
    {
      id: '10001',
      name: 'Task',
      description: 'A small, distinct piece of work.',
      subtask: false,
      hierarchyLevel: 0,
      avatarId: 10318,
    },
    {
      id: '10002',
      name: 'Bug',
      description: 'A problem or error.',
      subtask: false,
      hierarchyLevel: 0,
      avatarId: 10303,
    },
    {
      id: '10003',
      name: 'Story',
      description: 'Functionality or a feature expressed as a user goal.',
      subtask: false,
      hierarchyLevel: 0,
      avatarId: 10315,
    },
    {
      id: '10004',
      name: 'Subtask',
      description: 'A small piece of work that is part of a larger task.',
      subtask: true,
      hierarchyLevel: -1,
      avatarId: 10316,
    },
  ]) {
    state.issueTypes.set(type.id, type);
  }
  for (const status of STATUSES) state.statuses.set(status.id, status);
  for (const [id, name, description] of [
    ['10000', 'Done', 'Work has been completed on this issue.'],
    ['10001', "Won't Do", "This issue won't be actioned."],
    ['10002', 'Duplicate', 'The problem is a duplicate of an existing issue.'],
  ]) {
    state.resolutions.set(id, { id, name, description });
  }
  for (const priority of PRIORITIES) state.priorities.set(priority.id, priority);
  for (const field of FIELDS) state.fields.set(field.id, field);
  for (const label of LABELS) state.labels.add(label);
}
