import { closedObject, count, listOf, nullable, ref, text, texts, timestamp } from '../openapi/answer-schema';
import type { JsonSchema } from '../openapi/validator-schema';

/** A subscription as the store's `Subscription` shows it: never its secrets. */
const SUBSCRIPTION_FIELDS: Record<string, JsonSchema> = {
  id: text,
  tenant_id: text,
  url: text,
  event_types: {
    ...texts,
    description: 'Patterns: exact types, `*` for one dot-separated segment, or `*` alone',
  },
  connection_id: { ...nullable(text), description: "Only this connection's events when set" },
  enabled: { type: 'boolean' },
  description: nullable(text),
  disabled_reason: {
    ...nullable(text),
    description: 'Why the platform disabled it (410, failing too long); null when enabled or disabled by you',
  },
  failing_since: { ...nullable(timestamp), description: 'Start of the current run of failed attempts' },
  previous_secret_expires_at: {
    ...nullable(timestamp),
    description: 'Until when the secret before the last rotation still signs; null outside a rotation window',
  },
  created_at: timestamp,
  updated_at: timestamp,
};

/** The answers of /subscriptions (subscriptions.controller.ts), as named components. */
export const SUBSCRIPTION_ANSWERS: Record<string, JsonSchema> = {
  Subscription: closedObject(SUBSCRIPTION_FIELDS),
  // Only the answers to create and rotate-secret carry the secret.
  SubscriptionWithSecret: closedObject({
    ...SUBSCRIPTION_FIELDS,
    secret: {
      type: 'string',
      pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$',
      description: 'The Standard Webhooks signing secret: shown in this answer only',
    },
  }),
  SubscriptionList: listOf(ref('Subscription')),
  DeliveryAttempt: closedObject({
    id: text,
    delivery_id: text,
    event_id: text,
    attempt: {
      type: 'integer',
      minimum: 1,
      description: "1 for a delivery's first attempt (a replay starts again)",
    },
    attempted_at: timestamp,
    status_code: { ...nullable({ type: 'integer' }), description: 'null: no answer (refused, timed out)' },
    latency_ms: count,
    error: nullable(text),
  }),
  DeliveryAttemptPage: closedObject({
    result: { type: 'array', items: ref('DeliveryAttempt'), description: 'Newest first' },
    next_cursor: {
      ...nullable(text),
      description: 'Pass as next_cursor for the next page; null on the last',
    },
    result_count: count,
  }),
  Replay: closedObject({
    replayed: { ...count, description: 'Deliveries made due now' },
    more: { type: 'boolean', description: 'A since replay stopped at its bound: replay again from later' },
  }),
};
