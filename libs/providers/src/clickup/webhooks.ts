import type { WebhookDefinition } from '../definition';

/** Task events that change the task itself: the task is fetched whole. */
const TASK_UPDATES = [
  'taskUpdated',
  'taskStatusUpdated',
  'taskAssigneeUpdated',
  'taskDueDateUpdated',
  'taskTagUpdated',
  'taskMoved',
  'taskPriorityUpdated',
  'taskTimeEstimateUpdated',
  'taskTimeTrackedUpdated',
];
const COMMENT_EVENTS = ['taskCommentPosted', 'taskCommentUpdated'];
const HANDLED = JSON.stringify(['taskCreated', 'taskDeleted', ...TASK_UPDATES, ...COMMENT_EVENTS]);

/** The comment a comment event is about: its history item's `comment`, with the task it is on. */
const comment = `$merge([body.history_items[field = "comment"][0].comment, { "ticket_id": body.task_id }])`;

/**
 * ClickUp webhooks (POST /team/{team_id}/webhook, filtered by space, folder, list or task). Each is
 * signed with its own secret (returned when the webhook is created): `X-Signature` is the hex
 * HMAC-SHA256 of the raw body. The delivery id is the first history item's id (a retry repeats it; the
 * same change sent to two webhooks of the connection is one change); a deletion carries no history, so
 * the ingest hashes its body. Task events
 * carry the task id only: the task is fetched. Comment events carry the comment in their history item.
 * Events about lists, folders, spaces, goals and key results carry no ticket change.
 */
export const clickupWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'x-signature',
    encoding: 'hex',
    signedContent: [{ part: 'body' }],
  },
  deliveryId: 'body.history_items[0].id',
  ignore: `$not(body.event in ${HANDLED})`,
  events: [
    {
      description: 'taskCreated: fetched',
      match: `body.event = "taskCreated" and $exists(body.task_id)`,
      resource: 'tickets',
      action: '"created"',
      object: 'body',
      fetchId: 'body.task_id',
    },
    {
      description: `${TASK_UPDATES.join(', ')}: fetched`,
      match: `body.event in ${JSON.stringify(TASK_UPDATES)} and $exists(body.task_id)`,
      resource: 'tickets',
      action: '"updated"',
      object: 'body',
      fetchId: 'body.task_id',
    },
    {
      description: 'taskDeleted: the task id only',
      match: `body.event = "taskDeleted" and $exists(body.task_id)`,
      resource: 'tickets',
      action: '"deleted"',
      object: `{ "id": body.task_id }`,
    },
    {
      description: 'taskCommentPosted / taskCommentUpdated: the comment of the history item',
      match: `body.event in ${JSON.stringify(COMMENT_EVENTS)} and $exists(body.history_items[field = "comment"].comment)`,
      resource: 'comments',
      action: `body.event = "taskCommentPosted" ? "created" : "updated"`,
      object: comment,
    },
  ],
};
