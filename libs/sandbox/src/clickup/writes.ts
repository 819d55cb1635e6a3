/**
 * Writes as ClickUp validates them: tasks (a name; a status of the list, any case; priority 1–4;
 * members of the Workspace as assignees, added and removed by difference on an edit), comments,
 * folders and user groups. ClickUp ignores attributes it does not know.
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { invalid } from './errors';
import { CLICKUP_TEAM_ID, CLICKUP_TOKEN_USER_ID, clickupUser } from './seed';
import { clickupTask, priorityOf, statusOf, tagOnTask } from './seed-tasks';

const now = (ctx: EmulatorContext) => String(Date.parse(ctx.now()));

function member(id: unknown): ProviderObject {
  const user = typeof id === 'number' ? clickupUser(id) : undefined;
  if (!user) invalid('Assignees must be members of the Workspace', 'ASSIGN_023');
  return user;
}

function name(input: ProviderObject, what: string): string {
  if (typeof input.name !== 'string' || input.name.trim() === '')
    invalid(`${what} name invalid`, 'INPUT_005');
  return input.name;
}

/** The attributes both a create and an edit of a task take. */
function taskAttributes(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const out: ProviderObject = {};
  if (input.name !== undefined) out.name = name(input, 'Task');
  if (input.description !== undefined) {
    out.description = String(input.description ?? '');
    out.text_content = out.description;
  }
  if (input.status !== undefined) {
    const status = statusOf(String(input.status).toLowerCase());
    if (!status) invalid('Status does not exist', 'ITEM_172');
    out.status = status;
    const closed = status.type === 'closed' ? now(ctx) : null;
    Object.assign(out, { date_closed: closed, date_done: closed });
  }
  if (input.priority !== undefined) {
    if (input.priority !== null && ![1, 2, 3, 4].includes(Number(input.priority)))
      invalid('Priority invalid', 'INPUT_011');
    out.priority = priorityOf(input.priority === null ? null : Number(input.priority));
  }
  if (input.due_date !== undefined) {
    if (input.due_date !== null && !Number.isFinite(Number(input.due_date)))
      invalid('Due date invalid', 'INPUT_008');
    out.due_date = input.due_date === null ? null : String(input.due_date);
  }
  if (input.parent !== undefined) {
    if (input.parent !== null && !ctx.find('tasks', (t) => t.id === input.parent))
      invalid('Parent not found', 'ITEM_013');
    Object.assign(out, { parent: input.parent, top_level_parent: input.parent });
  }
  if (input.archived !== undefined) out.archived = input.archived === true;
  return out;
}

/** ClickUp task ids are short base-36 strings; the emulator's follow the seed's `86c0abc…`. */
function nextTaskId(ctx: EmulatorContext): string {
  for (let n = ctx.records('tasks').length + 1; ; n++) {
    const id = `86c1${n.toString(36).padStart(5, '0')}`;
    if (!ctx.find('tasks', (t) => t.id === id)) return id;
  }
}

export function createTask(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  name(input, 'Task');
  const stamp = now(ctx);
  const assignees = Array.isArray(input.assignees) ? input.assignees.map(member) : [];
  const tags = Array.isArray(input.tags) ? input.tags.map((t) => tagOnTask(String(t).toLowerCase())) : [];
  const task = clickupTask({
    id: nextTaskId(ctx),
    name: String(input.name),
    description: '',
    status: 'to do',
    created: stamp,
    updated: stamp,
    listId: ctx.params.list,
  });
  return { ...task, ...taskAttributes(input, ctx), assignees, tags };
}

export function updateTask(
  task: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  const out: ProviderObject = { ...task, ...taskAttributes(input, ctx), date_updated: now(ctx) };
  const change = input.assignees as { add?: unknown[]; rem?: unknown[] } | undefined;
  if (change !== undefined) {
    if (typeof change !== 'object' || change === null || Array.isArray(change))
      invalid('Assignees must be an object with add and rem', 'INPUT_005');
    const removed = (change.rem ?? []).map((id) => Number(id));
    const kept = (task.assignees as ProviderObject[]).filter((a) => !removed.includes(Number(a.id)));
    const added = (change.add ?? []).map(member).filter((a) => !kept.some((k) => k.id === a.id));
    out.assignees = [...kept, ...added];
  }
  return out;
}

export function createComment(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  if (typeof input.comment_text !== 'string' || input.comment_text === '')
    invalid('Comment text invalid', 'COMM_002');
  if (!ctx.find('tasks', (t) => t.id === ctx.params.task)) invalid('Task not found, deleted', 'ITEM_013');
  const text = input.comment_text;
  return {
    id: String(ctx.nextId('comments')),
    comment: [{ text }],
    comment_text: text,
    user: clickupUser(CLICKUP_TOKEN_USER_ID),
    resolved: false,
    assignee: null,
    assigned_by: null,
    reactions: [],
    date: now(ctx),
    reply_count: '0',
    task_scope: ctx.params.task,
  };
}

export function editComment(comment: ProviderObject, input: ProviderObject): ProviderObject {
  const text = input.comment_text;
  if (text !== undefined && (typeof text !== 'string' || text === ''))
    invalid('Comment text invalid', 'COMM_002');
  return {
    ...comment,
    ...(typeof text === 'string' ? { comment_text: text, comment: [{ text }] } : {}),
    ...(input.resolved !== undefined ? { resolved: input.resolved === true } : {}),
  };
}

export function createFolder(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  return {
    id: String(ctx.nextId('folders')),
    name: name(input, 'Folder'),
    orderindex: ctx.records('folders').length,
    override_statuses: false,
    hidden: false,
    space: { id: ctx.params.space, name: 'Support', access: true },
    task_count: '0',
    lists: [],
    space_scope: ctx.params.space,
  };
}

export const updateFolder = (folder: ProviderObject, input: ProviderObject) => ({
  ...folder,
  name: name(input, 'Folder'),
});

function initials(text: string): string {
  return text
    .split(/\s+/)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 2);
}

export function createGroup(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const groupName = name(input, 'Group');
  if (!Array.isArray(input.members)) invalid('Members invalid', 'GROUP_010');
  return {
    id: `2f0b6a52-1b6f-4e8c-9a1d-${String(ctx.records('groups').length + 1).padStart(12, '0')}`,
    team_id: CLICKUP_TEAM_ID,
    userid: CLICKUP_TOKEN_USER_ID,
    name: groupName,
    handle: typeof input.handle === 'string' ? input.handle : groupName.toLowerCase().replace(/\W+/g, ''),
    date_created: now(ctx),
    initials: initials(groupName),
    members: input.members.map(member),
    avatar: { attachment_id: null, color: null, source: null, icon: null },
  };
}

export function updateGroup(group: ProviderObject, input: ProviderObject): ProviderObject {
  const groupName = input.name === undefined ? String(group.name) : name(input, 'Group');
  return { ...group, name: groupName, initials: initials(groupName) };
}
