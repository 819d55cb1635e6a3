import { createHash } from 'node:crypto';
import type { WebhookDefinition } from '../definition';
import { ExpressionCache } from '../engine/expression-cache';

/** One cache for callers that keep none: delivery-id expressions are few and come from definitions. */
const sharedExpressions = new ExpressionCache();

/**
 * The id the ingest deduplicates a delivery on: the definition's delivery-id header, else its `deliveryId`
 * expression over `{headers, body}` (providers that put the id in the body), else a hash of the raw body.
 * A body that is not JSON, or an expression that fails or yields no string/number, falls through to the hash.
 */
export async function deliveryIdOf(
  webhooks: Pick<WebhookDefinition, 'deliveryIdHeader' | 'deliveryId'>,
  delivery: { headers: Record<string, string>; rawBody: Buffer; body?: unknown },
  expressions: ExpressionCache = sharedExpressions,
): Promise<string> {
  const fromHeader = webhooks.deliveryIdHeader && delivery.headers[webhooks.deliveryIdHeader.toLowerCase()];
  if (fromHeader) return fromHeader;
  if (webhooks.deliveryId) {
    const fromBody = await idFromBody(webhooks.deliveryId, delivery, expressions);
    if (fromBody) return fromBody;
  }
  return `sha256:${createHash('sha256').update(delivery.rawBody).digest('hex')}`;
}

async function idFromBody(
  source: string,
  delivery: { headers: Record<string, string>; rawBody: Buffer; body?: unknown },
  expressions: ExpressionCache,
): Promise<string | undefined> {
  let body = delivery.body;
  try {
    if (body === undefined) body = JSON.parse(delivery.rawBody.toString('utf8'));
    const id = await expressions.evaluate(source, { headers: delivery.headers, body });
    return (typeof id === 'string' && id !== '') || typeof id === 'number' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
