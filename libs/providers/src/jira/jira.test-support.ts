import { JiraEmulator, JIRA_SEED_CREDENTIALS } from '@app/sandbox/jira';
import { createRecordValidator, isUnifiedResourceName } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { ProviderClient, type ListOptions } from '../engine/provider-client';
import type { UnifiedRecord } from '../engine/record-mapper';
import { ProviderRegistry } from '../registry';
import { jira } from './index';

/**
 * Shared set-up of the Jira definition tests (specs only): the emulator, the engine, a connection to the
 * emulator, a list walker and the unified validators.
 */
export function jiraHarness(maxRetries = 2) {
  const emulator = new JiraEmulator();
  const registry = new ProviderRegistry([jira]);
  // The definition's own expressions are trusted code, as the gateway registers them.
  const expressions = new ExpressionCache();
  expressions.trustDefinitions([jira]);
  const client = new ProviderClient({
    registry,
    expressions,
    retry: { maxRetries, baseDelayMs: 10, maxDelayMs: 50 },
  });
  const connection = (credentials: Record<string, string> = JIRA_SEED_CREDENTIALS): ConnectionContext => ({
    id: 'c1',
    tenantId: 't1',
    provider: 'jira',
    settings: { base_url: emulator.url, site: 'acme', project_key: 'SUP' },
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
      expect(page.result_count).toBe(page.result.length);
      cursor = page.next_cursor ?? undefined;
      pages++;
      if (pages > 100) throw new Error(`${resource}: the cursor never ends`);
    } while (cursor);
    return { records, pages };
  }

  /** Id of a seeded issue by key (unified ticket ids are Jira's numeric issue ids). */
  const issueId = (key: string): string => {
    const issue = emulator.state.findIssue(key);
    if (!issue) throw new Error(`no seeded issue ${key}`);
    return issue.id;
  };

  return { emulator, registry, client, connection, listAll, issueId };
}

/** Asserts a unified record is valid against the resource's schema and returns it. */
export function expectValid(resource: string, record: UnifiedRecord): UnifiedRecord {
  if (!isUnifiedResourceName(resource)) throw new Error(`${resource} is not a unified resource`);
  const { errors } = createRecordValidator(resource)(record);
  expect({ resource, id: record.id, errors }).toEqual({ resource, id: record.id, errors: [] });
  return record;
}
