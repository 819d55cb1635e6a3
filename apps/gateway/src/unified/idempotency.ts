import { createHash } from 'node:crypto';
import { ApiError } from '@app/http';
import type { Store } from '../store.provider';

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * `Idempotency-Key` on POST and PATCH: the same key and body returns the stored response; the same key
 * with another body is a 409; a request still running under the key is a 409 too. Failures release the
 * key so the caller can retry.
 */
export async function withIdempotency(
  store: Store,
  tenantId: string,
  key: string | undefined,
  request: { method: string; path: string; body: unknown },
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  if (!key) return { ...(await run()), replayed: false };
  if (key.length > 255) throw new ApiError(400, 'Idempotency-Key must be at most 255 characters');
  const hash = createHash('sha256')
    .update(`${request.method} ${request.path}\n${canonical(request.body)}`)
    .digest('hex');
  // Recorded with the connection the call names, so deleting that connection deletes the record.
  const connectionId = new URL(request.path, 'http://gateway').searchParams.get('connection_id');
  const claim = await store.idempotency.claim(tenantId, key, hash, connectionId);
  if (claim.state === 'replay') return { status: claim.status, body: claim.body, replayed: true };
  if (claim.state === 'conflict')
    throw new ApiError(409, 'This Idempotency-Key was used with a different request');
  if (claim.state === 'in_progress')
    throw new ApiError(409, 'A request with this Idempotency-Key is still in progress');
  try {
    const response = await run();
    await store.idempotency.complete(tenantId, key, response.status, response.body);
    return { ...response, replayed: false };
  } catch (error) {
    await store.idempotency.release(tenantId, key);
    throw error;
  }
}

/** JSON with sorted keys, so the same body in another key order is the same request. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
