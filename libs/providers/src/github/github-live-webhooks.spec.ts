import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contractFieldsOf, createRecordValidator } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';
import { githubHarness, unifiedFields } from './github-test-kit';
import { github } from './index';

interface Delivery {
  headers: Record<string, string>;
  raw: Buffer;
}

/** Writes through the engine → the emulator's signed deliveries → our verification and event mappings. */
describe('GitHub webhooks from the emulator, verified and mapped by the definition', () => {
  const secret = 'whsec-github-live';
  const { emulator, client, connection } = githubHarness();
  const expressions = new ExpressionCache();
  const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
  const received: Delivery[] = [];
  let server: Server;

  /** Every delivery since the last call: verified, then mapped to unified changes. */
  async function changes(): Promise<MappedChange[]> {
    await emulator.webhooks.flush();
    const batch = received.splice(0);
    const result: MappedChange[] = [];
    for (const delivery of batch) {
      const verified = verifyWebhookSignature(github.webhooks!.verification, secret, {
        headers: delivery.headers,
        rawBody: delivery.raw,
      });
      expect(verified).toEqual({ ok: true });
      const body = JSON.parse(delivery.raw.toString('utf8')) as unknown;
      const outcome = await mapper.map(
        github,
        { headers: delivery.headers, body },
        { settings: connection().settings },
      );
      if (outcome.kind !== 'changes') throw new Error(`unmapped delivery: ${outcome.reason}`);
      for (const change of outcome.changes) {
        expect(createRecordValidator(change.resource as never)(change.record!).errors ?? []).toEqual([]);
      }
      result.push(...outcome.changes);
    }
    return result;
  }
  const summary = (list: MappedChange[]) => list.map((c) => `${c.resource}:${c.action}:${c.remoteId}`);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
        received.push({ headers, raw: Buffer.concat(chunks) });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await emulator.start();
    emulator.subscribeWebhooks(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, secret);
  });
  afterAll(async () => {
    await emulator.stop();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    await changes();
  });

  it('a ticket created through the API arrives as a created change equal to the REST record', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'From the API',
      tags: [{ id: 'bug' }],
    });
    const [change] = await changes();
    expect(change).toMatchObject({ resource: 'tickets', action: 'created', remoteId: created.id });
    expect(unifiedFields(change.record!)).toEqual(unifiedFields(created));
    expect(change.record!.etag).toBe(created.etag);
  });

  it('a ticket update arrives as one updated change per GitHub action, the last one current', async () => {
    const updated = await client.update(connection(), 'tickets', '9', {
      name: 'Renamed',
      status: { id: 'open' },
      tags: [],
    });
    const list = await changes();
    // #9 was closed with labels bug and priority: high: edited, reopened, unlabeled × 2.
    expect(summary(list)).toEqual(Array(4).fill('tickets:updated:9'));
    expect(list.map((c) => (c.record!.status as { id: string }).id)).toEqual([
      'open',
      'open',
      'open',
      'open',
    ]);
    expect(unifiedFields(list[list.length - 1].record!)).toEqual(unifiedFields(updated));
  });

  it('comments: created, updated and deleted changes carry the comment id', async () => {
    const created = await client.create(connection(), 'comments', { ticket: { id: '4' }, body: 'First!' });
    await client.update(connection(), 'comments', created.id, { body: 'Second.' });
    await client.delete(connection(), 'comments', created.id);
    const list = await changes();
    expect(summary(list)).toEqual([
      `comments:created:${created.id}`,
      `comments:updated:${created.id}`,
      `comments:deleted:${created.id}`,
    ]);
    expect(list[1].record).toMatchObject({ body: 'Second.', ticket: { id: '4' } });
  });

  it('tags and collections: label and milestone events map to their changes', async () => {
    await client.create(connection(), 'tags', { name: 'flaky', color: '#aabbcc' });
    await client.update(connection(), 'tags', 'flaky', { name: 'flaky-test' });
    await client.delete(connection(), 'tags', 'flaky-test');
    const milestone = await client.create(connection(), 'collections', { name: 'Sprint 9' });
    await client.update(connection(), 'collections', milestone.id, { description: 'Two weeks' });
    await client.delete(connection(), 'collections', milestone.id);
    expect(summary(await changes())).toEqual([
      'tags:created:flaky',
      'tags:updated:flaky-test',
      'tags:deleted:flaky-test',
      `collections:created:${milestone.id}`,
      `collections:updated:${milestone.id}`,
      `collections:deleted:${milestone.id}`,
    ]);
  });

  it('an issue deleted in the web UI arrives as a deleted ticket', async () => {
    emulator.deleteIssue(12);
    expect(summary(await changes())).toEqual(['tickets:deleted:12']);
  });

  it('a delivery whose body was altered in transit fails verification', async () => {
    await client.create(connection(), 'comments', { ticket: { id: '4' }, body: 'original' });
    await emulator.webhooks.flush();
    const [delivery] = received.splice(0);
    const tampered = Buffer.from(delivery.raw.toString('utf8').replace('original', 'forged'));
    expect(
      verifyWebhookSignature(github.webhooks!.verification, secret, {
        headers: delivery.headers,
        rawBody: tampered,
      }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
