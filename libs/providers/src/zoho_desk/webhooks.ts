import type { WebhookDefinition, WebhookEventMapping } from '../definition';

/**
 * Zoho Desk webhooks post an array of events, `[{eventType: "Ticket_Add", orgId, eventTime, payload}]`,
 * with the full record as `payload` (only the id for a delete). Zoho signs nothing and sets no custom
 * header: the webhook is created with our URL carrying the connection's secret as `?webhook_secret=`,
 * compared in constant time. Each event type is one mapping that goes on (`continue`) so a batch of
 * mixed events yields every change; Zoho sends no delivery id: the ingest hashes
 * the body, whose `eventTime` (milliseconds) tells successive changes apart.
 */
const events = (type: string) => `body[eventType = "${type}"]`;

function mapping(
  type: string,
  resource: string,
  action: 'created' | 'updated' | 'deleted',
): WebhookEventMapping {
  return {
    description: `${type}: ${resource} ${action}`,
    match: `$count(${events(type)}) > 0`,
    resource,
    action: `"${action}"`,
    object: `[${events(type)}.payload]`,
    many: true,
    continue: true,
  };
}

const KINDS = [
  ['Ticket', 'tickets'],
  ['Ticket_Comment', 'comments'],
  ['Contact', 'contacts'],
  ['Account', 'accounts'],
] as const;

export const zohoDeskWebhooks: WebhookDefinition = {
  verification: { scheme: 'shared-secret', queryParam: 'webhook_secret' },
  events: KINDS.flatMap(([prefix, resource]) => [
    mapping(`${prefix}_Add`, resource, 'created'),
    mapping(`${prefix}_Update`, resource, 'updated'),
    mapping(`${prefix}_Delete`, resource, 'deleted'),
  ]),
};
