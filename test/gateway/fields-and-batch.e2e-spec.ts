import SwaggerParser from '@apidevtools/swagger-parser';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO } from '@app/sandbox/github';
import { contractFieldsOf } from '@app/unified-models';
import { connectGithubEmulator, createTenant, startGateway, type RunningGateway } from '../support/gateway';

interface BatchAnswer {
  id: string | null;
  status: number;
  headers: Record<string, string>;
  body?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** `fields=` and `POST /batch` through the gateway against the GitHub emulator. */
describe('gateway: field selection and batches', () => {
  const emulator = new GithubEmulator();
  const repo = `/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}`;
  let gateway: RunningGateway;
  let tenantA: { key: string };
  let tenantB: { key: string };
  let connection: string;
  let ids: string[] = [];
  const tickets = (query = '') => `/unified/ticketing/tickets?connection_id=${connection}${query}`;
  const batch = async (requests: unknown[], key = tenantA.key, headers: Record<string, string> = {}) =>
    gateway.call('POST', '/batch', { key, body: { requests }, headers });
  const posts = () =>
    emulator.requests.filter((r) => r.method === 'POST' && r.url === `${repo}/issues`).length;

  beforeAll(async () => {
    await emulator.start();
    // A low in-flight cap: a batch whose calls kept their fair-use slots would exhaust it at once.
    gateway = await startGateway({ API_KEY_MAX_CONCURRENT_REQUESTS: '8' });
    tenantA = await createTenant(gateway, 'batch A');
    tenantB = await createTenant(gateway, 'batch B');
    connection = await connectGithubEmulator(gateway, tenantA.key, emulator.url);
    ids = (await gateway.call('GET', tickets('&limit=20&fields=id'), { key: tenantA.key })).body.result.map(
      (t: { id: string }) => t.id,
    );
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator.stop();
  });

  describe('fields=', () => {
    it('answers only the fields asked for, and id, on lists and single records', async () => {
      const full = await gateway.call('GET', tickets('&limit=5'), { key: tenantA.key });
      const lean = await gateway.call('GET', tickets('&limit=5&fields=status,name'), { key: tenantA.key });
      expect(lean.status).toBe(200);
      expect(lean.body.result).toEqual(
        full.body.result.map((t: Record<string, unknown>) => ({ id: t.id, name: t.name, status: t.status })),
      );
      expect(lean.body.next_cursor).toEqual(expect.any(String));
      const one = await gateway.call(
        'GET',
        `/unified/ticketing/tickets/${ids[0]}?connection_id=${connection}&fields=etag,updated_at`,
        {
          key: tenantA.key,
        },
      );
      expect(Object.keys(one.body)).toEqual(['id', 'updated_at', 'etag']);
    });

    it('adds remote_data only when asked, by fields or include_remote_data', async () => {
      const plain = await gateway.call('GET', tickets('&limit=3'), { key: tenantA.key });
      expect(plain.body.result.every((t: object) => !('remote_data' in t))).toBe(true);
      const asked = await gateway.call('GET', tickets('&limit=3&fields=name,remote_data'), {
        key: tenantA.key,
      });
      for (const record of asked.body.result) {
        expect(Object.keys(record)).toEqual(['id', 'name', 'remote_data']);
        expect(record.remote_data).toMatchObject({ number: Number(record.id), title: expect.any(String) });
      }
      // include_remote_data=false is the default: it does not take away what fields names.
      const both = await gateway.call(
        'GET',
        tickets('&limit=1&fields=remote_data&include_remote_data=false'),
        {
          key: tenantA.key,
        },
      );
      expect(Object.keys(both.body.result[0])).toEqual(['id', 'remote_data']);
    });

    it('refuses an unknown field naming it and the valid ones, and fields where it does not apply', async () => {
      const unknown = await gateway.call('GET', tickets('&fields=name,subject'), { key: tenantA.key });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toBe('fields: subject is not a field of tickets');
      expect(unknown.body.details).toEqual({
        unknown: ['subject'],
        valid: [...contractFieldsOf('tickets'), 'remote_data'],
      });
      expect((await gateway.call('GET', tickets('&fields=name,,status'), { key: tenantA.key })).status).toBe(
        400,
      );
      const spaced = await gateway.call('GET', tickets('&limit=1&fields=%20name%09,status'), {
        key: tenantA.key,
      });
      expect(Object.keys(spaced.body.result[0])).toEqual(['id', 'name', 'status']);
      // The provider's own body has no unified fields to choose from: fields does not apply to it.
      const raw = await gateway.call('GET', tickets('&limit=1&fields=name&response_format=raw'), {
        key: tenantA.key,
      });
      expect(raw.status).toBe(200);
      expect(raw.body[0]).toHaveProperty('node_id');
      const write = await gateway.call('POST', tickets('&fields=name'), {
        key: tenantA.key,
        body: { name: 'x' },
      });
      expect(write.status).toBe(400);
      expect(write.body.message).toMatch(/fields applies to list and get/);
    });
  });

  describe('POST /batch', () => {
    it('runs each call with its own status, headers and body; one failing does not fail the others', async () => {
      const got = await gateway.call(
        'GET',
        `/unified/ticketing/tickets/${ids[1]}?connection_id=${connection}`,
        {
          key: tenantA.key,
        },
      );
      const postsBefore = posts();
      const answer = await batch([
        {
          id: 'one',
          method: 'GET',
          path: `/unified/ticketing/tickets/${ids[1]}`,
          query: { connection_id: connection },
        },
        {
          id: 'list',
          method: 'GET',
          path: '/unified/ticketing/tickets',
          query: { connection_id: connection, limit: 2, fields: 'name' },
        },
        {
          id: 'create',
          method: 'POST',
          path: `/unified/ticketing/tickets?connection_id=${connection}`,
          body: { name: 'Made in a batch' },
        },
        {
          id: 'stale',
          method: 'PATCH',
          path: `/unified/ticketing/tickets/${ids[1]}`,
          query: { connection_id: connection },
          headers: { 'If-Match': '"not-the-current-etag"' },
          body: { name: 'Never written' },
        },
        {
          id: 'missing',
          method: 'GET',
          path: '/unified/ticketing/tickets/99999',
          query: { connection_id: connection },
        },
        { id: 'admin', method: 'GET', path: '/admin/tenants' },
        {
          id: 'invalid',
          method: 'POST',
          path: '/unified/ticketing/tickets',
          query: { connection_id: connection },
          body: { name: 7 },
        },
      ]);
      expect(answer.status).toBe(200);
      const [one, list, create, stale, missing, admin, invalid] = answer.body.responses as BatchAnswer[];
      expect(answer.body.responses.map((r: BatchAnswer) => [r.id, r.status])).toEqual([
        ['one', 200],
        ['list', 200],
        ['create', 201],
        ['stale', 412],
        ['missing', 404],
        ['admin', 400],
        ['invalid', 400],
      ]);
      expect(one.body).toEqual(got.body);
      expect(one.headers.etag).toBe(got.body.etag);
      expect(list.body.result.map((t: object) => Object.keys(t))).toEqual([
        ['id', 'name'],
        ['id', 'name'],
      ]);
      expect(create.body).toMatchObject({ name: 'Made in a batch' });
      expect(create.headers.etag).toBe(create.body.etag);
      expect(posts()).toBe(postsBefore + 1);
      expect(stale.body).toMatchObject({ statusCode: 412, details: { current_etag: got.body.etag } });
      expect(missing.body).toMatchObject({ statusCode: 404 });
      expect(admin.body).toMatchObject({
        statusCode: 400,
        details: [expect.stringMatching(/unified API path/)],
      });
      expect(invalid.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
      const after = await gateway.call(
        'GET',
        `/unified/ticketing/tickets/${ids[1]}?connection_id=${connection}`,
        {
          key: tenantA.key,
        },
      );
      expect(after.body.name).toBe(got.body.name);
    });

    it('never crosses tenants: the batch acts with its own API key only', async () => {
      const answer = await batch(
        [
          {
            method: 'GET',
            path: `/unified/ticketing/tickets/${ids[0]}`,
            query: { connection_id: connection },
          },
          {
            method: 'GET',
            path: '/unified/ticketing/tickets',
            query: { connection_id: connection },
            headers: { authorization: `Bearer ${tenantA.key}` },
          },
        ],
        tenantB.key,
      );
      expect(answer.status).toBe(200);
      const [read, borrowed] = answer.body.responses as BatchAnswer[];
      expect(read.status).toBe(404); // tenant A's connection does not exist for tenant B
      expect(borrowed.status).toBe(400);
      expect(borrowed.body.details).toEqual([expect.stringMatching(/header authorization cannot be set/)]);
      expect((await gateway.call('POST', '/batch', { body: { requests: [] } })).status).toBe(401);
    });

    it('refuses more than 50 calls, an unreadable body and a batch-wide Idempotency-Key with 400', async () => {
      const call = {
        method: 'GET',
        path: '/unified/ticketing/tickets',
        query: { connection_id: connection, limit: 1 },
      };
      const tooMany = await batch(Array.from({ length: 51 }, () => call));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toMatchObject({ message: 'A batch holds at most 50 requests; this one has 51' });
      const unreadable = await gateway.call('POST', '/batch', { key: tenantA.key, body: { calls: [] } });
      expect(unreadable.status).toBe(400);
      const keyed = await batch([call], tenantA.key, { 'idempotency-key': 'k' });
      expect(keyed.status).toBe(400);
      expect(keyed.body.message).toMatch(/Idempotency-Key is per write/);
    });

    it('runs 50 calls, in order, and keeps each fair-use slot only while its call runs', async () => {
      const fifty = ids.slice(0, 10).flatMap((id) =>
        Array.from({ length: 5 }, (_, n) => ({
          id: `${id}-${n}`,
          method: 'GET',
          path: `/unified/ticketing/tickets/${id}`,
          query: { connection_id: connection, fields: 'name' },
        })),
      );
      expect(fifty).toHaveLength(50);
      for (let round = 0; round < 3; round++) {
        const started = Date.now();
        const answer = await batch(fifty);
        expect(answer.status).toBe(200);
        const responses = answer.body.responses as BatchAnswer[];
        expect(responses.map((r) => r.id)).toEqual(fifty.map((c) => c.id));
        expect(responses.filter((r) => r.status !== 200)).toEqual([]);
        expect(responses.map((r) => r.body.id)).toEqual(fifty.map((c) => c.path.split('/').pop()));
        console.log(`batch of 50 gets, round ${round + 1}: ${Date.now() - started} ms`);
      }
      // 150 calls later the key still has all its slots.
      expect((await gateway.call('GET', tickets('&limit=1'), { key: tenantA.key })).status).toBe(200);
    });

    it('replays an item write under its own Idempotency-Key, in a batch or not', async () => {
      const before = posts();
      const item = {
        id: 'create',
        method: 'POST',
        path: '/unified/ticketing/tickets',
        query: { connection_id: connection },
        headers: { 'idempotency-key': `batch-${Date.now()}` },
        body: { name: 'Once only' },
      };
      const first = (await batch([item])).body.responses[0] as BatchAnswer;
      const second = (await batch([item])).body.responses[0] as BatchAnswer;
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      expect(second.headers.etag).toBe(first.headers.etag);
      const direct = await gateway.call('POST', `${item.path}?connection_id=${connection}`, {
        key: tenantA.key,
        body: item.body,
        headers: item.headers,
      });
      expect(direct.body).toEqual(first.body);
      expect(posts()).toBe(before + 1);
    });

    it('answers 304 items without a body, and keeps remote_data as the provider sent it', async () => {
      const path = `/unified/ticketing/tickets/${ids[2]}`;
      const got = await gateway.call('GET', `${path}?connection_id=${connection}&include_remote_data=true`, {
        key: tenantA.key,
      });
      const answer = await batch([
        {
          method: 'GET',
          path,
          query: { connection_id: connection },
          headers: { 'if-none-match': got.body.etag },
        },
        { method: 'GET', path, query: { connection_id: connection, include_remote_data: true } },
      ]);
      const [cached, full] = answer.body.responses as BatchAnswer[];
      expect(cached).toEqual({ id: null, status: 304, headers: { etag: got.body.etag } });
      expect(full.body).toEqual(got.body);
      expect(answer.text).toContain(got.text);
    });
  });

  it('documents fields, ETag, If-None-Match → 304, If-Match → 412 and POST /batch in the served OpenAPI document', async () => {
    const answer = await gateway.call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    await expect(SwaggerParser.validate(structuredClone(answer.body))).resolves.toBeDefined();
    const { paths, components } = answer.body;
    const names = (operation: { parameters: { name: string }[] }) => operation.parameters.map((p) => p.name);
    expect(names(paths['/unified/ticketing/tickets'].get)).toContain('fields');
    const one = paths['/unified/ticketing/tickets/{id}'];
    expect(names(one.get)).toEqual(expect.arrayContaining(['fields', 'If-None-Match']));
    expect(one.get.responses['304'].headers.ETag).toBeDefined();
    expect(one.get.responses['200'].headers.ETag).toBeDefined();
    expect(names(one.patch)).toContain('If-Match');
    expect(names(one.delete)).toContain('If-Match');
    expect(one.patch.responses['412'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ApiError',
    });
    expect(paths['/batch'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/BatchRequest',
    });
    expect(components.schemas.BatchRequest.properties.requests.maxItems).toBe(50);
    expect(Object.keys(paths['/batch'].post.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '413',
      '415',
      '429',
    ]);
  });
});
