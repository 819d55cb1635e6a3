import SwaggerParser from '@apidevtools/swagger-parser';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { UNIFIED_RESOURCES } from '@app/unified-models';
import { createTenant, startGateway, type RunningGateway } from '../support/gateway';

describe('gateway: unified API behaviour (against the GitHub emulator)', () => {
  const emulator = new GithubEmulator();
  let gateway: RunningGateway;
  let key: string;
  let connection: string;
  let otherConnection: string;
  const as = () => ({ key });
  const tickets = (query = '') => `/unified/ticketing/tickets?connection_id=${connection}${query}`;

  beforeAll(async () => {
    await emulator.start();
    gateway = await startGateway({ PROVIDER_TIMEOUT_MS: '1000' }); // the slowness case below waits it out
    ({ key } = await createTenant(gateway, 'unified'));
    const body = {
      provider: 'github',
      settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url },
      credentials: { token: GITHUB_SEED_TOKEN },
    };
    connection = (await gateway.call('POST', '/connections', { key, body })).body.id;
    otherConnection = (await gateway.call('POST', '/connections', { key, body })).body.id;
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator.stop();
  });
  afterEach(() => emulator.clearFaults());

  it('pages through every ticket with opaque, tamper-evident cursors', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let firstCursor = '';
    do {
      const answer = await gateway.call(
        'GET',
        tickets(`&limit=10${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ''}`),
        as(),
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        result: expect.any(Array),
        next_cursor: answer.body.next_cursor,
        result_count: answer.body.result.length,
      });
      expect(answer.body.next_cursor === null || typeof answer.body.next_cursor === 'string').toBe(true);
      ids.push(...answer.body.result.map((t: { id: string }) => t.id));
      cursor = answer.body.next_cursor;
      if (pages === 0) firstCursor = cursor as string;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);

    const tampered = firstCursor.slice(0, -3) + (firstCursor.endsWith('AAA') ? 'BBB' : 'AAA');
    const refused = await gateway.call('GET', tickets(`&next_cursor=${encodeURIComponent(tampered)}`), as());
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/next_cursor/);
    const elsewhere = await gateway.call(
      'GET',
      `/unified/ticketing/tickets?connection_id=${otherConnection}&next_cursor=${encodeURIComponent(firstCursor)}`,
      as(),
    );
    expect(elsewhere.status).toBe(400);
  });

  it('adds remote_data only when asked, and returns the raw body on request', async () => {
    const unified = await gateway.call('GET', tickets('&limit=2&include_remote_data=true'), as());
    expect(unified.body.result[0].remote_data).toMatchObject({ number: Number(unified.body.result[0].id) });
    const lean = await gateway.call('GET', tickets('&limit=2'), as());
    expect(lean.body.result[0]).not.toHaveProperty('remote_data');
    expect(lean.body.result[0]).toEqual(
      (({ remote_data: _r, ...fields }) => fields)(unified.body.result[0] as Record<string, unknown>),
    );
    const refused = await gateway.call('GET', tickets('&limit=2&include_remote_data=false'), as());
    expect(refused.body.result[0]).not.toHaveProperty('remote_data');
    const raw = await gateway.call('GET', tickets('&limit=2&response_format=raw'), as());
    expect(Array.isArray(raw.body)).toBe(true);
    expect(raw.body[0]).toHaveProperty('node_id');
  });

  it('writes remote_data and raw answers as the provider sent them, byte for byte', async () => {
    const direct = await fetch(
      `${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues?per_page=3&state=all&direction=asc&sort=created`,
      { headers: { authorization: `Bearer ${GITHUB_SEED_TOKEN}` } },
    );
    const providerText = await direct.text();
    const raw = await gateway.call('GET', tickets('&limit=3&response_format=raw'), as());
    // The provider's own body, labelled as such (docs/unified-api.md): not the unified list schema.
    expect(raw.headers.get('content-type')).toMatch(/^application\/vnd\.ticketing\.provider\+json/);
    expect(raw.text).toBe(providerText);

    const page = await gateway.call('GET', tickets('&limit=3&include_remote_data=true'), as());
    expect(page.headers.get('content-type')).toMatch(/^application\/json/);
    const providerItems = JSON.parse(providerText) as unknown[];
    expect(page.body.result.map((t: { remote_data: unknown }) => t.remote_data)).toEqual(providerItems);
    // The emulator writes compact JSON, so each item's own text appears in the answer as it came.
    for (const item of providerItems) expect(page.text).toContain(JSON.stringify(item));
    const id = page.body.result[0].id as string;
    const one = await gateway.call(
      'GET',
      `/unified/ticketing/tickets/${id}?connection_id=${connection}&include_remote_data=true`,
      as(),
    );
    const directOne = await fetch(
      `${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues/${id}`,
      {
        headers: { authorization: `Bearer ${GITHUB_SEED_TOKEN}` },
      },
    );
    expect(one.body.remote_data).toEqual(await directOne.json());
    const { remote_data: _fromGet, ...fieldsFromGet } = one.body;
    const { remote_data: _fromList, ...fieldsFromList } = page.body.result[0];
    expect(fieldsFromGet).toEqual(fieldsFromList);
  });

  it('passes remote_query through and honours or refuses date filters', async () => {
    const closed = await gateway.call('GET', tickets('&remote_query[state]=closed&limit=50'), as());
    expect(closed.status).toBe(200);
    expect(closed.body.result.length).toBeGreaterThan(0);
    expect(closed.body.result.every((t: { status: { id: string } }) => t.status.id === 'closed')).toBe(true);
    const since = '2026-01-01T00:00:00Z';
    const recent = await gateway.call('GET', tickets(`&updated_at[gte]=${since}&limit=100`), as());
    expect(recent.status).toBe(200);
    expect(recent.body.result.every((t: { updated_at: string }) => t.updated_at >= since)).toBe(true);
    const unsupported = await gateway.call('GET', tickets('&created_at[lt]=2026-01-01T00:00:00Z'), as());
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.message).toMatch(/cannot filter tickets by created_at\[lt\]/);
    const malformed = await gateway.call('GET', tickets('&updated_at[gt]=yesterday&limit=0'), as());
    expect(malformed.status).toBe(400);
    expect(malformed.body.details).toEqual(
      expect.arrayContaining([expect.stringMatching(/updated_at\[gt\]/), expect.stringMatching(/limit/)]),
    );
  });

  it('validates bodies field by field', async () => {
    const answer = await gateway.call('POST', tickets(), {
      ...as(),
      body: { name: 42, due_date: 'soon', assignees: 'me', unknown_field: 1 },
    });
    expect(answer.status).toBe(400);
    const fields = (answer.body.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'due_date', 'assignees', 'unknown_field']));
  });

  it('creates once per Idempotency-Key and refuses the key with another body', async () => {
    const body = { name: 'Idempotent ticket', description: 'created once' };
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const posts = () =>
      emulator.requests.filter((r) => r.method === 'POST' && /\/issues$/.test(r.url)).length;
    const before = posts();
    const first = await gateway.call('POST', tickets(), { ...as(), body, headers });
    expect(first.status).toBe(201);
    expect(first.body.name).toBe('Idempotent ticket');
    const again = await gateway.call('POST', tickets(), {
      ...as(),
      body: { description: 'created once', name: 'Idempotent ticket' },
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(posts() - before).toBe(1);
    const conflict = await gateway.call('POST', tickets(), { ...as(), body: { name: 'Another' }, headers });
    expect(conflict.status).toBe(409);
  });

  it('maps provider failures: 429 with its headers, 5xx to 502, slowness to 504', async () => {
    emulator.injectFault({
      status: 429,
      headers: {
        'retry-after': '30',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 30),
      },
      body: { message: 'rate limited' },
      times: 5,
    });
    const limited = await gateway.call('GET', tickets(), as());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.headers.get('ratelimit-limit')).toBe('5000');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    emulator.clearFaults();

    emulator.injectFault({ status: 500, body: { message: 'boom' }, times: 10 });
    expect((await gateway.call('GET', tickets(), as())).status).toBe(502);
    emulator.clearFaults();

    emulator.injectFault({ status: 200, delayMs: 4_000, times: 5 });
    const slow = await gateway.call('GET', `/unified/ticketing/tickets/1?connection_id=${connection}`, as());
    expect(slow.status).toBe(504);
    expect(slow.body).toMatchObject({ statusCode: 504, error: 'Gateway Timeout' });
  });

  it('names what the provider lacks, and unknown resources', async () => {
    const noDelete = await gateway.call(
      'DELETE',
      `/unified/ticketing/tickets/1?connection_id=${connection}`,
      as(),
    );
    expect(noDelete.status).toBe(400);
    expect(noDelete.body.message).toBe('github does not support delete on tickets');
    expect(
      (await gateway.call('GET', `/unified/ticketing/accounts?connection_id=${connection}`, as())).body
        .message,
    ).toMatch(/github does not support list on accounts/);
    expect(
      (await gateway.call('GET', `/unified/ticketing/spaceships?connection_id=${connection}`, as())).status,
    ).toBe(404);
    expect((await gateway.call('GET', '/unified/ticketing/tickets', as())).body.details).toContain(
      'connection_id is required',
    );
  });

  it('applies tenant and connection overrides, checks them when saved, and limits them when run', async () => {
    const one = `/unified/ticketing/tickets/1?connection_id=${connection}`;
    const base = (await gateway.call('GET', one, as())).body;
    const tenantExpr = '{ "id": $string(number), "name": "[T] " & title }';
    expect(
      (
        await gateway.call('PUT', '/mappings/overrides/tickets.record', {
          ...as(),
          body: { expression: tenantExpr },
        })
      ).status,
    ).toBe(200);
    expect((await gateway.call('GET', one, as())).body.name).toBe(`[T] ${base.name}`);
    const connExpr =
      '{ "id": $string(number), "name": "[C] " & title, "priority": { "id": "p", "name": "P", "category": "high" } }';
    await gateway.call('PUT', '/mappings/overrides/tickets.record', {
      ...as(),
      body: { expression: connExpr, connection_id: connection },
    });
    expect((await gateway.call('GET', one, as())).body).toMatchObject({
      name: `[C] ${base.name}`,
      priority: { category: 'high' },
    });
    expect(
      (await gateway.call('GET', `/unified/ticketing/tickets/1?connection_id=${otherConnection}`, as())).body
        .name,
    ).toBe(`[T] ${base.name}`);

    const broken = await gateway.call('PUT', '/mappings/overrides/tickets.record', {
      ...as(),
      body: { expression: '{ "id": ' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.details.position).toEqual(expect.any(Number));
    expect(
      (
        await gateway.call('PUT', '/mappings/overrides/tickets.nonsense', {
          ...as(),
          body: { expression: '1' },
        })
      ).status,
    ).toBe(400);

    const preview = await gateway.call('POST', '/mappings/preview', {
      ...as(),
      body: {
        connection_id: connection,
        key: 'tickets.record',
        id: '1',
        expression: '{ "id": $string(number), "name": $uppercase(title) }',
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.candidate.name).toBe(base.name.toUpperCase());
    expect(preview.body.current.name).toBe(`[C] ${base.name}`);

    await gateway.call('PUT', '/mappings/overrides/tickets.record', {
      ...as(),
      body: {
        expression: '($f := function($n) { 1 + $f($n + 1) }; { "id": $string($f(0)) })',
        connection_id: connection,
      },
    });
    const started = Date.now();
    const runaway = await gateway.call('GET', one, as());
    expect(runaway.status).toBe(422);
    expect(Date.now() - started).toBeLessThan(3_000);

    await gateway.call('DELETE', `/mappings/overrides/tickets.record?connection_id=${connection}`, as());
    await gateway.call('DELETE', '/mappings/overrides/tickets.record', as());
    expect((await gateway.call('GET', one, as())).body.name).toBe(base.name);
  });

  it('proxies any call with the connection credentials and returns the answer as it came', async () => {
    const ok = await gateway.call(
      'GET',
      `/proxy/${connection}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues/1`,
      as(),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ number: 1 });
    const direct = await fetch(`${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues/1`, {
      headers: { authorization: `Bearer ${GITHUB_SEED_TOKEN}` },
    });
    expect(ok.text).toBe(await direct.text());
    expect(ok.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    const missing = await gateway.call(
      'GET',
      `/proxy/${connection}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues/99999`,
      as(),
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: 'Not Found' });
  });

  it('serves a valid OpenAPI 3.1 document with every unified resource', async () => {
    const answer = await gateway.call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(answer.body))).resolves.toBeDefined();
    for (const resource of UNIFIED_RESOURCES) {
      expect(Object.keys(answer.body.paths)).toEqual(
        expect.arrayContaining([`/unified/ticketing/${resource}`, `/unified/ticketing/${resource}/{id}`]),
      );
    }
    expect((await gateway.call('GET', '/docs')).status).toBe(200);
    const events = await gateway.call('GET', '/asyncapi.json');
    expect(events.body).toMatchObject({ asyncapi: '3.0.0' });
  });
});
