import type { WebhookDefinition } from '../definition';

const topic = 'body.topic';
const isTicketTopic = `$substringBefore(${topic}, ".") = "ticket"`;
const MESSAGE_TOPICS = `["ticket.note.created", "ticket.admin.replied", "ticket.contact.replied"]`;

/**
 * Intercom webhook notifications (https://developers.intercom.com/docs/references/webhooks/webhook-models):
 * `{"type": "notification_event", "topic": …, "id": "notif_…", "data": {"item": …}}`, signed with
 * `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body>` keyed by the app's client secret (no timestamp).
 * The delivery id is the notification's `id`, in the body. Only ticket topics carry a change the unified
 * events have a topic for; contact, company, conversation, admin topics and `ping` are ignored.
 */
export const intercomWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha1',
    signatureHeader: 'x-hub-signature',
    prefix: 'sha1=',
    encoding: 'hex',
    signedContent: [{ part: 'body' }],
  },
  deliveryId: `body.type = "notification_event" and $type(body.id) = "string" ? body.id`,
  ignore: `$not(${isTicketTopic})`,
  events: [
    {
      description:
        'ticket.note.created, ticket.admin.replied, ticket.contact.replied: the ticket with the new part',
      match: `${topic} in ${MESSAGE_TOPICS}`,
      resource: 'comments',
      action: '"created"',
      // The item is the ticket, its `ticket_parts` holding the new part (a bare part is read too).
      object: `(
        $item := body.data.item;
        $part := $item.type = "ticket_part"
          ? $item
          : ($item.ticket_parts.ticket_parts[part_type in ["comment", "note"]])[-1];
        $part ? $merge([$part, { "ticket_id": $item.type = "ticket" ? $item.id : $part.ticket_id }])
      )`,
    },
    {
      description: 'ticket.created',
      match: `${topic} = "ticket.created"`,
      resource: 'tickets',
      action: '"created"',
      object: 'body.data.item',
    },
    {
      description:
        'every other ticket.* topic (state.updated, admin.assigned, team.assigned, attribute.updated, contact.attached/detached…)',
      match: isTicketTopic,
      resource: 'tickets',
      action: '"updated"',
      object: 'body.data.item',
    },
  ],
};
