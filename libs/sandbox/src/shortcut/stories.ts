/**
 * Shortcut stories and their comments: the seeded ones, how a create or update is applied (as Shortcut
 * validates `CreateStoryParams` / `UpdateStory`), and how a story is served (labels and comments joined).
 */
import { ProviderValidationError, type EmulatorContext, type ProviderObject } from '../kit/described';
import { GROUP, MEMBER, PRIORITY_FIELD, SHORTCUT_APP, STATE, WORKFLOW_ID, label } from './seed';

const T0 = '2025-03-03T10:00:00Z';
const DONE_STATES = [STATE.done];
const STARTED_STATES = [STATE.doing];

/** A stored story: every field the description requires except the joined `labels` and `comments`. */
export function story(id: number, fields: ProviderObject, at = T0): ProviderObject {
  const base: ProviderObject = {
    app_url: `${SHORTCUT_APP}/story/${id}`,
    description: '',
    archived: false,
    started: false,
    story_links: [],
    entity_type: 'story',
    mention_ids: [],
    member_mention_ids: [],
    story_type: 'feature',
    custom_fields: [],
    linked_files: [],
    workflow_id: WORKFLOW_ID,
    completed_at_override: null,
    started_at: null,
    completed_at: null,
    name: '',
    global_id: `v2:s:${id}`,
    completed: false,
    blocker: false,
    branches: [],
    epic_id: null,
    story_template_id: null,
    external_links: [],
    previous_iteration_ids: [],
    requested_by_id: MEMBER.amara,
    iteration_id: null,
    tasks: [],
    label_ids: [],
    started_at_override: null,
    group_id: null,
    workflow_state_id: STATE.todo,
    pull_requests: [],
    group_mention_ids: [],
    follower_ids: [],
    owner_ids: [],
    external_id: null,
    parent_story_id: null,
    id,
    estimate: null,
    commits: [],
    files: [],
    position: id * 1000,
    blocked: false,
    project_id: null,
    deadline: null,
    stats: { num_related_documents: 0 },
    created_at: at,
    updated_at: at,
    moved_at: null,
  };
  return withStateFlags({ ...base, ...fields }, String(fields.updated_at ?? at));
}

/** `started`/`completed` and their times follow the workflow state's type, as Shortcut keeps them. */
function withStateFlags(s: ProviderObject, now: string): ProviderObject {
  const stateId = Number(s.workflow_state_id);
  const completed = DONE_STATES.includes(stateId);
  const started = completed || STARTED_STATES.includes(stateId);
  return {
    ...s,
    started,
    completed,
    started_at: started ? (s.started_at ?? now) : null,
    completed_at: completed ? (s.completed_at ?? now) : null,
  };
}

export const shortcutStories = (): ProviderObject[] => [
  story(101, {
    name: 'Invoice PDF shows the wrong VAT rate',
    description: 'Customers in Portugal see 21% instead of 23%.',
    story_type: 'bug',
    owner_ids: [MEMBER.liu],
    group_id: GROUP.support,
    label_ids: [3001, 3002],
    epic_id: 2001,
    iteration_id: 4001,
    workflow_state_id: STATE.doing,
    custom_fields: [
      { field_id: PRIORITY_FIELD, value_id: '65b1d2e3-0a1b-4c2d-8e3f-4a5b6c7d8e12', value: 'High' },
    ],
    deadline: '2025-03-20T00:00:00Z',
  }),
  story(102, { name: 'Plan change from the billing page', epic_id: 2001, label_ids: [3002] }),
  story(103, {
    name: 'Locked out after password reset',
    story_type: 'bug',
    owner_ids: [MEMBER.amara, MEMBER.sofia],
    epic_id: 2002,
    label_ids: [3001, 3003],
    workflow_state_id: STATE.done,
  }),
  story(104, { name: 'Clearer error on expired magic link', epic_id: 2002, group_id: GROUP.platform }),
  story(105, {
    name: 'Rotate the staging certificates',
    story_type: 'chore',
    workflow_state_id: STATE.backlog,
  }),
  story(106, { name: 'Export tickets to CSV', requested_by_id: MEMBER.sofia }),
  story(107, { name: 'Old onboarding checklist', archived: true }),
];

export const comment = (
  id: number,
  storyId: number,
  author: string,
  text: string,
  at = T0,
): ProviderObject => ({
  app_url: `${SHORTCUT_APP}/story/${storyId}#activity-${id}`,
  entity_type: 'story-comment',
  deleted: false,
  story_id: storyId,
  mention_ids: [],
  author_id: author,
  member_mention_ids: [],
  linked_to_slack: false,
  group_mention_ids: [],
  external_id: null,
  parent_id: null,
  id,
  position: id,
  reactions: [],
  created_at: at,
  updated_at: at,
  text,
});

