import type { FastifyInstance } from 'fastify';
import { ProviderEmulator } from '@app/sandbox';
import type { ProviderDefinition } from '../definition';
import { ProviderRegistry } from '../registry';
import type { ConnectionContext } from './connection-context';
import { ProviderClient } from './provider-client';

/** A search that reads its page only from `pagination: {per_page, starting_after}` in the body. */
class NestedPagingSearch extends ProviderEmulator {
  readonly bodies: Record<string, unknown>[] = [];

  protected routes(app: FastifyInstance): void {
    app.post('/search', async (request, reply) => {
      const body = request.body as Record<string, unknown> & {
        pagination?: { per_page?: unknown; starting_after?: unknown };
      };
      this.bodies.push(body);
      const size = body.pagination?.per_page;
      if (typeof size !== 'number') return reply.status(400).send({ error: 'pagination.per_page' });
      const start = body.pagination?.starting_after
        ? Number(String(body.pagination.starting_after).slice(1))
        : 0;
      const ids = Array.from({ length: 7 }, (_, i) => i + 1).slice(start, start + size);
      const next = start + size < 7 ? { starting_after: `c${start + size}` } : undefined;
      return { items: ids.map((id) => ({ id })), pages: { next } };
    });
  }
}

const definition: ProviderDefinition = {
  name: 'nested',
  displayName: 'Nested paging',
  baseUrl: '"https://nested.invalid"',
  auth: { scheme: 'bearer', token: 'credentials.token' },
  credentials: { token: { description: 'token' } },
  connectionSettings: {},
  pagination: {
    strategy: 'next-page-token',
    tokenParam: 'starting_after',
    sizeParam: 'per_page',
    maxPageSize: 150,
    tokenPath: 'pages.next.starting_after',
  },
  resources: {
    tickets: {
      record: '{ "id": $string(id) }',
      methods: {
        list: {
          method: 'POST',
          path: '"/search"',
          body: '{ "query": { "field": "id", "operator": ">", "value": 0 }, "pagination": { "keep": true } }',
          response: 'items',
          pagingBodyField: 'pagination',
        },
      },
    },
  },
};

describe('pagingBodyField: paging parameters inside an object of a POST body', () => {
  const emulator = new NestedPagingSearch();
  const client = new ProviderClient({ registry: new ProviderRegistry([definition]) });
  let connection: ConnectionContext;

  beforeAll(async () => {
    const url = await emulator.start();
    connection = {
      id: 'c1',
      tenantId: 't1',
      provider: 'nested',
      settings: { base_url: url },
      credentials: { token: 't' },
    };
  });
  afterAll(() => emulator.stop());

  it('sends per_page and the cursor inside `pagination`, keeping the rest of the body', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.list(connection, 'tickets', { limit: 3, cursor });
      ids.push(...page.result.map((r) => r.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(emulator.bodies.map((b) => b.pagination)).toEqual([
      { keep: true, per_page: 3 },
      { keep: true, per_page: 3, starting_after: 'c3' },
      { keep: true, per_page: 3, starting_after: 'c6' },
    ]);
    for (const body of emulator.bodies) {
      expect(body.query).toEqual({ field: 'id', operator: '>', value: 0 });
      expect(body).not.toHaveProperty('per_page');
      expect(body).not.toHaveProperty('starting_after');
    }
  });
});
