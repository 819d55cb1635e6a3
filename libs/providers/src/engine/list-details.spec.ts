import type { FastifyInstance } from 'fastify';
import { ProviderEmulator } from '@app/sandbox';
import type { ProviderDefinition } from '../definition';
import { ProviderRegistry } from '../registry';
import type { ConnectionContext } from './connection-context';
import { ProviderClient } from './provider-client';
import { rawJsonOf } from './raw-json';

/**
 * A provider whose query answers ids only, every one of them at once, and whose batch read takes at
 * most 3 ids; its writes take a JSON Patch document under its own content type.
 */
class IdsThenBatchEmulator extends ProviderEmulator {
  items = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, fields: { title: `item ${i + 1}` } }));
  calls: string[] = [];
  contentTypes: string[] = [];

  protected routes(app: FastifyInstance): void {
    app.addContentTypeParser('application/json-patch+json', { parseAs: 'string' }, (_r, body, done) =>
      done(null, JSON.parse(String(body))),
    );
    app.addHook('onRequest', async (request) => {
      this.calls.push(`${request.method} ${request.url}`);
      this.contentTypes.push(String(request.headers['content-type']));
    });
    app.post('/query', async (request) => {
      const after = Number((request.body as { after?: number }).after ?? 0);
      return { workItems: this.items.filter((i) => i.id > after).map((i) => ({ id: i.id })) };
    });
    app.post('/batch', async (request, reply) => {
      const ids = (request.body as { ids: number[] }).ids;
      if (ids.length > 3) return reply.status(400).send({ message: 'at most 3 ids' });
      return { count: ids.length, value: ids.map((id) => this.items.find((i) => i.id === id)) };
    });
    app.post('/items', async (request, reply) => {
      const patch = request.body as { op: string; path: string; value: string }[];
      const item = { id: this.items.length + 1, fields: { title: patch[0].value } };
      this.items.push(item);
      return reply.status(200).send(item);
    });
  }
}

const definition: ProviderDefinition = {
  name: 'ids-then-batch',
  displayName: 'Ids then batch',
  baseUrl: '"https://example.invalid"',
  auth: { scheme: 'bearer', token: '"t"' },
  credentials: {},
  connectionSettings: {},
  pagination: { strategy: 'none' },
  resources: {
    tickets: {
      record: '{ "id": $string(id), "name": fields.title }',
      methods: {
        list: {
          method: 'POST',
          path: '"/query"',
          body: '{ "after": query.after ? $number(query.after) : 0 }',
          response: 'workItems',
          details: {
            method: 'POST',
            path: '"/batch"',
            body: '{ "ids": [previous.id] }',
            response: 'value',
            maxItems: 3,
          },
        },
        create: {
          method: 'POST',
          path: '"/items"',
          contentType: 'application/json-patch+json',
          body: '[{ "op": "add", "path": "/fields/title", "value": body.name }]',
        },
      },
    },
  },
};

describe('ProviderClient: a list whose answer names ids, read whole by a details request', () => {
  const emulator = new IdsThenBatchEmulator();
  const client = new ProviderClient({
    registry: new ProviderRegistry([definition]),
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
  });
  let connection: ConnectionContext;
  beforeAll(async () => {
    await emulator.start();
    connection = {
      id: 'c',
      tenantId: 't',
      provider: definition.name,
      settings: { base_url: emulator.url },
      credentials: {},
    };
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    emulator.calls = [];
    emulator.contentTypes = [];
  });

  it('maps the batch answer, page by page, with pages no larger than the batch limit', async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.list(connection, 'tickets', { limit: 50, cursor });
      expect(page.result.length).toBeLessThanOrEqual(3);
      names.push(...page.result.map((r) => String(r.name)));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(names).toEqual(emulator.items.map((i) => i.fields.title));
    expect(emulator.calls.filter((c) => c.startsWith('POST /batch'))).toHaveLength(3);
  });

  it("keeps the details answer's item bytes for remote_data only when asked", async () => {
    const asked = await client.list(connection, 'tickets', { limit: 2, itemBytes: true });
    expect(asked.result.map((r) => rawJsonOf(r.remote_data)?.toString('utf8'))).toEqual(
      emulator.items.slice(0, 2).map((item) => JSON.stringify(item)),
    );
    const plain = await client.list(connection, 'tickets', { limit: 2 });
    expect(plain.result.map((r) => rawJsonOf(r.remote_data))).toEqual([undefined, undefined]);
    expect(plain.result.map((r) => r.remote_data)).toEqual(emulator.items.slice(0, 2));
  });

  it('sends no details request for an empty page', async () => {
    const page = await client.list(connection, 'tickets', { query: { after: '99' } });
    expect([page.result, page.next_cursor]).toEqual([[], null]);
    expect(emulator.calls).toEqual(['POST /query']);
  });

  it('sends a write under the method’s content type, other requests as JSON', async () => {
    const created = await client.create(connection, 'tickets', { name: 'patched' });
    expect(created.name).toBe('patched');
    await client.list(connection, 'tickets', { limit: 1 });
    expect(emulator.contentTypes).toEqual([
      'application/json-patch+json',
      'application/json',
      'application/json',
    ]);
  });
});
