import type { ResourceDefinition } from '../definition';
import { encode, FRONT_TIME, LINKED_ID, TEAMMATE_ACTOR } from './shared.mapping';

/**
 * A conversation's timeline → unified comments: its MESSAGES (`msg_…`: e-mails, chats… exchanged with
 * contacts, public) and its COMMENTS (`com_…`: teammates' internal notes, private). Both keep Front's
 * id; the prefix tells them apart, and `get` reads each from its own endpoint.
 *
 * Front lists them on two endpoints (messages paged, comments not). The conversation's EVENTS
 * (`GET /conversations/{id}/events`) hold both in one paged, ordered timeline, each event carrying the
 * message or comment itself as `target.data`: the list walks that, newest first, and keeps the events
 * that add a message or a comment (a `mention` repeats its comment; the rest is about the conversation).
 */
export const FRONT_TIMELINE_EVENTS = ['comment', 'inbound', 'outbound', 'out_reply', 'forward'];
const TIMELINE = JSON.stringify(FRONT_TIMELINE_EVENTS);

/**
 * A message (REST, or an event's `target.data`) or a comment → unified comment. A message's author is
 * the teammate who sent it, else (inbound) the contact behind its `from` recipient; its receiver is
 * the contact it was sent `to`. Messages carry HTML (`body`) and text (`text`); comments Markdown text.
 */
export const frontCommentRecord = `
(
  $time := ${FRONT_TIME};
  $linked := ${LINKED_ID};
  $actor := ${TEAMMATE_ACTOR};
  $isMessage := $exists(is_inbound) or $substringBefore(id, "_") = "msg";
  $contact := function($r) {(
    $id := $linked($r._links.related.contact, "contacts");
    $id ? { "id": $id, "name": $r.name ? $r.name : $r.handle, "type": "contact" }
  )};
  $linkedTicket := $linked(_links.related.conversation, "conversations");
  $ticket := $linkedTicket ? $linkedTicket : (conversation_id ? conversation_id : $request.query.ticket_id);
  {
    "id": id,
    "author": author.id ? $actor(author) : ($isMessage ? $contact(recipients[role = "from"][0])),
    "receiver": $isMessage and is_inbound = false ? $contact(recipients[role = "to"][0]),
    "body": $isMessage ? text : body,
    "html_body": $isMessage ? body,
    "ticket": $ticket ? { "id": $ticket },
    "attachments": [attachments.{ "id": id, "name": filename }],
    "is_internal": $not($isMessage),
    "is_private": $not($isMessage),
    "channel": $isMessage and type ? { "id": type, "name": type },
    "created_at": $time($isMessage ? created_at : posted_at)
  }
)`;

const COMMENT = `"/comments/" & ${encode('id')}`;

export const frontComments: ResourceDefinition = {
  record: frontCommentRecord,
  methods: {
    list: {
      method: 'GET',
      path: `"/conversations/" & ${encode('query.ticket_id')} & "/events"`,
      response: `[_results[type in ${TIMELINE} and target._meta.type in ["comment", "message"]].target.data]`,
      requiredQuery: ['ticket_id'],
    },
    get: {
      method: 'GET',
      path: `($substringBefore(id, "_") = "msg" ? "/messages/" : "/comments/") & ${encode('id')}`,
    },
    // Only internal comments: Front's API sends a reply asynchronously (202, no message to return).
    create: {
      method: 'POST',
      path: `"/conversations/" & ${encode('body.ticket.id')} & "/comments"`,
      body: `{
        "body": body.body ? body.body : body.html_body,
        "author_id": body.author.type = "user" ? body.author.id
      }`,
    },
    // Comments only (and only those the same token wrote): messages cannot be edited.
    update: { method: 'PATCH', path: `${COMMENT} & "/"`, body: `{ "body": body.body }` },
  },
};
