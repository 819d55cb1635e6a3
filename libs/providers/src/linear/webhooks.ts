import type { WebhookDefinition } from '../definition';

const action = `{ "create": "created", "update": "updated", "remove": "deleted" }.$lookup($, $$.body.action)`;

/**
 * Linear data-change webhooks (https://linear.app/developers/webhooks): `Linear-Signature` is the hex
 * HMAC-SHA256 of the raw body; the body's `webhookTimestamp` (UNIX ms, signed with it) must be within
 * 60 s. `Linear-Delivery` identifies a delivery. The payload's `data` is the whole entity.
 */
export const linearWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'linear-signature',
    encoding: 'hex',
    signedContent: [{ part: 'body' }],
    timestamp: { bodyPath: 'webhookTimestamp', format: 'unix-ms', toleranceSeconds: 60 },
  },
  deliveryIdHeader: 'linear-delivery',
  // Reactions, projects, cycles, labels, documents … carry no ticket or comment change.
  ignore: `$not(body.type in ["Issue", "Comment"])`,
  events: [
    {
      description: 'Issue: create, update, remove',
      match: `body.type = "Issue"`,
      resource: 'tickets',
      action,
      object: 'body.data',
    },
    {
      description: 'Comment: create, update, remove (comments on issues)',
      match: `body.type = "Comment" and $exists(body.data.issueId)`,
      resource: 'comments',
      action,
      object: 'body.data',
    },
  ],
};
