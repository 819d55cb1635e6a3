import { closedObject, count, ref, text } from '../openapi/answer-schema';
import type { JsonSchema } from '../openapi/validator-schema';

/**
 * The answers of /admin/tenants beyond tenants and keys (those: openapi/answer-document.ts), as named
 * components.
 */
export const ADMIN_ANSWERS: Record<string, JsonSchema> = {
  ApiKeyList: closedObject({ result: { type: 'array', items: ref('ApiKey') } }),
  PurgedStoredData: closedObject({
    tenant_id: text,
    purged: {
      ...closedObject({
        events: { ...count, description: 'Retained events (their pending and settled deliveries with them)' },
        attempts: { ...count, description: 'Delivery attempts logged' },
        idempotency: { ...count, description: 'Idempotency records (answers kept for Idempotency-Key)' },
        dedup: { ...count, description: 'Provider webhook delivery ids kept for deduplication' },
      }),
      description: 'Rows deleted, by kind',
    },
  }),
};
