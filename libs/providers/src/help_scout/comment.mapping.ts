import type { ResourceDefinition } from '../definition';
import { CREATED_ID, PLAIN } from './shared.mapping';

/**
 * Help Scout thread → unified comment. Customer threads are the contact's messages; replies
 * (`message`), chats and phone notes are agents'; `note` threads are internal. Line items (status,
 * assignment and move records) are not comments and are left out. A thread names its conversation only
 * through the request (or, in a webhook, the conversation around it, kept as `conversationId`).
 */
export const helpScoutCommentRecord = `
(
  $plain := ${PLAIN};
  $ticket := conversationId ? conversationId : $request.query.ticket_id;
  {
    "id": $string(id),
    "author": createdBy ? {
      "id": $string(createdBy.id),
      "name": $trim($join([createdBy.first, createdBy.last], " ")),
      "type": createdBy.type = "customer" ? "contact" : "user"
    },
    "body": $plain(body),
    "html_body": body,
    "ticket": $ticket ? { "id": $string($ticket) },
    "attachments": [_embedded.attachments.{ "id": $string(id), "name": filename }],
    "is_internal": $exists(type) ? type = "note",
    "is_private": $exists(type) ? type = "note",
    "channel": type ? { "id": type, "name": type },
    "created_at": createdAt
  }
)`;

const internal = `(body.is_internal = true or body.is_private = true)`;
const CONVERSATION = `"/v2/conversations/" & $encodeUrlComponent(body.ticket.id)`;

export const helpScoutComments: ResourceDefinition = {
  record: helpScoutCommentRecord,
  methods: {
    list: {
      method: 'GET',
      path: `"/v2/conversations/" & $encodeUrlComponent(query.ticket_id) & "/threads"`,
      response: '_embedded.threads[type != "lineitem"]',
      requiredQuery: ['ticket_id'],
    },
    /**
     * An internal comment is a note; a public one a reply, e-mailed to the conversation's customer
     * (Help Scout wants that customer named: the contact author, else the conversation's contact).
     * Help Scout answers with the new thread's id only, and has no endpoint to read one thread.
     */
    create: {
      method: 'POST',
      path: `${CONVERSATION} & (${internal} ? "/notes" : "/reply")`,
      body: `(
        $text := body.html_body ? body.html_body : body.body;
        $user := body.author and body.author.type = "user" ? { "user": $number(body.author.id) };
        ${internal}
          ? $merge([{ "text": $text }, $user])
          : $merge([
              { "text": $text, "customer": { "id": $number(body.receiver ? body.receiver.id : body.author.id) } },
              $user
            ])
      )`,
      response: CREATED_ID,
    },
  },
};
