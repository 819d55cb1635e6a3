import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import type { ConnectionContext } from '../engine/connection-context';
import { ProviderClient, type ListOptions } from '../engine/provider-client';
import type { UnifiedRecord } from '../engine/record-mapper';
import { ProviderRegistry } from '../registry';
import { github } from './index';

/**
 * Shared set-up of the GitHub definition tests (used by the specs only): the emulator, the engine and a
 * connection to it.
 */
export function githubHarness(maxRetries = 2) {
  const emulator = new GithubEmulator();
  const registry = new ProviderRegistry([github]);
  const client = new ProviderClient({ registry, retry: { maxRetries, baseDelayMs: 10, maxDelayMs: 50 } });
  const connection = (
    credentials: Record<string, string> = { token: GITHUB_SEED_TOKEN },
  ): ConnectionContext => ({
    id: 'c1',
    tenantId: 't1',
    provider: 'github',
    settings: { base_url: emulator.url, owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO },
    credentials,
  });

  /** Follows next_cursor to the end; returns every record and the number of pages. */
  async function listAll(resource: string, options: ListOptions = {}) {
    const records: UnifiedRecord[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.list(connection(), resource, { ...options, cursor });
      records.push(...page.result);
      if (page.result_count !== page.result.length) throw new Error(`${resource}: result_count is wrong`);
      cursor = page.next_cursor ?? undefined;
      pages++;
      if (pages > 100) throw new Error(`${resource}: the cursor never ends`);
    } while (cursor);
    return { records, pages };
  }

  return { emulator, registry, client, connection, listAll };
}

/** A record without what the engine adds, for comparing what two reads mapped. */
export function unifiedFields(record: UnifiedRecord): Record<string, unknown> {
  const { remote_data: _remote, etag: _etag, ...fields } = record;
  return fields;
}
