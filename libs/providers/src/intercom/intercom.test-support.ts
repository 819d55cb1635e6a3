import { intercomDemo, IntercomEmulator, INTERCOM_SEED_TOKEN } from '@app/sandbox/intercom';
import { createRecordValidator, type UnifiedResourceName } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { ProviderClient } from '../engine/provider-client';
import type { UnifiedRecord } from '../engine/record-mapper';
import { ProviderRegistry } from '../registry';
import { intercom } from './index';

/** An emulator, a client with quick retries, and connections (the demo's settings) pointed at it. */
export function intercomHarness() {
  const emulator = new IntercomEmulator();
  // As in production: the definition's own expressions run compiled (fast-jsonata) where supported.
  const expressions = new ExpressionCache();
  expressions.trustDefinitions([intercom]);
  const client = new ProviderClient({
    registry: new ProviderRegistry([intercom]),
    expressions,
    retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 20 },
  });
  const connection = (
    token = INTERCOM_SEED_TOKEN,
    settings: Record<string, string> = intercomDemo.settings,
  ): ConnectionContext => ({
    id: 'c-intercom',
    tenantId: 't1',
    provider: 'intercom',
    settings: { ...settings, base_url: emulator.url },
    credentials: { access_token: token },
  });
  return { emulator, client, connection };
}

/** Fails with the validator's errors (path and message) rather than a bare `false`. */
export function expectValid(resource: string, record: UnifiedRecord): void {
  const result = createRecordValidator(resource as UnifiedResourceName)(record);
  expect([resource, result.errors ?? []]).toEqual([resource, []]);
}

/** Walks a list to its end with a small page size. */
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
    if (pages > 100) throw new Error(`${resource}: the list does not end`);
  } while (cursor);
  return { records, pages };
}
