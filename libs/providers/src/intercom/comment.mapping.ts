import type { ResourceDefinition } from '../definition';
import { ACTOR, HTML_TO_TEXT, path, TIME } from './shared.mapping';

/** The part types that are messages; the rest (state changes, assignments, attribute updates) are the ticket's log. */
const MESSAGE_PARTS = `["comment", "note"]`;

/**
 * Intercom ticket part (a comment or a note) → unified comment. Parts do not name their ticket: REST
 * reads take it from the call's `ticket_id`, notifications from the ticket they came in (the event
 * mapping adds `ticket_id`). Notes are internal; comments are seen by the customer.
 */
export const intercomCommentRecord = `
(
  $time := ${TIME};
  $actor := ${ACTOR};
  $text := ${HTML_TO_TEXT};
  $ticket := ticket_id ? $string(ticket_id) : $request.query.ticket_id;
  {
    "id": $string(id),
    "author": $actor(author),
    "body": $text(body),
    "html_body": body,
    "ticket": $ticket ? { "id": $ticket },
    "is_internal": part_type = "note",
    "is_private": part_type = "note",
    "created_at": $time(created_at),
    "updated_at": $time(updated_at)
  }
)`;

/**
 * A contact author replies as the contact (`type: user`, comments only); anyone else as an admin: the
 * author's id, else the connection's `default_admin_id` (Intercom requires one). Internal or private
 * comments become notes.
 */
const REPLY_BODY = `(
  $content := body.html_body ? body.html_body : body.body;
  body.author.type = "contact"
    ? { "message_type": "comment", "type": "user", "intercom_user_id": body.author.id, "body": $content }
    : {
        "message_type": body.is_internal = true or body.is_private = true ? "note" : "comment",
        "type": "admin",
        "admin_id": body.author.id ? body.author.id : settings.default_admin_id,
        "body": $content
      }
)`;

const TICKET = path('tickets', 'query.ticket_id');

export const intercomComments: ResourceDefinition = {
  record: intercomCommentRecord,
  methods: {
    // The parts come with the ticket (up to 500, Intercom's limit), unpaged.
    list: {
      method: 'GET',
      path: TICKET,
      response: `ticket_parts.ticket_parts[part_type in ${MESSAGE_PARTS}]`,
      requiredQuery: ['ticket_id'],
      pagination: { strategy: 'none' },
    },
    get: {
      method: 'GET',
      path: TICKET,
      response: `(ticket_parts.ticket_parts[part_type in ${MESSAGE_PARTS} and $string(id) = $request.id])[0]`,
      requiredQuery: ['ticket_id'],
    },
    create: { method: 'POST', path: `${path('tickets', 'body.ticket.id')} & "/reply"`, body: REPLY_BODY },
  },
};
