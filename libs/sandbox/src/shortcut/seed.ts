/**
 * The seeded Shortcut workspace ("acme"), shaped after the objects of Shortcut's REST v3 description
 * (Member, Group, Label, Workflow, Epic, Iteration, CustomField, Story, StoryComment): every field the
 * description requires is present. Stories store `label_ids`; the emulator joins labels and comments
 * into the story it serves.
 */
import type { ProviderObject } from '../kit/described';

export const SHORTCUT_SEED_TOKEN = 'sc-sandbox-token-3f1c2a9e-5d7b-4e21-9a10-6b8f0c4d2e71';
export const SHORTCUT_APP = 'https://app.shortcut.com/acme';
const T0 = '2025-03-01T09:00:00Z';

export const MEMBER = {
  amara: '63f2a1b0-0c1d-4a5e-9b6f-1a2b3c4d5e01',
  liu: '63f2a1b0-0c1d-4a5e-9b6f-1a2b3c4d5e02',
  sofia: '63f2a1b0-0c1d-4a5e-9b6f-1a2b3c4d5e03',
  former: '63f2a1b0-0c1d-4a5e-9b6f-1a2b3c4d5e04',
};
export const GROUP = {
  support: '64a0c3d2-7e8f-4a1b-8c2d-3e4f5a6b7c01',
  platform: '64a0c3d2-7e8f-4a1b-8c2d-3e4f5a6b7c02',
};
export const WORKFLOW_ID = 500000001;
export const STATE = { backlog: 500000010, todo: 500000011, doing: 500000012, done: 500000013 };

const member = (id: string, name: string, mention: string, groups: string[], disabled = false) => ({
  id,
  role: disabled ? 'member' : mention === 'amara' ? 'admin' : 'member',
  entity_type: 'member',
  disabled,
  global_id: `v2:m:${id}`,
  state: disabled ? 'disabled' : 'full',
  created_without_invite: false,
  group_ids: groups,
  profile: {
    entity_type: 'profile',
    id,
    deactivated: disabled,
    mention_name: mention,
    name,
    gravatar_hash: null,
    display_icon: null,
    is_owner: mention === 'amara',
    email_address: `${mention}@acme.example`,
  },
  created_at: T0,
  updated_at: T0,
});

export const shortcutMembers = (): ProviderObject[] => [
  member(MEMBER.amara, 'Amara Okafor', 'amara', [GROUP.support]),
  member(MEMBER.liu, 'Liu Wei', 'liu', [GROUP.support, GROUP.platform]),
  member(MEMBER.sofia, 'Sofia Ramos', 'sofia', [GROUP.platform]),
  member(MEMBER.former, 'Former Engineer', 'former', [], true),
];

export const group = (id: string, name: string, mention: string, memberIds: string[]): ProviderObject => ({
  app_url: `${SHORTCUT_APP}/settings/team/${mention}`,
  description: `${name} engineers`,
  archived: false,
  entity_type: 'group',
  color: '#6515dd',
  num_stories_started: 0,
  mention_name: mention,
  name,
  global_id: `v2:g:${id}`,
  color_key: 'purple',
  num_stories: 0,
  num_epics_started: 0,
  num_stories_backlog: 0,
  id,
  display_icon: null,
  default_workflow_id: WORKFLOW_ID,
  member_ids: memberIds,
  workflow_ids: [WORKFLOW_ID],
  created_at: T0,
  updated_at: T0,
});

export const shortcutGroups = (): ProviderObject[] => [
  group(GROUP.support, 'Support', 'support', [MEMBER.amara, MEMBER.liu]),
  group(GROUP.platform, 'Platform', 'platform', [MEMBER.liu, MEMBER.sofia]),
];

const state = (id: number, name: string, type: string, position: number) => ({
  description: '',
  entity_type: 'workflow-state',
  color: '#e0e0e0',
  verb: null,
  name,
  global_id: `v2:ws:${id}`,
  num_stories: 0,
  type,
  id,
  num_story_templates: 0,
  position,
  created_at: T0,
  updated_at: T0,
});

export const shortcutWorkflows = (): ProviderObject[] => [
  {
    description: 'The default workflow',
    entity_type: 'workflow',
    project_ids: [],
    states: [
      state(STATE.backlog, 'Backlog', 'backlog', 1),
      state(STATE.todo, 'To Do', 'unstarted', 2),
      state(STATE.doing, 'In Progress', 'started', 3),
      state(STATE.done, 'Done', 'done', 4),
    ],
    name: 'Engineering',
    auto_assign_owner: false,
    id: WORKFLOW_ID,
    team_id: 1,
    default_state_id: STATE.todo,
    created_at: T0,
    updated_at: T0,
  },
];

