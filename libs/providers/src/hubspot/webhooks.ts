import type { WebhookDefinition, WebhookEventMapping } from '../definition';

/** The unified resource of each HubSpot object type a webhook subscription can name. */
const RESOURCES: Record<string, string> = { ticket: 'tickets', contact: 'contacts', company: 'accounts' };

/**
 * The events of one object type in a delivery. A delivery is an ARRAY of up to 100 events of any
 * types, so every mapping goes on to the next (`continue`); each carries only `objectId`, and the
 * record is fetched. A property change arrives once per changed property: a record's changes become
 * one update.
 */
function eventsOf(objectType: string): WebhookEventMapping[] {
  const resource = RESOURCES[objectType];
  const of = (kind: string) => `body[subscriptionType = "${objectType}.${kind}"]`;
  const any = (kind: string) => `$count(${of(kind)}) > 0`;
  return [
    {
      description: `${objectType}.deletion: the ${resource} record is gone (archived)`,
      match: any('deletion'),
      resource,
      action: '"deleted"',
      object: `[${of('deletion')}.{ "id": $string(objectId), "archived": true }]`,
      many: true,
      continue: true,
    },
    {
      description: `${objectType}.creation: fetched`,
      match: any('creation'),
      resource,
      action: '"created"',
      object: `[${of('creation')}]`,
      many: true,
      fetchId: '$string(objectId)',
      continue: true,
    },
    {
      description: `${objectType}.propertyChange, ${objectType}.restore: fetched`,
      match: `${any('propertyChange')} or ${any('restore')}`,
      resource,
      action: '"updated"',
      // One update per record, however many of its properties changed.
      object: `[$distinct(body[subscriptionType in ["${objectType}.propertyChange", "${objectType}.restore"]].objectId).{ "objectId": $ }]`,
      many: true,
      fetchId: '$string(objectId)',
      continue: true,
    },
  ];
}

/**
 * HubSpot webhooks (app webhook subscriptions). Signature v3: base64 HMAC-SHA256, with the app's client
 * secret, of method + the full URL HubSpot called + raw body + `X-HubSpot-Request-Timestamp` (ms), which
 * must be within 5 minutes. No delivery id: the events' `eventId`s together identify a delivery (a retry
 * repeats them). Association changes carry no record of ours: dropped unless other events come along.
 */
export const hubspotWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'x-hubspot-signature-v3',
    encoding: 'base64',
    signedContent: [
      { part: 'method' },
      { part: 'url' },
      { part: 'body' },
      { part: 'header', name: 'x-hubspot-request-timestamp' },
    ],
    timestamp: { header: 'x-hubspot-request-timestamp', format: 'unix-ms', toleranceSeconds: 300 },
  },
  deliveryId: `$count(body.eventId) > 0 ? "events_" & $join([body.$string(eventId)], "-")`,
  ignore: `$count(body[$split(subscriptionType, ".")[0] in ${JSON.stringify(Object.keys(RESOURCES))}
    and $not($split(subscriptionType, ".")[1] = "associationChange")]) = 0`,
  events: Object.keys(RESOURCES).flatMap(eventsOf),
};
