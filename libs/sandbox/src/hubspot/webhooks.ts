/**
 * HubSpot webhook deliveries: an array of events, one per change (one per changed property), signed
 * with v3 (base64 HMAC-SHA256 of method + URL + body + timestamp in ms) and, for older consumers, v1
 * (hex SHA-256 of client secret + body).
 */
import { createHash, createHmac } from 'node:crypto';
import type { ProviderObject } from '../kit/described';
import { HUBSPOT_SEED_PORTAL_ID } from './seed';

export const HUBSPOT_APP_ID = 4105577;
/** Event ids grow from the start time, so a restarted emulator never repeats one the ingest holds. */
let nextEventId = Date.now() * 1000;

type Action = 'created' | 'updated' | 'deleted';

/** The events a write of one record sends (`objectType`: ticket, contact, company). */
export function hubspotEvents(
  objectType: string,
  action: Action,
  record: ProviderObject,
  before?: ProviderObject,
): ProviderObject[] | undefined {
  const common = (subscriptionType: string) => ({
    eventId: nextEventId++,
    subscriptionId: 2417001,
    portalId: Number(HUBSPOT_SEED_PORTAL_ID),
    appId: HUBSPOT_APP_ID,
    occurredAt: Date.now(),
    subscriptionType,
    attemptNumber: 0,
    objectId: Number(record.id),
    changeSource: 'INTEGRATION',
  });
  if (action === 'created') return [{ ...common(`${objectType}.creation`), changeFlag: 'NEW' }];
  if (action === 'deleted') return [{ ...common(`${objectType}.deletion`), changeFlag: 'DELETED' }];
  const now = record.properties as Record<string, unknown>;
  const was = (before?.properties ?? {}) as Record<string, unknown>;
  const changed = Object.keys(now).filter(
    (name) => !name.includes('lastmodifieddate') && now[name] !== was[name],
  );
  const events = changed.map((propertyName) => ({
    ...common(`${objectType}.propertyChange`),
    propertyName,
    propertyValue: now[propertyName] === null ? '' : String(now[propertyName]),
  }));
  return events.length > 0 ? events : undefined;
}

export function signHubspotDelivery(
  body: Buffer,
  secret: string,
  now: Date,
  url: string,
): Record<string, string> {
  const timestamp = String(now.getTime());
  const v3 = createHmac('sha256', secret)
    .update(`POST${url}`, 'utf8')
    .update(body)
    .update(timestamp, 'utf8')
    .digest('base64');
  return {
    'x-hubspot-signature-v3': v3,
    'x-hubspot-request-timestamp': timestamp,
    'x-hubspot-signature': createHash('sha256').update(secret, 'utf8').update(body).digest('hex'),
    'x-hubspot-signature-version': 'v1',
    'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/)',
  };
}
