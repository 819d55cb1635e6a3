/**
 * Ticket tasks as Freshservice validates writes: a title on create, a status among 1 Open, 2 In Progress
 * and 3 Completed (completing stamps `closed_at`), an existing agent and group; other attributes refused.
 */
import { allowOnly, invalid, oneOf, optionalId, requireString, stamp } from '../freshdesk/errors';
import type { EmulatorContext, ProviderObject } from '../kit/described';

const WRITABLE = ['title', 'description', 'status', 'due_date', 'notify_before', 'agent_id', 'group_id'];

export function taskWrite(
  input: ProviderObject,
  ctx: EmulatorContext,
  before?: ProviderObject,
): ProviderObject {
  if (!ctx.find('tickets', (t) => String(t.id) === ctx.params.ticket && t.deleted !== true))
    throw Object.assign(new Error('ticket not found'), { statusCode: 404 });
  allowOnly(input, WRITABLE);
  if (!before || input.title !== undefined) requireString(input, 'title');
  if (input.status !== undefined) oneOf('status', input.status, [1, 2, 3]);
  for (const [field, collection] of [
    ['agent_id', 'agents'],
    ['group_id', 'groups'],
  ] as const) {
    const id = optionalId(input, field);
    if (id && !ctx.find(collection, (r) => r.id === id)) invalid(field, `There is no ${field} ${id}`);
  }
  const now = stamp(ctx.now());
  const status = (input.status as number | undefined) ?? (before?.status as number | undefined) ?? 1;
  const closed = status === 3 ? ((before?.closed_at as string | null) ?? now) : null;
  if (before) return { ...before, ...input, status, closed_at: closed, updated_at: now };
  return {
    agent_id: null,
    group_id: null,
    description: '',
    due_date: stamp(new Date(Date.parse(now) + 86_400_000).toISOString()),
    notify_before: 0,
    ...input,
    id: ctx.nextId('tasks'),
    status,
    created_at: now,
    updated_at: now,
    closed_at: closed,
    workspace_id: 2,
  };
}
