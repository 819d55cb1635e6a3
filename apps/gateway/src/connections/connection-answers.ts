import { closedObject, nullable, ref, text, timestamp } from '../openapi/answer-schema';
import type { JsonSchema } from '../openapi/validator-schema';

/** The answers of /connections beyond the connection itself (that one: openapi/answer-document.ts). */
export const CONNECTION_ANSWERS: Record<string, JsonSchema> = {
  /** The store's WebhookStatus: the provider webhook registered for a connection. */
  WebhookStatus: closedObject({
    state: {
      type: 'string',
      enum: ['none', 'registered', 'missing', 'failed'],
      description:
        'registered: there when last checked; missing: gone and not yet re-created; failed: registering failed',
    },
    hook_id: { ...nullable(text), description: "The provider's id of the webhook" },
    checked_at: nullable(timestamp),
    error: { ...nullable(text), description: 'Why the last registration or check failed' },
  }),
  WebhookCheck: closedObject({ connection_id: text, webhook_status: ref('WebhookStatus') }),
};
