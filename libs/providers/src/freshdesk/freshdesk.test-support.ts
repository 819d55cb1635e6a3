import { FRESHDESK_SEED_API_KEY, FRESHDESK_SEED_DOMAIN, FreshdeskEmulator } from '@app/sandbox/freshdesk';
import { createRecordValidator, type UnifiedResourceName } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { ProviderClient } from '../engine/provider-client';
import type { UnifiedRecord } from '../engine/record-mapper';
import { ProviderRegistry } from '../registry';
import { freshdesk } from './index';

/** An emulator, a client with quick retries, and a connection pointed at the emulator. */
export function freshdeskHarness(options: { now?: () => Date } = {}) {
  const emulator = new FreshdeskEmulator(options);
  const registry = new ProviderRegistry([freshdesk]);
  // As in production: the definition's own expressions run compiled (fast-jsonata) where supported.
  const expressions = new ExpressionCache();
  expressions.trustDefinitions([freshdesk]);
  const client = new ProviderClient({
    registry,
    expressions,
    retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50 },
  });
  const connection = (apiKey = FRESHDESK_SEED_API_KEY): ConnectionContext => ({
    id: 'c-freshdesk',
    tenantId: 't1',
    provider: 'freshdesk',
    settings: { base_url: emulator.url, domain: FRESHDESK_SEED_DOMAIN },
    credentials: { api_key: apiKey },
  });
  return { emulator, registry, client, connection };
}

/** Fails with the validator's errors (path and message) rather than a bare `false`. */
export function expectValid(resource: string, record: UnifiedRecord): void {
  const result = createRecordValidator(resource as UnifiedResourceName)(record);
  expect([resource, result.errors ?? []]).toEqual([resource, []]);
}

/** Walks a list to its end with a small page size; returns the records and the number of pages. */
export async function walk(
  client: ProviderClient,
  connection: ConnectionContext,
  resource: string,
  limit: number,
  query: Record<string, unknown> = {},
): Promise<{ records: UnifiedRecord[]; pages: number }> {
  const records: UnifiedRecord[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await client.list(connection, resource, { limit, cursor, query });
    records.push(...page.result);
    cursor = page.next_cursor ?? undefined;
    pages++;
    if (pages > 200) throw new Error(`${resource}: the list does not end`);
  } while (cursor);
  return { records, pages };
}
