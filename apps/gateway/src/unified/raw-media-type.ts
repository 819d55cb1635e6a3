import type { FastifyInstance } from 'fastify';

/**
 * The media type of a unified call's answer with `response_format=raw`: the provider's own JSON, which
 * no unified schema describes. A media type of its own lets the OpenAPI document give each shape its
 * schema (application/json is always the unified one) and tells a client which it holds.
 */
export const RAW_MEDIA_TYPE = 'application/vnd.ticketing.provider+json';

const UNIFIED_PATH = /^\/unified\/ticketing\/[^/?]+(\/[^/?]+)?(\?|$)/;

/** Marks the successful raw answers of the unified routes with RAW_MEDIA_TYPE. */
export function markRawAnswers(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const raw = (request.query as Record<string, unknown> | undefined)?.response_format === 'raw';
    if (raw && reply.statusCode < 300 && UNIFIED_PATH.test(request.url))
      void reply.header('content-type', `${RAW_MEDIA_TYPE}; charset=utf-8`);
    done(null, payload);
  });
}
