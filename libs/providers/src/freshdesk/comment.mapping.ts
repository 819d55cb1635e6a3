import type { ResourceDefinition } from '../definition';
import { ID, NUMERIC } from './shared.mapping';

/**
 * Freshdesk conversation (reply, note, incoming e-mail) → unified comment. `incoming` marks what came
 * from outside the helpdesk (the requester's replies): its author is a contact, every other author an
 * agent. Private notes are internal. The answers of the reply and notes actions are shorter than a
 * listed conversation (a reply carries no `private`), so absent flags read as public.
 */
export const freshdeskCommentRecord = `
(
  $ticket := $exists(ticket_id) ? ticket_id : $request.query.ticket_id;
  $source := $exists(source) ? $string(source);
  {
    "id": $string(id),
    "author": user_id ? { "id": $string(user_id), "type": incoming = true ? "contact" : "user" },
    "body": body_text,
    "html_body": body,
    "ticket": $ticket ? { "id": $string($ticket) },
    "attachments": $exists(attachments) ? [attachments.{ "id": $string(id), "name": name }],
    "is_internal": private = true,
    "is_private": private = true,
    "channel": $source ? { "id": $source, "name": $lookup({ "0": "reply", "2": "note" }, $source) },
    "created_at": created_at,
    "updated_at": updated_at
  }
)`;

const internal = `(body.is_internal = true or body.is_private = true)`;

export const freshdeskComments: ResourceDefinition = {
  record: freshdeskCommentRecord,
  methods: {
    list: {
      method: 'GET',
      path: `"/api/v2/tickets/" & $encodeUrlComponent(query.ticket_id) & "/conversations"`,
      requiredQuery: ['ticket_id'],
    },
    // An internal comment is a private note; a public one is a reply, which Freshdesk e-mails to the requester.
    create: {
      method: 'POST',
      path: `"/api/v2/tickets/" & $encodeUrlComponent(body.ticket.id) & (${internal} ? "/notes" : "/reply")`,
      body: `(
        $num := ${NUMERIC};
        $merge([
          { "body": body.html_body ? body.html_body : body.body },
          ${internal} ? { "private": true },
          body.author ? { "user_id": $num(body.author.id) }
        ])
      )`,
    },
    // Freshdesk edits notes only; editing a reply is refused with a 400.
    update: {
      method: 'PUT',
      path: `"/api/v2/conversations/" & ${ID}`,
      body: `{ "body": body.html_body ? body.html_body : body.body }`,
    },
    delete: { method: 'DELETE', path: `"/api/v2/conversations/" & ${ID}` },
  },
};
