import type { RawWebhookRecord } from './raw-webhook';

/** What the normalizer writes to `ticketing.dlq.v1` when a delivery cannot be mapped. */
export interface DeadLetterRecord {
  reason: string;
  /** A short machine-readable code: `unmapped_event`, `invalid_json`, `mapping_failed`, `unknown_connection`, `fetch_failed`, `undecodable` (docs/events.md). */
  code: string;
  failedAt: string;
  source: { topic: string; partition: number; offset: string };
  /** The original delivery, or the undecodable text when it could not be decoded. */
  original: RawWebhookRecord | string;
}
