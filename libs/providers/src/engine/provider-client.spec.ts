import type { FastifyInstance } from 'fastify';
import { ProviderEmulator } from '@app/sandbox';
import type { PaginationDefinition, ProviderDefinition } from '../definition';
import { ProviderRegistry } from '../registry';
import { capabilitiesOf } from './capabilities';
import type { ConnectionContext } from './connection-context';
import {
  InvalidCursorError,
  MissingQueryError,
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderUnavailableError,
  ProviderValidationError,
  UnsupportedFilterError,
  UnsupportedMethodError,
} from './errors';
import { ProviderClient } from './provider-client';
import { rawJsonOf } from './raw-json';

interface Item {
  id: number;
  title: string;
  updated: string;
}

/** A tiny provider API exposing the same 23 items under every pagination style the engine knows. */
class AcmeEmulator extends ProviderEmulator {
  items: Item[] = Array.from({ length: 23 }, (_, i) => ({
    id: i + 1,
    title: `item ${i + 1}`,
    updated: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
  }));
  lastQuery: Record<string, string> = {};

  protected routes(app: FastifyInstance): void {
    app.addHook('preHandler', async (request, reply) => {
      if (request.headers.authorization !== 'Bearer good-token')
        await reply.status(401).send({ error: 'bad token' });
    });
    const slice = (start: number, size: number) => this.items.slice(start, start + size);
    app.get('/link', async (request, reply) => {
      const q = request.query as Record<string, string>;
      this.lastQuery = q;
      const page = Number(q.page ?? 1);
      const size = Number(q.per_page ?? 30);
      if (page * size < this.items.length)
        void reply.header(
          'link',
          `<${this.url}/link?page=${page + 1}&per_page=${size}>; rel="next", <${this.url}/link?page=9>; rel="last"`,
        );
      return slice((page - 1) * size, size);
    });
    app.get('/offset', async (request) => {
      const q = request.query as Record<string, string>;
      const start = Number(q.startAt ?? 0);
      return { startAt: start, total: this.items.length, values: slice(start, Number(q.maxResults)) };
    });
    app.post('/search', async (request) => {
      const b = request.body as { maxResults: number; nextPageToken?: string };
      const start = Number(b.nextPageToken ?? 0);
      const end = start + b.maxResults;
      return {
        issues: slice(start, b.maxResults),
        ...(end < this.items.length ? { nextPageToken: String(end) } : {}),
      };
    });
    app.get('/cursor', async (request) => {
      const q = request.query as Record<string, string>;
      const start = q['page[after]'] ? Number(Buffer.from(q['page[after]'], 'base64').toString()) : 0;
      const end = start + Number(q['page[size]']);
      return {
        tickets: slice(start, Number(q['page[size]'])),
        meta: {
          has_more: end < this.items.length,
          after_cursor: Buffer.from(String(end)).toString('base64'),
        },
      };
    });
    app.get('/pages', async (request) => {
      const q = request.query as Record<string, string>;
      return slice((Number(q.page) - 1) * Number(q.limit), Number(q.limit));
    });
    app.get('/items/:id', async (request, reply) => {
      const item = this.items.find((i) => String(i.id) === (request.params as { id: string }).id);
      return item ?? reply.status(404).send({ error: 'no such item' });
    });
    app.post('/items', async (request, reply) => {
      const body = request.body as { title?: string };
      if (!body.title) return reply.status(422).send({ error: 'title is required' });
      const item = { id: this.items.length + 1, title: body.title, updated: '2026-02-01T00:00:00Z' };
      this.items.push(item);
      return reply.status(201).send(item);
    });
    app.get('/boom', async (_request, reply) => reply.status(503).send({ error: 'down' }));
  }
}

const record = `{ "id": $string(id), "name": title, "updated_at": updated }`;
const listVia = (
  path: string,
  pagination: PaginationDefinition,
  response = '$',
  method: 'GET' | 'POST' = 'GET',
) => ({
  method,
  path: `"${path}"`,
  response,
  pagination,
  ...(method === 'POST' ? { body: '{ "jql": "project = X" }' } : {}),
});

