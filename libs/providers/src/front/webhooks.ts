import type { WebhookDefinition } from '../definition';
import { FRONT_TIMELINE_EVENTS } from './comment.mapping';

const TIMELINE = JSON.stringify(FRONT_TIMELINE_EVENTS);
/** Events about the conversation itself (its assignee, status, tags, inbox, links, fields). */
const CONVERSATION_EVENTS = JSON.stringify([
  'assign',
  'unassign',
  'archive',
  'reopen',
  'trash',
  'restore',
  'move',
  'tag',
  'untag',
  'reminder',
  'ticket_status_update',
  'custom_field_updated',
  'link_added',
  'link_removed',
]);
const ADDS_TO_TIMELINE = `body.type in ${TIMELINE} and body.target._meta.type in ["comment", "message"]`;
/**
 * Front records no "conversation created" event. A conversation begins with its first message or
 * comment, whose event Front emits as it creates the conversation: an event that adds to a conversation
 * created less than this long before it is taken as the conversation's creation too.
 */
const NEW_CONVERSATION_SECONDS = 5;

/**
 * Front application webhooks (https://dev.frontapp.com/docs/application-webhooks): the body is the
 * event (`type`, `conversation`, `source`, `target`), signed with the app's signing key as base64
 * HMAC-SHA256 of `<X-Front-Request-Timestamp>:<raw body>`, the timestamp in milliseconds (5 minutes
 * allowed). Rule webhooks (HMAC-SHA1 of the body with the API secret) are not supported. The delivery id
 * is the event id (`evt_…`), the same on Front's retries.
 *
 * Front records no "conversation created" event: the first message or comment of a conversation reports
 * the ticket created as well as the comment (see NEW_CONVERSATION_SECONDS).
 */
export const frontWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'x-front-signature',
    encoding: 'base64',
    signedContent: [{ part: 'header', name: 'x-front-request-timestamp' }, { part: 'body' }],
    separator: ':',
    timestamp: { header: 'x-front-request-timestamp', format: 'unix-ms', toleranceSeconds: 300 },
  },
  deliveryId: 'body.id',
  // Saving the webhook sends a `sync` with `X-Front-Challenge`: answered `{"challenge": <value>}`, 200.
  handshakes: [{ kind: 'challenge', bodyField: 'challenge', header: 'x-front-challenge' }],
  // The validation request sent when the webhook is saved, and events that change no ticket or comment
  // (a mention repeats its comment's event; sending errors and calls are not part of the thread).
  ignore: `body.type = "sync"
    or body.type in ["mention", "sending_error", "message_bounce_error", "macro_triggered", "topic_identified"]
    or $substring(body.type, 0, 5) = "call_"`,
  events: [
    {
      description:
        'The first message or comment of a conversation: the ticket is new, and the comment follows',
      match: `${ADDS_TO_TIMELINE} and $type(body.conversation.created_at) = "number"
        and body.emitted_at - body.conversation.created_at < ${NEW_CONVERSATION_SECONDS}`,
      resource: 'tickets',
      action: '"created"',
      object: 'body.conversation',
      continue: true,
    },
    {
      description: 'A message (inbound, outbound, reply, forward) or a comment added, the object in full',
      match: `${ADDS_TO_TIMELINE} and $exists(body.target.data.body)`,
      resource: 'comments',
      action: '"created"',
      object: `$merge([body.target.data, { "conversation_id": body.conversation.id }])`,
    },
    {
      description: 'The same as an event preview (the object without its content): fetched by id',
      match: ADDS_TO_TIMELINE,
      resource: 'comments',
      action: '"created"',
      object: 'body.target.data',
      fetchId: 'body.target.data.id',
    },
    {
      description: 'Conversations merged: the merged-away conversations are gone (Front redirects them)',
      match: `body.type = "conversations_merged" and body.target._meta.type = "deleted_conversation_ids"`,
      resource: 'tickets',
      action: '"deleted"',
      object: `[body.target.data.{ "id": $ }]`,
      many: true,
    },
    {
      description: 'Assignee, status, tags, inbox, links or custom fields of a conversation changed',
      match: `body.type in ${CONVERSATION_EVENTS} and $exists(body.conversation.id)`,
      resource: 'tickets',
      action: '"updated"',
      object: 'body.conversation',
    },
  ],
};
