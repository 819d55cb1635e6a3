import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contractFieldsOf, createRecordValidator, type UnifiedResourceName } from '@app/unified-models';
import type { ProviderDefinition } from '../definition';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { ProviderClient } from '../engine/provider-client';
import { RecordMapper, type UnifiedRecord } from '../engine/record-mapper';
import type { RetryPolicy } from '../engine/retrying-sender';
import { ProviderRegistry } from '../registry';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';

/**
 * What every provider's own tests need, written once: the engine over one definition (its expressions
 * compiled, as in production; quick retries), schema checks with readable failures, and list walks.
 */
export function engineFor(definition: ProviderDefinition, retry: Partial<RetryPolicy> = {}) {
  const registry = new ProviderRegistry([definition]);
  const expressions = new ExpressionCache();
  expressions.trustDefinitions([definition]);
  const client = new ProviderClient({
    registry,
    expressions,
    retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50, ...retry },
  });
  return { registry, expressions, client };
}

/** Fails with the validator's errors (path and message) rather than a bare `false`. */
export function expectValid(resource: string, record: UnifiedRecord): void {
  const result = createRecordValidator(resource as UnifiedResourceName)(record);
  expect([resource, record.id, result.errors ?? []]).toEqual([resource, record.id, []]);
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
    if (++pages > 200) throw new Error(`${resource}: the list does not end`);
  } while (cursor);
  return { records, pages };
}

/** A local endpoint an emulator sends its webhooks to; keeps each delivery's headers and raw bytes. */
export class DeliveryReceiver {
  readonly deliveries: { headers: Record<string, string>; raw: Buffer }[] = [];
  private server?: Server;

  /** Starts listening on loopback; resolves with its base URL. */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        this.deliveries.push({
          headers: request.headers as Record<string, string>,
          raw: Buffer.concat(chunks),
        });
        response.end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/** The error a call fails with; fails the test when the call succeeds. */
export async function failureOf(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the call succeeded');
}

/**
 * Walks each resource's list to its end and checks it returns the expected number of distinct records,
 * every one valid against the unified schema.
 */
export async function expectListCounts(
  client: ProviderClient,
  connection: ConnectionContext,
  expected: Record<string, number>,
  limit: number,
): Promise<void> {
  for (const [resource, count] of Object.entries(expected)) {
    const { records } = await walk(client, connection, resource, limit);
    expect([resource, records.length, new Set(records.map((r) => r.id)).size]).toEqual([
      resource,
      count,
      count,
    ]);
    for (const record of records) expectValid(resource, record);
  }
}

/** The webhook event mapper as the ingest runs it, over the unified contract's fields. */
export function webhookMapper(): WebhookEventMapper {
  const expressions = new ExpressionCache();
  return new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
}

/**
 * Verifies every delivery the receiver holds with the definition's own scheme (failing the test when one
 * does not verify), maps it with its event mappings, and empties the receiver: per delivery, its JSON
 * body, its headers and the changes it became. Flush the emulator's webhooks first.
 */
export async function verifiedChanges(
  definition: ProviderDefinition,
  receiver: DeliveryReceiver,
  secret: string,
): Promise<{ body: unknown; headers: Record<string, string>; changes: MappedChange[] }[]> {
  const mapper = webhookMapper();
  const out: { body: unknown; headers: Record<string, string>; changes: MappedChange[] }[] = [];
  for (const { headers, raw } of receiver.deliveries.splice(0)) {
    const scheme = definition.webhooks!.verification;
    expect(verifyWebhookSignature(scheme, secret, { headers, rawBody: raw })).toEqual({ ok: true });
    const body: unknown = JSON.parse(raw.toString());
    const outcome = await mapper.map(definition, { headers, body }, { settings: {} });
    if (outcome.kind !== 'changes') throw new Error(`${outcome.kind}: ${outcome.reason}`);
    out.push({ body, headers, changes: outcome.changes });
  }
  return out;
}
