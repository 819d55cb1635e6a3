import { FRONT_SEED_INBOX_ID, FRONT_SEED_TOKEN, FrontEmulator } from '@app/sandbox/front';
import { createRecordValidator, type UnifiedResourceName } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { ProviderClient } from '../engine/provider-client';
import type { UnifiedRecord } from '../engine/record-mapper';
import { ProviderRegistry } from '../registry';
import { front } from './index';

/** An emulator, a client with quick retries, and a connection pointed at the emulator. */
export function frontHarness() {
  const emulator = new FrontEmulator();
  const expressions = new ExpressionCache();
  // As in production: the definition's own expressions run compiled (fast-jsonata) where supported.
  expressions.trustDefinitions([front]);
  const client = new ProviderClient({
    registry: new ProviderRegistry([front]),
    expressions,
    retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50 },
  });
  const connection = (token = FRONT_SEED_TOKEN): ConnectionContext => ({
    id: 'c-front',
    tenantId: 't1',
    provider: 'front',
    settings: { base_url: emulator.url, inbox_id: FRONT_SEED_INBOX_ID },
    credentials: { api_token: token },
  });
  return { emulator, client, connection };
}

/** Fails with the validator's errors (path and message) rather than a bare `false`. */
export function expectValid(resource: string, record: UnifiedRecord): void {
  const result = createRecordValidator(resource as UnifiedResourceName)(record);
  expect([resource, record.id, result.errors ?? []]).toEqual([resource, record.id, []]);
}

/** Walks a list to its end; returns the records and the number of pages. */
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
    if (++pages > 200) throw new Error(`${resource}: the list does not end`);
  } while (cursor);
  return { records, pages };
}