function definitionWith(listMethod: ReturnType<typeof listVia>): ProviderDefinition {
  return {
    name: 'acme',
    displayName: 'Acme',
    baseUrl: '"https://acme.invalid"',
    auth: { scheme: 'bearer', token: 'credentials.token' },
    credentials: { token: { description: 'API token' } },
    connectionSettings: {},
    pagination: { strategy: 'none' },
    errorMessage: 'error',
    rateLimit: {
      limitHeader: 'x-limit',
      remainingHeader: 'x-remaining',
      resetHeader: 'x-reset',
      resetFormat: 'unix-seconds',
    },
    resources: {
      tickets: {
        record,
        methods: {
          list: {
            ...listVia('/link', { strategy: 'link-header', sizeParam: 'per_page', maxPageSize: 100 }),
            query: '{ "since": query.updated_at.gte }',
            filters: { updated_at: ['gte'] },
          },
          get: { method: 'GET', path: '"/items/" & id' },
          create: { method: 'POST', path: '"/items"', body: '{ "title": body.name }', readBack: true },
        },
      },
      comments: {
        record,
        methods: { list: { ...listVia('/offset', { strategy: 'none' }), requiredQuery: ['ticket_id'] } },
      },
      users: { record, methods: { list: listMethod } },
      teams: { record, methods: { get: { method: 'GET', path: '"/boom"' } } },
    },
  };
}

