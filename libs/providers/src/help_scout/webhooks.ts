import type { WebhookDefinition } from '../definition';

const event = `headers."x-helpscout-event"`;
const is = (...names: string[]) => `${event} in ${JSON.stringify(names)}`;

/**
 * Help Scout webhooks: `X-HelpScout-Signature` is the base64 HMAC-SHA1 of the raw body with the
 * webhook's secret key; the event is in `X-HelpScout-Event`; the body is the conversation (with its
 * threads embedded, newest first) or the customer, as the Mailbox API 2.0 shapes them, so nothing is
 * fetched. Help Scout sends no delivery id: a hash of the body identifies a delivery (a retry repeats
 * it). No handshake; Help Scout's test event and events about records we do not model are dropped.
 */
export const helpScoutWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha1',
    signatureHeader: 'x-helpscout-signature',
    encoding: 'base64',
    signedContent: [{ part: 'body' }],
  },
  ignore: `$not(${event}) or $not($substringBefore(${event}, ".") in ["convo", "customer"])`,
  events: [
    {
      description: 'convo.deleted: the conversation is gone',
      match: is('convo.deleted'),
      resource: 'tickets',
      action: '"deleted"',
      object: 'body',
    },
    {
      description: 'convo.created: a new conversation (its first thread is its description)',
      match: is('convo.created'),
      resource: 'tickets',
      action: '"created"',
      object: 'body',
    },
    {
      description:
        'convo.customer.reply.created, convo.agent.reply.created, convo.note.created: the ticket changed…',
      match: is('convo.customer.reply.created', 'convo.agent.reply.created', 'convo.note.created'),
      resource: 'tickets',
      action: '"updated"',
      object: 'body',
      continue: true,
    },
    {
      description: '… and its newest thread is a new comment',
      match: is('convo.customer.reply.created', 'convo.agent.reply.created', 'convo.note.created'),
      resource: 'comments',
      action: '"created"',
      object: '$merge([body._embedded.threads[0], { "conversationId": body.id }])',
    },
    {
      description: 'convo.assigned, convo.moved, convo.status, convo.tags, convo.custom-fields, convo.merged',
      match: is(
        'convo.assigned',
        'convo.moved',
        'convo.status',
        'convo.tags',
        'convo.custom-fields',
        'convo.merged',
      ),
      resource: 'tickets',
      action: '"updated"',
      object: 'body',
    },
    {
      description: 'customer.created, customer.updated',
      match: is('customer.created', 'customer.updated'),
      resource: 'contacts',
      action: `${event} = "customer.created" ? "created" : "updated"`,
      object: 'body',
    },
  ],
};
