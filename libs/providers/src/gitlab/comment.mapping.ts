import type { ResourceDefinition } from '../definition';
import { ACTOR, GITLAB_TIME, PROJECT } from './shared.mapping';

/**
 * GitLab note on an issue → unified comment. REST notes carry `body`, `author` and `noteable_iid`; a Note
 * Hook's `object_attributes` carries `note` and `author_id`, and the event mapping adds the IID.
 * Internal notes (formerly "confidential") are internal and private.
 */
export const gitlabCommentRecord = `
(
  $time := ${GITLAB_TIME};
  $actor := ${ACTOR};
  $ticket := noteable_iid ? $string(noteable_iid) : $request.query.ticket_id;
  {
    "id": $string(id),
    "author": $actor(author, author_id),
    "body": $exists(body) ? body : note,
    "html_body": null,
    "ticket": $ticket ? { "id": $ticket },
    "is_internal": internal = true or confidential = true,
    "is_private": internal = true or confidential = true,
    "created_at": $time(created_at),
    "updated_at": $time(updated_at)
  }
)`;

const NOTES = `${PROJECT} & "/issues/" & $encodeUrlComponent(query.ticket_id) & "/notes"`;
const NOTE = `${NOTES} & "/" & $encodeUrlComponent(id)`;

export const gitlabComments: ResourceDefinition = {
  record: gitlabCommentRecord,
  methods: {
    list: {
      method: 'GET',
      path: NOTES,
      query: `{ "sort": "asc", "order_by": "created_at" }`,
      // System notes ("changed the description", "closed") are GitLab's activity log, not comments.
      response: `$[system != true]`,
      requiredQuery: ['ticket_id'],
    },
    get: { method: 'GET', path: NOTE, requiredQuery: ['ticket_id'], response: `system != true ? $` },
    create: {
      method: 'POST',
      path: `${PROJECT} & "/issues/" & $encodeUrlComponent(body.ticket.id) & "/notes"`,
      body: `{ "body": body.body ? body.body : body.html_body, "internal": body.is_internal = true }`,
    },
    update: { method: 'PUT', path: NOTE, body: `{ "body": body.body }`, requiredQuery: ['ticket_id'] },
    delete: { method: 'DELETE', path: NOTE, requiredQuery: ['ticket_id'] },
  },
};