describe('ProviderClient', () => {
  const emulator = new AcmeEmulator();
  let connection: ConnectionContext;
  const clientFor = (definition: ProviderDefinition) =>
    new ProviderClient({
      registry: new ProviderRegistry([definition]),
      retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 },
    });
  const defaultClient = () => clientFor(definitionWith(listVia('/pages', { strategy: 'none' })));

  beforeAll(async () => {
    await emulator.start();
    connection = {
      id: 'c1',
      tenantId: 't1',
      provider: 'acme',
      settings: { base_url: emulator.url },
      credentials: { token: 'good-token' },
    };
  });
  afterAll(() => emulator.stop());
  afterEach(() => emulator.clearFaults());

  const strategies: [string, ReturnType<typeof listVia>][] = [
    ['link-header', listVia('/link', { strategy: 'link-header', sizeParam: 'per_page', maxPageSize: 100 })],
    [
      'offset',
      listVia(
        '/offset',
        {
          strategy: 'offset',
          startParam: 'startAt',
          sizeParam: 'maxResults',
          maxPageSize: 50,
          totalPath: 'total',
        },
        'values',
      ),
    ],
    [
      'next-page-token',
      listVia(
        '/search',
        {
          strategy: 'next-page-token',
          tokenParam: 'nextPageToken',
          sizeParam: 'maxResults',
          maxPageSize: 100,
          tokenPath: 'nextPageToken',
        },
        'issues',
        'POST',
      ),
    ],
    [
      'cursor',
      listVia(
        '/cursor',
        {
          strategy: 'cursor',
          sizeParam: 'page[size]',
          cursorParam: 'page[after]',
          maxPageSize: 100,
          hasMorePath: 'meta.has_more',
          cursorPath: 'meta.after_cursor',
        },
        'tickets',
      ),
    ],
    [
      'page-number',
      listVia('/pages', { strategy: 'page-number', pageParam: 'page', sizeParam: 'limit', maxPageSize: 100 }),
    ],
  ];

  it.each(strategies)('walks every page with %s pagination behind one opaque cursor', async (_name, list) => {
    const client = clientFor(definitionWith(list));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.list(connection, 'users', { limit: 5, cursor });
      seen.push(...page.result.map((r) => r.id));
      expect(page.result_count).toBe(page.result.length);
      cursor = page.next_cursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toEqual(emulator.items.slice(0, 23).map((i) => String(i.id)));
  });

  it('maps records completely, with etag and remote_data', async () => {
    const item = await defaultClient().get(connection, 'tickets', '3');
    expect(item).toMatchObject({ id: '3', name: 'item 3', status: null, remote_data: emulator.items[2] });
    expect(item.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  });

  it("keeps each listed item's own bytes for remote_data only when asked (itemBytes)", async () => {
    const client = defaultClient();
    const asked = await client.list(connection, 'tickets', { limit: 2, itemBytes: true });
    expect(asked.result.map((r) => rawJsonOf(r.remote_data)?.toString('utf8'))).toEqual(
      emulator.items.slice(0, 2).map((item) => JSON.stringify(item)),
    );
    const plain = await client.list(connection, 'tickets', { limit: 2 });
    expect(plain.result.map((r) => r.remote_data)).toEqual(emulator.items.slice(0, 2));
    expect(plain.result.map((r) => rawJsonOf(r.remote_data))).toEqual([undefined, undefined]);
    // The answer's own bytes (response_format=raw) are recorded either way.
    expect(rawJsonOf(plain.raw)?.toString('utf8')).toBe(JSON.stringify(emulator.items.slice(0, 2)));
  });

  it('creates and reads back', async () => {
    const created = await defaultClient().create(connection, 'tickets', { name: 'new one' });
    expect(created).toMatchObject({ name: 'new one', updated_at: '2026-02-01T00:00:00Z' });
    expect(emulator.requests.slice(-2).map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('passes filters it declares, refuses the others, and passes remote_query through', async () => {
    const client = defaultClient();
    await client.list(connection, 'tickets', {
      query: { updated_at: { gte: '2026-01-05T00:00:00Z' }, remote_query: { state: 'all' } },
    });
    expect(emulator.lastQuery).toMatchObject({ since: '2026-01-05T00:00:00Z', state: 'all' });
    await expect(client.list(connection, 'tickets', { query: { updated_at: { lt: 'x' } } })).rejects.toThrow(
      UnsupportedFilterError,
    );
    await expect(client.list(connection, 'tickets', { query: { created_at: { gte: 'x' } } })).rejects.toThrow(
      UnsupportedFilterError,
    );
  });

  it('maps provider failures to engine errors', async () => {
    const client = defaultClient();
    await expect(
      client.get({ ...connection, credentials: { token: 'bad' } }, 'tickets', '1'),
    ).rejects.toThrow(ProviderAuthError);
    await expect(client.get(connection, 'tickets', '999')).rejects.toThrow(ProviderNotFoundError);
    const invalid = client.create(connection, 'tickets', { description: 'no name' });
    await expect(invalid).rejects.toThrow(ProviderValidationError);
    await expect(invalid).rejects.toMatchObject({
      details: { message: 'title is required', providerStatus: 422 },
    });
    await expect(client.get(connection, 'teams', '1')).rejects.toThrow(ProviderUnavailableError);
    await expect(client.delete(connection, 'tickets', '1')).rejects.toThrow(UnsupportedMethodError);
    await expect(client.list(connection, 'comments')).rejects.toThrow(MissingQueryError);
    await expect(client.list(connection, 'users', { cursor: 'garbage!' })).rejects.toThrow(
      InvalidCursorError,
    );
  });

  it('retries a rate-limited GET, then surfaces the limit with its headers', async () => {
    const client = defaultClient();
    const limited = {
      status: 429,
      headers: { 'retry-after': '1', 'x-limit': '100', 'x-remaining': '0', 'x-reset': '1800000000' },
      body: {},
    };
    emulator.injectFault({ ...limited, times: 2 });
    await expect(client.get(connection, 'tickets', '1')).resolves.toMatchObject({ id: '1' });

    emulator.injectFault({ ...limited, times: 3 });
    const failure = client.get(connection, 'tickets', '1');
    await expect(failure).rejects.toThrow(ProviderRateLimitError);
    await expect(failure).rejects.toMatchObject({
      retryAfterSeconds: 1,
      limit: 100,
      remaining: 0,
      resetAt: new Date(1800000000 * 1000),
    });
  });

  it('does not retry writes, and does not wait out a long Retry-After', async () => {
    const client = defaultClient();
    emulator.injectFault({ status: 429, headers: { 'retry-after': '1' }, match: /^POST/ });
    await expect(client.create(connection, 'tickets', { name: 'x' })).rejects.toThrow(ProviderRateLimitError);
    emulator.injectFault({ status: 429, headers: { 'retry-after': '3600' } });
    const started = Date.now();
    await expect(client.get(connection, 'tickets', '1')).rejects.toMatchObject({ retryAfterSeconds: 3600 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('applies overrides: connection over tenant over base, each mapping whole', async () => {
    const client = defaultClient();
    const tenant = { 'tickets.record': '{ "id": $string(id), "name": "tenant: " & title }' };
    const connectionLevel = {
      'tickets.record': '{ "id": $string(id), "name": "connection: " & title, "extra": 1 }',
    };
    expect((await client.get(connection, 'tickets', '2', { overrides: { tenant } })).name).toBe(
      'tenant: item 2',
    );
    const both = await client.get(connection, 'tickets', '2', {
      overrides: { tenant, connection: connectionLevel },
    });
    expect(both).toMatchObject({ name: 'connection: item 2', extra: 1, updated_at: null });
    const path = { 'tickets.get.path': '"/items/" & $string($number(id) + 1)' };
    expect((await client.get(connection, 'tickets', '2', { overrides: { connection: path } })).id).toBe('3');
  });

  it('derives capabilities from the definitions', () => {
    expect(capabilitiesOf(new ProviderRegistry([definitionWith(strategies[0][1])]))).toEqual([
      { provider: 'acme', resource: 'comments', methods: ['list'] },
      { provider: 'acme', resource: 'teams', methods: ['get'] },
      { provider: 'acme', resource: 'tickets', methods: ['list', 'get', 'create'] },
      { provider: 'acme', resource: 'users', methods: ['list'] },
    ]);
  });
});