export const label = (id: number, name: string, color: string | null, at = T0): ProviderObject => ({
  app_url: `${SHORTCUT_APP}/label/${id}`,
  description: null,
  archived: false,
  entity_type: 'label',
  color,
  name,
  global_id: `v2:l:${id}`,
  external_id: null,
  id,
  created_at: at,
  updated_at: at,
});

export const shortcutLabels = (): ProviderObject[] => [
  label(3001, 'customer-reported', '#e44b23'),
  label(3002, 'billing', '#2f80ed'),
  label(3003, 'regression', null),
];

/** Story and point counts an iteration reports (all zero in the seed: the emulator does not compute them). */
const iterationStats = () =>
  Object.fromEntries(
    [
      'num_points_done',
      'num_related_documents',
      'num_stories_unstarted',
      'num_points_started',
      'num_points_unstarted',
      'num_stories_started',
      'num_stories_unestimated',
      'num_stories_backlog',
      'num_points_backlog',
      'num_points',
      'num_stories_done',
    ].map((count) => [count, 0]),
  );

/** An epic reports the same counts, its total and when a story of it last changed. */
const epicStats = () => ({ ...iterationStats(), num_stories_total: 0, last_story_update: null });

export const epic = (id: number, name: string, description: string, at = T0): ProviderObject => ({
  app_url: `${SHORTCUT_APP}/epic/${id}`,
  description,
  archived: false,
  started: false,
  entity_type: 'epic',
  labels: [],
  mention_ids: [],
  member_mention_ids: [],
  associated_groups: [],
  project_ids: [],
  stories_without_projects: 0,
  completed_at_override: null,
  productboard_plugin_id: null,
  started_at: null,
  completed_at: null,
  objective_ids: [],
  name,
  global_id: `v2:e:${id}`,
  completed: false,
  productboard_url: null,
  planned_start_date: null,
  state: 'to do',
  milestone_id: null,
  requested_by_id: MEMBER.amara,
  epic_state_id: 500000101,
  label_ids: [],
  started_at_override: null,
  group_id: null,
  group_mention_ids: [],
  productboard_id: null,
  follower_ids: [],
  group_ids: [],
  owner_ids: [],
  external_id: null,
  id,
  position: id,
  productboard_name: null,
  deadline: null,
  stats: epicStats(),
  created_at: at,
  updated_at: at,
});

export const shortcutEpics = (): ProviderObject[] => [
  epic(2001, 'Self-serve billing', 'Customers change plans without a support ticket'),
  epic(2002, 'Login reliability', 'Fewer lock-outs and clearer errors'),
];

export const shortcutIterations = (): ProviderObject[] => [
  {
    app_url: `${SHORTCUT_APP}/iteration/4001`,
    description: '',
    entity_type: 'iteration',
    labels: [],
    mention_ids: [],
    member_mention_ids: [],
    associated_groups: [],
    name: 'Sprint 12',
    global_id: 'v2:i:4001',
    label_ids: [],
    group_mention_ids: [],
    end_date: '2025-03-14',
    follower_ids: [],
    group_ids: [GROUP.support],
    start_date: '2025-03-03',
    status: 'started',
    id: 4001,
    stats: iterationStats(),
    created_at: T0,
    updated_at: T0,
  },
];

export const PRIORITY_FIELD = '65b1d2e3-0a1b-4c2d-8e3f-4a5b6c7d8e01';
const enumValue = (id: string, value: string, position: number) => ({
  id,
  value,
  position,
  color_key: 'red',
  entity_type: 'custom-field-enum-value',
  enabled: true,
});

export const shortcutCustomFields = (): ProviderObject[] => [
  {
    description: 'The priority of the story',
    icon_set_identifier: 'priority',
    entity_type: 'custom-field',
    story_types: [],
    name: 'Priority',
    fixed_position: true,
    id: PRIORITY_FIELD,
    values: [
      enumValue('65b1d2e3-0a1b-4c2d-8e3f-4a5b6c7d8e11', 'Highest', 0),
      enumValue('65b1d2e3-0a1b-4c2d-8e3f-4a5b6c7d8e12', 'High', 1),
      enumValue('65b1d2e3-0a1b-4c2d-8e3f-4a5b6c7d8e13', 'Medium', 2),
      enumValue('65b1d2e3-0a1b-4c2d-8e3f-4a5b6c7d8e14', 'Low', 3),
    ],
    field_type: 'enum',
    position: 0,
    canonical_name: 'priority',
    enabled: true,
    created_at: T0,
    updated_at: T0,
  },
];
