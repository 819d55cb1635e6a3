/**
 * What webhook-ingest writes to `ticketing.raw-webhooks.v1`: the provider's delivery as received,
 * after its signature was checked. The body stays the raw text so nothing is lost before mapping.
 */
export interface RawWebhookRecord {
  /** The provider's own delivery id (e.g. X-GitHub-Delivery), or a hash of the body when it has none. */
  deliveryId: string;
  connectionId: string;
  tenantId: string;
  provider: string;
  /** ISO-8601 time the ingest accepted the delivery; reused as the events' `time` so replays are identical. */
  receivedAt: string;
  /** Request headers, lower-cased, credentials removed. */
  headers: Record<string, string>;
  /** The raw request body as UTF-8 text. */
  body: string;
}

export function encodeRawWebhook(record: RawWebhookRecord): string {
  return JSON.stringify(record);
}

export function decodeRawWebhook(text: string): RawWebhookRecord {
  const parsed: unknown = JSON.parse(text);
  if (!isRawWebhook(parsed)) throw new Error('not a raw webhook record');
  return parsed;
}

function isRawWebhook(value: unknown): value is RawWebhookRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    ['deliveryId', 'connectionId', 'tenantId', 'provider', 'receivedAt', 'body'].every(
      (k) => typeof v[k] === 'string',
    ) &&
    typeof v.headers === 'object' &&
    v.headers !== null
  );
}
