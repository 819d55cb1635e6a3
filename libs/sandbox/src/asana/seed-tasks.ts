/** The tasks of the seed projects and their stories (comments and system stories mixed, as Asana lists them). */
import type { ProviderObject } from '../kit/described';
import { ASANA_PROJECT_GID, compact, sectionRef, userRef } from './seed';

const APP = 'https://app.asana.com';
const at = (day: number, hour = 9) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const ACME = compact('workspace', '1200000000000001', 'Acme Corp');
const PRIORITY = ['Low', 'Medium', 'High'];

interface TaskSeed {
  gid: string;
  name: string;
  notes: string;
  section: string;
  project?: [string, string];
  assignee?: string;
  completed?: boolean;
  due_on?: string;
  tags?: [string, string][];
  priority?: number;
  parent?: [string, string];
}

/** The custom fields a task of the Support Desk project carries, with their values. */
export function taskCustomFields(priority: number | undefined, effort: number | null): ProviderObject[] {
  const enumValue =
    priority === undefined
      ? null
      : {
          gid: `120000000000041${priority + 1}`,
          resource_type: 'enum_option',
          name: PRIORITY[priority],
          enabled: true,
        };
  return [
    {
      gid: '1200000000000401',
      resource_type: 'custom_field',
      name: 'Priority',
      type: 'enum',
      resource_subtype: 'enum',
      enum_value: enumValue,
      display_value: enumValue ? enumValue.name : null,
    },
    {
      gid: '1200000000000402',
      resource_type: 'custom_field',
      name: 'Effort',
      type: 'number',
      resource_subtype: 'number',
      number_value: effort,
      display_value: effort === null ? null : String(effort),
    },
  ];
}

const SEEDS: TaskSeed[] = [
  {
    gid: '1200000000001001',
    name: 'Refund for a double charge',
    notes: 'The customer was billed twice in November.',
    section: '1200000000000201',
    assignee: '1200000000000012',
    due_on: '2026-12-10',
    tags: [['1200000000000301', 'billing']],
    priority: 2,
  },
  {
    gid: '1200000000001002',
    name: 'Login fails with SSO',
    notes: 'Okta users get a 500 after the redirect.',
    section: '1200000000000202',
    assignee: '1200000000000013',
    tags: [
      ['1200000000000302', 'bug'],
      ['1200000000000303', 'vip'],
    ],
    priority: 2,
  },
  {
    gid: '1200000000001003',
    name: 'Export to CSV is missing columns',
    notes: 'Custom fields are not exported.',
    section: '1200000000000202',
    priority: 1,
  },
  {
    gid: '1200000000001004',
    name: 'Invoice address change',
    notes: 'New address from January.',
    section: '1200000000000203',
    assignee: '1200000000000011',
    tags: [['1200000000000301', 'billing']],
    priority: 0,
  },
  {
    gid: '1200000000001005',
    name: 'Password reset e-mail not received',
    notes: '',
    section: '1200000000000204',
    assignee: '1200000000000012',
    completed: true,
  },
  {
    gid: '1200000000001006',
    name: 'Check the SAML certificate expiry',
    notes: 'Sub-task of the SSO request.',
    section: '1200000000000202',
    assignee: '1200000000000013',
    parent: ['1200000000001002', 'Login fails with SSO'],
  },
  {
    gid: '1200000000001007',
    name: 'Dark mode for the agent inbox',
    notes: 'Asked for by several customers.',
    section: '1200000000000201',
    due_on: '2027-01-15',
  },
  {
    gid: '1200000000001008',
    name: 'Bulk edit of tasks',
    notes: 'Planned for Q1.',
    section: '1200000000000205',
    project: ['1200000000000102', 'Roadmap'],
  },
];

