import type { ResourceDefinition } from '../definition';
import { ID, ISO } from './shared.mapping';

/**
 * ClickUp task comment → unified comment. Listed comments carry `comment_text`; a webhook's comment
 * (`history_items[].comment`) carries `text_content` and the task as `parent` (the delivery's
 * `task_id` is merged in as `ticket_id`); a create answers only `{id, hist_id, date}`. Comments are
 * seen by everyone with access to the task: none is internal or private.
 */
export const clickupCommentRecord = `
(
  $ticket := ticket_id ? ticket_id : $request.query.ticket_id;
  {
    "id": $string(id),
    "author": user ? { "id": $string(user.id), "name": user.username, "type": "user" },
    "body": $exists(comment_text) ? comment_text : text_content,
    "ticket": $ticket ? { "id": $string($ticket) },
    "is_internal": $exists(comment_text) ? false,
    "is_private": $exists(comment_text) ? false,
    "created_at": (${ISO})(date)
  }
)`;

const TASK_COMMENTS = `"/api/v2/task/" & $encodeUrlComponent(query.ticket_id) & "/comment"`;

export const clickupComments: ResourceDefinition = {
  record: clickupCommentRecord,
  methods: {
    // The 25 most recent comments (docs/providers/clickup.md: older ones need `start` + `start_id`).
    list: {
      method: 'GET',
      path: TASK_COMMENTS,
      response: 'comments',
      requiredQuery: ['ticket_id'],
      pagination: { strategy: 'none' },
    },
    // ClickUp reads comments per task only: one comment is found among its task's.
    get: {
      method: 'GET',
      path: TASK_COMMENTS,
      response: 'comments[id = $request.id]',
      requiredQuery: ['ticket_id'],
    },
    create: {
      method: 'POST',
      path: `"/api/v2/task/" & $encodeUrlComponent(body.ticket.id) & "/comment"`,
      body: `{ "comment_text": body.body, "notify_all": false }`,
    },
    // The edit answers `{}`: the comment is read back among its task's (`ticket_id` needed).
    update: {
      method: 'PUT',
      path: `"/api/v2/comment/" & ${ID}`,
      body: `{ "comment_text": body.body }`,
      response: `{ "id": $request.id }`,
      requiredQuery: ['ticket_id'],
      readBack: true,
    },
    delete: { method: 'DELETE', path: `"/api/v2/comment/" & ${ID}` },
  },
};
