import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Delivery ids as providers make them: never reused, across retries of other deliveries, process
 * restarts and other instances. The ingest deduplicates on them for days, so an emulator that numbers
 * deliveries from a counter would have its deliveries after a restart dropped as duplicates.
 */
export function newDeliveryUuid(): string {
  return randomUUID();
}

/**
 * A numeric delivery id (Zendesk's invocation ids are decimal numbers, sent as a header string): 63
 * random bits, so independent processes do not meet (about 5e-8 chance of any collision in a million).
 */
export function newNumericDeliveryId(): string {
  return String(randomBytes(8).readBigUInt64BE() >> 1n);
}