export const shortcutComments = (): ProviderObject[] => [
  comment(1101, 101, MEMBER.amara, 'Reported by three customers this week.'),
  comment(1102, 101, MEMBER.liu, 'The rate table was cached before the January change.'),
  comment(1103, 101, MEMBER.liu, 'Fix is on staging.'),
  comment(1301, 103, MEMBER.sofia, 'Deployed.'),
];

/** The story as Shortcut serves it: labels (LabelSlim) and live comments joined. */
export function renderStory(s: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const labels = (s.label_ids as number[])
    .map((id) => ctx.find('labels', (l) => l.id === id))
    .filter((l): l is ProviderObject => l !== undefined)
    .map(({ stats: _stats, ...slim }) => slim);
  const comments = ctx.records('comments').filter((c) => c.story_id === s.id);
  return { ...s, labels, comments };
}

const WRITABLE = [
  'name',
  'description',
  'archived',
  'story_type',
  'owner_ids',
  'requested_by_id',
  'group_id',
  'deadline',
  'workflow_state_id',
  'epic_id',
  'iteration_id',
  'parent_story_id',
  'labels',
  'estimate',
  'follower_ids',
  'external_id',
  'project_id',
  'custom_fields',
];

function refuse(field: string, problem: string): never {
  throw new ProviderValidationError(`${field}: ${problem}`, { [field]: [problem] });
}

/** Applies story parameters: unknown keys and bad values are refused as Shortcut's schema does. */
function applyStory(target: ProviderObject, input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const out = { ...target };
  for (const [key, value] of Object.entries(input)) {
    if (!WRITABLE.includes(key)) refuse(key, 'disallowed-key');
    if (key === 'labels') {
      if (!Array.isArray(value)) refuse('labels', 'not-sequential');
      out.label_ids = (value as ProviderObject[]).map((l) => labelByName(String(l.name), ctx));
    } else if (key === 'workflow_state_id') {
      const known = ctx
        .records('workflows')
        .some((w) => (w.states as ProviderObject[]).some((s) => s.id === value));
      if (!known)
        throw new ProviderValidationError('Unprocessable entity', { workflow_state_id: ['not-found'] });
      out.workflow_state_id = value;
    } else if (key === 'story_type' && !['feature', 'bug', 'chore'].includes(String(value))) {
      refuse('story_type', '(not (#{"feature" "bug" "chore"} ...))');
    } else if (key === 'owner_ids' || key === 'follower_ids') {
      if (!Array.isArray(value) || value.some((id) => !ctx.find('members', (m) => m.id === id)))
        refuse(key, 'not-found');
      out[key] = value;
    } else out[key] = value;
  }
  if (typeof out.name !== 'string' || out.name.trim() === '') refuse('name', 'missing-required-key');
  return out;
}

/** Shortcut creates a label named in `labels` that does not exist yet. */
function labelByName(name: string, ctx: EmulatorContext): number {
  const found = ctx.find('labels', (l) => l.name === name);
  if (found) return Number(found.id);
  const id = ctx.nextId('labels');
  ctx.records('labels').push(label(id, name, null, ctx.now()));
  return id;
}

export function createStory(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const now = stamp(ctx.now());
  const id = ctx.nextId('stories');
  const fresh = story(
    id,
    { workflow_state_id: defaultState(input, ctx), created_at: now, updated_at: now },
    now,
  );
  return withStateFlags(applyStory(fresh, input, ctx), now);
}

export function updateStory(s: ProviderObject, input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const now = stamp(ctx.now());
  const moved = input.workflow_state_id !== undefined && input.workflow_state_id !== s.workflow_state_id;
  const updated = applyStory({ ...s, updated_at: now }, input, ctx);
  return withStateFlags(moved ? { ...updated, moved_at: now } : updated, now);
}

/** Without a state, a new story starts in its group's default workflow's default state. */
function defaultState(input: ProviderObject, ctx: EmulatorContext): number {
  const groupWorkflow = input.group_id
    ? ctx.find('groups', (g) => g.id === input.group_id)?.default_workflow_id
    : undefined;
  const workflow = ctx.find('workflows', (w) => w.id === groupWorkflow) ?? ctx.records('workflows')[0];
  return Number(workflow.default_state_id);
}

export function createComment(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const storyId = Number(ctx.params.story);
  if (!ctx.find('stories', (s) => s.id === storyId)) throw notFound();
  if (typeof input.text !== 'string' || input.text === '') refuse('text', 'missing-required-key');
  const author = typeof input.author_id === 'string' ? input.author_id : MEMBER.amara;
  return comment(ctx.nextId('comments'), storyId, author, input.text, stamp(ctx.now()));
}

export function updateComment(
  c: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  if (typeof input.text !== 'string' || input.text === '') refuse('text', 'missing-required-key');
  return { ...c, text: input.text, updated_at: stamp(ctx.now()) };
}

const notFound = () => Object.assign(new Error('Resource not found.'), { statusCode: 404 });

/** Shortcut times are whole seconds in UTC. */
export const stamp = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');
