/**
 * Zendesk ticket comment → unified comment. Three shapes: a REST comment with `author` (its sideloaded
 * user, attached by the list response), the `Comment` event of a write's audit (with the audit's
 * `ticket_id`), and the comment of a `ticket.comment_added` event (`is_public`, `author.is_staff`).
 * Zendesk's system user (id -1: triggers, automations) is the `system` actor.
 */
export const zendeskCommentRecord = `
(
  $authorId := $exists(author_id) ? author_id : author.id;
  $actorType := $string($authorId) = "-1" ? "system"
    : $exists(author.is_staff) ? (author.is_staff ? "user" : "contact")
    : author.role = "end-user" ? "contact"
    : "user";
  $public := $exists(public) ? public : is_public;
  $ticketId := $exists(ticket_id) ? ticket_id : $request.query.ticket_id;
  {
    "id": $string(id),
    "author": $exists($authorId) ? { "id": $string($authorId), "name": author.name, "type": $actorType },
    "body": $exists(plain_body) ? plain_body : body,
    "html_body": html_body,
    "ticket": $ticketId ? { "id": $string($ticketId) },
    "attachments": $exists(attachments) ? [attachments.{ "id": $string(id), "name": file_name }] : null,
    "is_internal": $exists($public) ? $public = false,
    "is_private": $exists($public) ? false,
    "channel": via.channel ? { "id": via.channel, "name": via.channel },
    "created_at": created_at
  }
)`;

/**
 * What polling compares of a comment: the `ticket.comment_added` event carries only the comment's id,
 * author, visibility and raw `body` (no `html_body`, channel, time or attachments, and `body` where the
 * list gives `plain_body`), so the poll compares what both shapes have and both agree on. Zendesk
 * comments are not edited; making one private changes `is_internal`, which is compared.
 */
export const zendeskCommentCompared = `
{ "id": id, "ticket": ticket.id, "author": author.id, "is_internal": is_internal }`;

/** Each listed comment gets its author from the `include=users` sideload (for the actor type and name). */
export const zendeskCommentListResponse = `
( $users := users; [comments.( $c := $; $merge([$c, { "author": $users[id = $c.author_id] }]) )] )`;

/**
 * Comments are created by updating the ticket with `ticket.comment` (Zendesk has no comment create
 * endpoint). The answer's audit holds the new comment as its `Comment` event; the audit's ticket id,
 * time and channel are added to it.
 */
export const zendeskCommentCreateBody = `
{
  "ticket": {
    "comment": $merge([
      $exists(body.body) and body.body != null ? { "body": body.body } : { "html_body": body.html_body },
      { "public": $not(body.is_internal = true or body.is_private = true) },
      $exists(body.author) and body.author != null ? { "author_id": body.author.id }
    ])
  }
}`;

export const zendeskCommentCreateResponse = `
(
  $comment := audit.events[type = "Comment"][0];
  $comment ? $merge([$comment, { "ticket_id": audit.ticket_id, "created_at": audit.created_at, "via": audit.via }])
)`;
