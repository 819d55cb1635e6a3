/**
 * ClickUp webhook deliveries: `{"event", "history_items": […], "task_id", "webhook_id"}`, signed with
 * `X-Signature` = hex HMAC-SHA256 of the body with the webhook's secret. A history item's id is
 * unique across ClickUp (the receiver's delivery id with the webhook id).
 */
import { createHmac, randomInt } from 'node:crypto';
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { CLICKUP_TOKEN_USER_ID, clickupUser } from './seed';

export const CLICKUP_WEBHOOK_ID = '4b67ac88-e506-4a29-9d42-26e504e3435e';

let serial = 0;
/** Numeric ids like ClickUp's (`"2800763136717140857"`), never repeated across emulator instances. */
const historyId = () => `28${Date.now()}${String(randomInt(1000)).padStart(3, '0')}${++serial}`;

function historyItem(
  ctx: EmulatorContext,
  field: string,
  parentId: unknown,
  before: unknown,
  after: unknown,
) {
  return {
    id: historyId(),
    type: 1,
    date: String(Date.parse(ctx.now())),
    field,
    parent_id: parentId,
    data: {},
    source: null,
    user: clickupUser(CLICKUP_TOKEN_USER_ID),
    before,
    after,
  };
}

/** Which event an edit of a task is, by the first field it changed. */
const EVENT_OF_FIELD: Record<string, string> = {
  status: 'taskStatusUpdated',
  assignees: 'taskAssigneeUpdated',
  due_date: 'taskDueDateUpdated',
  priority: 'taskPriorityUpdated',
  tags: 'taskTagUpdated',
};

export function taskEvent(
  action: 'created' | 'updated' | 'deleted',
  task: ProviderObject,
  ctx: EmulatorContext,
  before?: ProviderObject,
) {
  const base = { task_id: task.id, webhook_id: CLICKUP_WEBHOOK_ID };
  if (action === 'deleted') return { event: 'taskDeleted', ...base };
  if (action === 'created')
    return {
      event: 'taskCreated',
      history_items: [historyItem(ctx, 'status', task.list_scope, null, task.status)],
      ...base,
    };
  const field =
    Object.keys(task).find(
      (k) => k !== 'date_updated' && JSON.stringify(task[k]) !== JSON.stringify(before?.[k]),
    ) ?? 'name';
  return {
    event: EVENT_OF_FIELD[field] ?? 'taskUpdated',
    history_items: [historyItem(ctx, field, task.list_scope, before?.[field] ?? null, task[field] ?? null)],
    ...base,
  };
}

export function commentEvent(
  action: 'created' | 'updated' | 'deleted',
  comment: ProviderObject,
  ctx: EmulatorContext,
) {
  if (action === 'deleted') return undefined; // ClickUp has no event for a deleted comment
  const item = historyItem(ctx, 'comment', comment.task_scope, null, comment.id);
  return {
    event: action === 'created' ? 'taskCommentPosted' : 'taskCommentUpdated',
    history_items: [
      {
        ...item,
        comment: {
          id: comment.id,
          date: comment.date,
          parent: comment.task_scope,
          type: 1,
          comment: comment.comment,
          text_content: comment.comment_text,
          x: null,
          attachments: [],
          user: comment.user,
          reactions: [],
          resolved: comment.resolved,
        },
      },
    ],
    task_id: comment.task_scope,
    webhook_id: CLICKUP_WEBHOOK_ID,
  };
}

export const signClickUp = (body: Buffer, secret: string) => ({
  'x-signature': createHmac('sha256', secret).update(body).digest('hex'),
});
