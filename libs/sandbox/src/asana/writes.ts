/**
 * Writes as Asana validates them: tasks (a new one needs a workspace, project or parent; references
 * must name existing records), comment stories (text or `<body>` rich text; system stories cannot be
 * edited), tags. Every write stamps `modified_at`.
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { allowOnly, invalid } from './errors';
import { ASANA_TOKEN_USER_GID, compact } from './seed';
import { commentStory, taskCustomFields } from './seed-tasks';

const TASK_WRITABLE = [
  'name',
  'notes',
  'html_notes',
  'assignee',
  'completed',
  'due_on',
  'due_at',
  'start_on',
  'projects',
  'workspace',
  'parent',
  'tags',
  'custom_fields',
  'followers',
  'resource_subtype',
  'memberships',
];

/** A fresh gid: one more than the largest of the collection. */
const nextGid = (ctx: EmulatorContext, collection: string) => String(ctx.nextId(collection, 'gid'));

function reference(ctx: EmulatorContext, collection: string, field: string, gid: unknown): ProviderObject {
  const found = typeof gid === 'string' ? ctx.find(collection, (r) => r.gid === gid) : undefined;
  if (!found) invalid(`${field}: Not a recognized ID: ${String(gid)}`);
  const ref = compact(String(found.resource_type), String(found.gid), String(found.name));
  return found.resource_type === 'task' ? { ...ref, resource_subtype: found.resource_subtype } : ref;
}

function taskAttributes(input: ProviderObject, ctx: EmulatorContext, task: ProviderObject): ProviderObject {
  allowOnly(input, TASK_WRITABLE);
  const out: ProviderObject = {};
  for (const key of ['name', 'notes'] as const)
    if (input[key] !== undefined) {
      if (typeof input[key] !== 'string') invalid(`${key}: Value is not a string: ${String(input[key])}`);
      out[key] = input[key];
    }
  if (typeof out.notes === 'string') out.html_notes = `<body>${out.notes}</body>`;
  if (input.assignee !== undefined)
    out.assignee = input.assignee === null ? null : reference(ctx, 'users', 'assignee', input.assignee);
  if (input.completed !== undefined) {
    if (typeof input.completed !== 'boolean') invalid(`completed: Not a boolean: ${String(input.completed)}`);
    out.completed = input.completed;
    out.completed_at = input.completed ? (task.completed === true ? task.completed_at : ctx.now()) : null;
  }
  if (input.due_on !== undefined) {
    if (input.due_on !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(input.due_on)))
      invalid(`due_on: Invalid date: ${String(input.due_on)}`);
    Object.assign(out, { due_on: input.due_on, due_at: null });
  }
  if (input.due_at !== undefined) {
    if (input.due_at !== null && Number.isNaN(Date.parse(String(input.due_at))))
      invalid(`due_at: Invalid date-time: ${String(input.due_at)}`);
    const due = input.due_at === null ? null : new Date(String(input.due_at)).toISOString();
    Object.assign(out, { due_at: due, due_on: due === null ? null : due.slice(0, 10) });
  }
  if (input.parent !== undefined)
    out.parent = input.parent === null ? null : reference(ctx, 'tasks', 'parent', input.parent);
  return out;
}

export function createTask(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const gid = nextGid(ctx, 'tasks');
  const now = ctx.now();
  const attributes = taskAttributes(input, ctx, {});
  const projects = ((input.projects as unknown[] | undefined) ?? []).map((p) =>
    reference(ctx, 'projects', 'projects', p),
  );
  if (!projects.length && input.workspace === undefined && input.parent === undefined)
    invalid('workspace: Missing input');
  const firstSection = (project: ProviderObject) =>
    ctx.records('sections').find((s) => s.project_scope === project.gid);
  const tags = ((input.tags as unknown[] | undefined) ?? []).map((t) => reference(ctx, 'tags', 'tags', t));
  const inSupport = projects.some((p) => p.gid === '1200000000000101');
  return {
    gid,
    resource_type: 'task',
    name: '',
    resource_subtype: 'default_task',
    approval_status: 'pending',
    assignee_status: 'inbox',
    completed: false,
    completed_at: null,
    completed_by: null,
    created_at: now,
    created_by: { gid: ASANA_TOKEN_USER_GID, resource_type: 'user' },
    dependencies: [],
    dependents: [],
    due_at: null,
    due_on: null,
    start_at: null,
    start_on: null,
    external: null,
    notes: '',
    html_notes: '<body></body>',
    hearted: false,
    hearts: [],
    is_rendered_as_separator: false,
    liked: false,
    likes: [],
    // A new task lands in the first section of each of its projects.
    memberships: projects.map((project) => {
      const section = firstSection(project);
      return { project, section: section && compact('section', String(section.gid), String(section.name)) };
    }),
    modified_at: now,
    num_hearts: 0,
    num_likes: 0,
    num_subtasks: 0,
    actual_time_minutes: null,
    assignee: null,
    assignee_section: null,
    custom_fields: inSupport ? taskCustomFields(undefined, null) : [],
    followers: [compact('user', ASANA_TOKEN_USER_GID, 'Ada Lovelace')],
    parent: null,
    projects,
    tags,
    workspace: compact('workspace', '1200000000000001', 'Acme Corp'),
    permalink_url: `https://app.asana.com/0/${String(projects[0]?.gid ?? 0)}/${gid}`,
    ...attributes,
  };
}

