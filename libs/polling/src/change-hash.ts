import { createHash } from 'node:crypto';
import type { ExpressionCache, ProviderRegistry } from '@app/providers';

/**
 * The content hash change detection compares, for the poller and for the normalizer alike: the unified
 * record's etag, or, where the poll block says its list shows less than a single read (`poll.compare`),
 * the hash of what that expression keeps. So a record a webhook announced (read whole) and the same record
 * listed by the next poll have one hash, and the safety-net poll publishes nothing for it.
 */
export class ChangeHasher {
  constructor(
    private readonly registry: Pick<ProviderRegistry, 'has' | 'get'>,
    private readonly expressions: Pick<ExpressionCache, 'evaluate'>,
  ) {}

  /** Undefined for a record without an etag (nothing to compare). */
  async hashOf(
    provider: string,
    resource: string,
    record: Record<string, unknown>,
  ): Promise<string | undefined> {
    const etag = typeof record.etag === 'string' ? record.etag : undefined;
    const compare = this.registry.has(provider)
      ? this.registry.get(provider).resources[resource]?.poll?.compare
      : undefined;
    if (!compare || etag === undefined) return etag;
    const { etag: _etag, remote_data: _remoteData, ...fields } = record;
    const compared = await this.expressions.evaluate(compare, fields);
    const digest = createHash('sha256')
      .update(canonicalJson(compared ?? null))
      .digest('base64url');
    return `"${digest.slice(0, 22)}"`;
  }
}

/** JSON with object keys sorted, so the hash does not depend on the order fields were written in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
