/**
 * Asana webhook deliveries: `{"events": [...]}`, each event compact (the resource's gid and type, its
 * parent, the user who acted), signed with `X-Hook-Signature` = hex HMAC-SHA256 of the body with the
 * secret exchanged in the `X-Hook-Secret` handshake.
 */
import { createHmac } from 'node:crypto';
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { ASANA_TOKEN_USER_GID } from './seed';

type Action = 'added' | 'changed' | 'removed' | 'deleted' | 'undeleted';
const ACTIONS = { created: 'added', updated: 'changed', deleted: 'deleted' } as const;

function event(
  ctx: EmulatorContext,
  action: Action,
  resource: ProviderObject,
  parent: ProviderObject | null,
  field?: string,
) {
  return {
    user: { gid: ASANA_TOKEN_USER_GID, resource_type: 'user' },
    created_at: ctx.now(),
    action,
    resource,
    parent,
    ...(field ? { change: { field, action: 'changed' } } : {}),
  };
}

/** The first field a write changed, as Asana names it in `change.field`. */
function changedField(record: ProviderObject, before?: ProviderObject): string | undefined {
  return Object.keys(record).find(
    (k) => k !== 'modified_at' && JSON.stringify(record[k]) !== JSON.stringify(before?.[k]),
  );
}

export function taskEvent(
  action: 'created' | 'updated' | 'deleted',
  task: ProviderObject,
  ctx: EmulatorContext,
  before?: ProviderObject,
) {
  const resource = { gid: task.gid, resource_type: 'task', resource_subtype: task.resource_subtype };
  const project = (task.projects as ProviderObject[] | undefined)?.[0];
  const parent = action === 'created' && project ? { gid: project.gid, resource_type: 'project' } : null;
  const field = action === 'updated' ? changedField(task, before) : undefined;
  return { events: [event(ctx, ACTIONS[action], resource, parent, field)] };
}

/** A task moved into a section: `added` with the section as parent. */
export function sectionEvent(task: ProviderObject, sectionGid: string, ctx: EmulatorContext) {
  const resource = { gid: task.gid, resource_type: 'task', resource_subtype: task.resource_subtype };
  return { events: [event(ctx, 'added', resource, { gid: sectionGid, resource_type: 'section' })] };
}

export function storyEvent(
  action: 'created' | 'updated' | 'deleted',
  story: ProviderObject,
  ctx: EmulatorContext,
) {
  const resource = { gid: story.gid, resource_type: 'story', resource_subtype: story.resource_subtype };
  const parent = { gid: String(story.task_scope), resource_type: 'task' };
  return { events: [event(ctx, ACTIONS[action], resource, parent)] };
}

export const signAsana = (body: Buffer, secret: string) => ({
  'x-hook-signature': createHmac('sha256', secret).update(body).digest('hex'),
});