export function updateTask(
  task: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  for (const key of ['projects', 'tags', 'memberships', 'workspace'])
    if (input[key] !== undefined) invalid(`${key}: Cannot write this property after creation`);
  return { ...task, ...taskAttributes(input, ctx, task), modified_at: ctx.now() };
}

/** Plain text of Asana rich text, which must be one `<body>` element. */
function storyText(input: ProviderObject): { text: string; html_text: string } {
  allowOnly(input, ['text', 'html_text', 'is_pinned', 'sticker_name']);
  if (typeof input.html_text === 'string') {
    const match = /^<body>([\s\S]*)<\/body>$/.exec(input.html_text.trim());
    if (!match) invalid('html_text: XML is invalid: the root element must be <body>');
    return { html_text: input.html_text, text: match[1].replace(/<[^>]*>/g, '') };
  }
  if (typeof input.text !== 'string' || input.text === '') invalid('text: Missing input');
  return { text: input.text, html_text: `<body>${input.text}</body>` };
}

export function createStory(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const taskGid = ctx.params.task;
  const task = ctx.find('tasks', (t) => t.gid === taskGid);
  if (!task) invalid(`task: Not a recognized ID: ${taskGid}`);
  return commentStory({
    gid: nextGid(ctx, 'stories'),
    task: compact('task', String(task.gid), String(task.name)),
    author: ASANA_TOKEN_USER_GID,
    ...storyText(input),
    created_at: ctx.now(),
    is_pinned: input.is_pinned === true,
    source: 'api',
  });
}

export function updateStory(story: ProviderObject, input: ProviderObject): ProviderObject {
  if (story.type !== 'comment') invalid('story: Only comments can be edited');
  return { ...story, ...storyText(input), is_edited: true };
}

const COLORS = [
  'dark-pink',
  'dark-green',
  'dark-blue',
  'dark-red',
  'dark-teal',
  'dark-brown',
  'dark-orange',
  'dark-purple',
  'dark-warm-gray',
  'light-pink',
  'light-green',
  'light-blue',
  'light-red',
  'light-teal',
  'light-brown',
  'light-orange',
  'light-purple',
  'light-warm-gray',
  'none',
];

function tagAttributes(input: ProviderObject): ProviderObject {
  const out: ProviderObject = {};
  if (input.name !== undefined) {
    if (typeof input.name !== 'string' || input.name === '') invalid('name: Missing input');
    out.name = input.name;
  }
  if (input.color !== undefined) {
    if (input.color !== null && !COLORS.includes(String(input.color)))
      invalid(`color: Not a valid enum value: ${String(input.color)}`);
    out.color = input.color;
  }
  if (input.notes !== undefined) out.notes = String(input.notes);
  return out;
}

export function createTag(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  allowOnly(input, ['name', 'color', 'notes', 'workspace', 'followers']);
  if (input.workspace === undefined) invalid('workspace: Missing input');
  const workspace = reference(ctx, 'workspaces', 'workspace', input.workspace);
  if (input.name === undefined) invalid('name: Missing input');
  return {
    gid: nextGid(ctx, 'tags'),
    resource_type: 'tag',
    name: '',
    color: null,
    notes: '',
    created_at: ctx.now(),
    followers: [],
    workspace,
    ...tagAttributes(input),
  };
}

export function updateTag(tag: ProviderObject, input: ProviderObject): ProviderObject {
  allowOnly(input, ['name', 'color', 'notes']);
  return { ...tag, ...tagAttributes(input) };
}
