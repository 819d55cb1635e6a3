/** The tasks of the seed lists and their comments, shaped like ClickUp's GetTask and GetTaskComments. */
import type { ProviderObject } from '../kit/described';
import {
  CLICKUP_LIST_ID,
  CLICKUP_TEAM_ID,
  CLICKUP_TOKEN_USER_ID,
  clickupUser,
  LIST_STATUSES,
  PRIORITIES,
  clickupFields,
} from './seed';

const ms = (day: number, hour = 9) => String(Date.UTC(2026, 10, day, hour));
const TAG_COLORS: Record<string, string> = { billing: '#e50000', bug: '#800000', vip: '#7b68ee' };

export const tagOnTask = (name: string) => ({
  name,
  tag_fg: '#ffffff',
  tag_bg: TAG_COLORS[name] ?? '#536cfe',
  creator: CLICKUP_TOKEN_USER_ID,
});
export const statusOf = (name: string) => {
  const found = LIST_STATUSES.find((s) => s.status === name);
  return found && { ...found };
};
export const priorityOf = (id: number | null) => {
  const found = PRIORITIES.find((p) => p.id === String(id));
  return found ? { ...found } : null;
};
export const listRefs = (listId: string) => ({
  list: { id: listId, name: listId === CLICKUP_LIST_ID ? 'Inbox' : 'Billing', access: true },
  project: { id: '90110000201', name: 'Customers', hidden: false, access: true },
  folder: { id: '90110000201', name: 'Customers', hidden: false, access: true },
  space: { id: '90110000101' },
});

/** A task's custom fields: every field of its list, `value` only where one is set (in the fields' order). */
export function taskCustomFields(...values: unknown[]): ProviderObject[] {
  return clickupFields().map(({ list_scope: _list, ...field }, i) =>
    values[i] === undefined ? field : { ...field, value: values[i] },
  );
}

/** A whole task as ClickUp serves it, from what varies between tasks. */
export function clickupTask(fields: {
  id: string;
  name: string;
  description: string;
  status: string;
  created: string;
  updated: string;
  listId?: string;
  assignees?: number[];
  tags?: string[];
  priority?: number | null;
  due?: string | null;
  parent?: string | null;
  customFields?: ProviderObject[];
  creator?: number;
}): ProviderObject {
  const status = statusOf(fields.status)!;
  const closed = status.type === 'closed' ? fields.updated : null;
  const listId = fields.listId ?? CLICKUP_LIST_ID;
  return {
    id: fields.id,
    custom_id: null,
    custom_item_id: 0,
    name: fields.name,
    text_content: fields.description,
    description: fields.description,
    status,
    orderindex: `${Number(fields.created) / 1e13}`,
    date_created: fields.created,
    date_updated: fields.updated,
    date_closed: closed,
    date_done: closed,
    archived: false,
    creator: clickupUser(fields.creator ?? CLICKUP_TOKEN_USER_ID),
    assignees: (fields.assignees ?? []).map((a) => clickupUser(a)),
    group_assignees: [],
    watchers: [clickupUser(fields.creator ?? CLICKUP_TOKEN_USER_ID)],
    checklists: [],
    tags: (fields.tags ?? []).map(tagOnTask),
    parent: fields.parent ?? null,
    top_level_parent: fields.parent ?? null,
    priority: priorityOf(fields.priority ?? null),
    due_date: fields.due ?? null,
    start_date: null,
    points: null,
    time_estimate: null,
    time_spent: 0,
    custom_fields: fields.customFields ?? (listId === CLICKUP_LIST_ID ? taskCustomFields() : []),
    dependencies: [],
    linked_tasks: [],
    locations: [],
    team_id: CLICKUP_TEAM_ID,
    url: `https://app.clickup.com/t/${fields.id}`,
    sharing: {
      public: false,
      public_share_expires_on: null,
      public_fields: [
        'assignees',
        'priority',
        'due_date',
        'content',
        'comments',
        'attachments',
        'customFields',
        'subtasks',
        'tags',
        'checklists',
        'coverimage',
      ],
      token: null,
      seo_optimized: false,
    },
    permission_level: 'create',
    ...listRefs(listId),
    attachments: [],
    list_scope: listId,
  };
}

export const clickupTasks = (): ProviderObject[] => [
  clickupTask({
    id: '86c0abc01',
    name: 'Refund for a double charge',
    description: 'The customer was billed twice in November.',
    status: 'to do',
    created: ms(3),
    updated: ms(10),
    assignees: [81000002],
    tags: ['billing'],
    priority: 2,
    due: ms(10, 17),
    customFields: taskCustomFields(1, 'rachel@client.test'),
  }),
  clickupTask({
    id: '86c0abc02',
    name: 'Login fails with SSO',
    description: 'Okta users get a 500 after the redirect.',
    status: 'in progress',
    created: ms(4),
    updated: ms(11),
    assignees: [81000003, 81000002],
    tags: ['bug', 'vip'],
    priority: 1,
    customFields: taskCustomFields(2),
  }),
  clickupTask({
    id: '86c0abc03',
    name: 'Export to CSV is missing columns',
    description: 'Custom fields are not exported.',
    status: 'in progress',
    created: ms(5),
    updated: ms(12),
    priority: 3,
  }),
  clickupTask({
    id: '86c0abc04',
    name: 'Invoice address change',
    description: 'New address from January.',
    status: 'waiting',
    created: ms(6),
    updated: ms(13),
    assignees: [81000001],
    tags: ['billing'],
    priority: 4,
  }),
  clickupTask({
    id: '86c0abc05',
    name: 'Password reset e-mail not received',
    description: '',
    status: 'complete',
    created: ms(7),
    updated: ms(14),
    assignees: [81000002],
  }),
  clickupTask({
    id: '86c0abc06',
    name: 'Check the SAML certificate expiry',
    description: 'Subtask of the SSO request.',
    status: 'to do',
    created: ms(8),
    updated: ms(15),
    assignees: [81000003],
    parent: '86c0abc02',
  }),
  clickupTask({
    id: '86c0abc07',
    name: 'Dark mode for the agent inbox',
    description: 'Asked for by several customers.',
    status: 'to do',
    created: ms(9),
    updated: ms(16),
    due: ms(30, 12),
  }),
  clickupTask({
    id: '86c0abc08',
    name: 'Chargeback from the bank',
    description: 'In the Billing list.',
    status: 'to do',
    created: ms(9, 12),
    updated: ms(16, 12),
    listId: '90110000302',
  }),
];

export function clickupComment(
  id: string,
  task: string,
  author: number,
  text: string,
  date: string,
): ProviderObject {
  return {
    id,
    comment: [{ text }],
    comment_text: text,
    user: clickupUser(author),
    resolved: false,
    assignee: null,
    assigned_by: null,
    reactions: [],
    date,
    reply_count: '0',
    task_scope: task,
  };
}

export const clickupComments = (): ProviderObject[] => [
  clickupComment('90110009001', '86c0abc01', 81000002, 'Asked billing to check both charges.', ms(4, 11)),
  clickupComment(
    '90110009002',
    '86c0abc01',
    81000001,
    'Both charges confirmed; refund the second.',
    ms(5, 11),
  ),
  clickupComment('90110009003', '86c0abc01', 81000002, 'Refund issued, waiting for the bank.', ms(7, 11)),
  clickupComment('90110009004', '86c0abc02', 81000003, 'Reproduced with a test Okta tenant.', ms(5, 15)),
];