export function asanaTasks(): ProviderObject[] {
  return SEEDS.map((s, i) => {
    const [projectGid, projectName] = s.project ?? [ASANA_PROJECT_GID, 'Support Desk'];
    const project = compact('project', projectGid, projectName);
    const completedAt = s.completed ? at(20 + i, 15) : null;
    return {
      gid: s.gid,
      resource_type: 'task',
      name: s.name,
      resource_subtype: 'default_task',
      approval_status: 'pending',
      assignee_status: 'upcoming',
      completed: s.completed ?? false,
      completed_at: completedAt,
      completed_by: s.completed && s.assignee ? userRef(s.assignee) : null,
      created_at: at(3 + i),
      created_by: { gid: '1200000000000011', resource_type: 'user' },
      dependencies: [],
      dependents: [],
      due_at: null,
      due_on: s.due_on ?? null,
      start_at: null,
      start_on: null,
      external: null,
      html_notes: `<body>${s.notes}</body>`,
      hearted: false,
      hearts: [],
      is_rendered_as_separator: false,
      liked: false,
      likes: [],
      memberships: [{ project, section: sectionRef(s.section) }],
      modified_at: at(10 + i, 12),
      notes: s.notes,
      num_hearts: 0,
      num_likes: 0,
      num_subtasks: SEEDS.filter((t) => t.parent?.[0] === s.gid).length,
      actual_time_minutes: null,
      assignee: s.assignee ? userRef(s.assignee) : null,
      assignee_section: null,
      custom_fields:
        projectGid === ASANA_PROJECT_GID
          ? taskCustomFields(s.priority, s.priority === undefined ? null : 2 * (i + 1))
          : [],
      followers: [userRef('1200000000000011')],
      parent: s.parent
        ? { ...compact('task', s.parent[0], s.parent[1]), resource_subtype: 'default_task' }
        : null,
      projects: [project],
      tags: (s.tags ?? []).map(([gid, name]) => compact('tag', gid, name)),
      workspace: ACME,
      permalink_url: `${APP}/0/${projectGid}/${s.gid}`,
    };
  });
}

/** A comment story as Asana serves it; the emulator's writes make theirs with it too. */
export function commentStory(fields: {
  gid: string;
  task: ProviderObject;
  author: string;
  text: string;
  html_text: string;
  created_at: string;
  is_pinned?: boolean;
  source: string;
}): ProviderObject {
  return {
    gid: fields.gid,
    resource_type: 'story',
    created_at: fields.created_at,
    resource_subtype: 'comment_added',
    text: fields.text,
    html_text: fields.html_text,
    is_pinned: fields.is_pinned ?? false,
    created_by: userRef(fields.author),
    type: 'comment',
    is_editable: true,
    is_edited: false,
    hearted: false,
    hearts: [],
    num_hearts: 0,
    liked: false,
    likes: [],
    num_likes: 0,
    previews: [],
    source: fields.source,
    target: { ...fields.task, resource_subtype: 'default_task' },
    task_scope: fields.task.gid,
  };
}

const comment = (gid: string, task: [string, string], author: string, text: string, day: number) =>
  commentStory({
    gid,
    task: compact('task', task[0], task[1]),
    author,
    text,
    html_text: `<body>${text}</body>`,
    created_at: at(day, 11),
    source: 'web',
  });

const system = (gid: string, task: [string, string], text: string, day: number): ProviderObject => ({
  gid,
  resource_type: 'story',
  created_at: at(day, 10),
  resource_subtype: 'assigned',
  text,
  created_by: userRef('1200000000000011'),
  type: 'system',
  is_editable: false,
  is_edited: false,
  source: 'web',
  target: { ...compact('task', task[0], task[1]), resource_subtype: 'default_task' },
  task_scope: task[0],
});

const REFUND: [string, string] = ['1200000000001001', 'Refund for a double charge'];
const SSO: [string, string] = ['1200000000001002', 'Login fails with SSO'];

export const asanaStories = (): ProviderObject[] => [
  system('1200000000002001', REFUND, 'assigned to Grace Hopper', 3),
  comment('1200000000002002', REFUND, '1200000000000012', 'Asked billing to check both charges.', 4),
  comment('1200000000002003', REFUND, '1200000000000011', 'Both charges confirmed; refund the second.', 5),
  system('1200000000002004', REFUND, 'moved this task from "Triage" to "In progress"', 6),
  comment('1200000000002005', REFUND, '1200000000000012', 'Refund issued, waiting for the bank.', 7),
  comment('1200000000002006', SSO, '1200000000000013', 'Reproduced with a test Okta tenant.', 5),
];
