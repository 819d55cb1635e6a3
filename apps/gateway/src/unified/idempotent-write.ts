import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store.provider';
import { withIdempotency } from './idempotency';

export interface UnifiedWrite {
  tenantId: string;
  key: string | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
  /** What makes two calls the same under one key (the body; for an upload, its fields and file hash). */
  fingerprint: unknown;
  status: number;
  raw: boolean;
  run: () => Promise<unknown>;
}

/**
 * A POST or PATCH under `Idempotency-Key`: the stored answer is replayed, marked `idempotent-replayed`.
 * A unified answer (not raw) is the whole record, so its `etag` is the answer's `ETag`, replays included.
 */
export async function answerWrite(store: Store, write: UnifiedWrite): Promise<FastifyReply> {
  const { request, reply } = write;
  const answer = await withIdempotency(
    store,
    write.tenantId,
    write.key,
    { method: request.method, path: request.url, body: write.fingerprint },
    async () => ({ status: write.status, body: await write.run() }),
  );
  if (answer.replayed) void reply.header('idempotent-replayed', 'true');
  const etag = write.raw ? undefined : etagOf(answer.body);
  if (etag !== undefined) void reply.header('etag', etag);
  return reply.status(answer.status).send(answer.body);
}

function etagOf(body: unknown): string | undefined {
  const etag = typeof body === 'object' && body !== null ? (body as { etag?: unknown }).etag : undefined;
  return typeof etag === 'string' ? etag : undefined;
}
