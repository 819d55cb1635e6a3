import SwaggerParser from '@apidevtools/swagger-parser';
import type { Store } from '@app/store';
import { rawTableText } from '../store/store-fixture';
import { createTenant, type RunningGateway } from '../support/gateway';
import { openTestStore, startGatewayWithPolicy, storeEnv } from './dispatch-support';

const ROTATION_WINDOW_MS = 3_600_000;

describe('subscriptions API', () => {
  let gateway: RunningGateway;
  let strict: RunningGateway; // production policy: https only, nothing allowlisted
  let store: Store;
  let a: { id: string; key: string };
  let b: { id: string; key: string };
  let connectionA: string;
  let connectionB: string;

  beforeAll(async () => {
    const env = storeEnv();
    gateway = await startGatewayWithPolicy(env, {
      DISPATCH_ALLOW_HTTP: 'true',
      DISPATCH_ALLOWED_HOSTS: '127.0.0.1',
      DISPATCH_SECRET_ROTATION_WINDOW_MS: String(ROTATION_WINDOW_MS),
    });
    strict = await startGatewayWithPolicy(env, {});
    a = await createTenant(gateway, 'tenant a');
    b = await createTenant(gateway, 'tenant b');
    store = await openTestStore(env);
    const github = { provider: 'github', settings: { owner: 'o', repo: 'r' }, credentials: { token: 't' } };
    connectionA = (await store.connections.create(a.id, github)).id;
    connectionB = (await store.connections.create(b.id, github)).id;
  });
  afterAll(async () => {
    await store?.close();
    await strict?.close();
    await gateway?.close();
  });

  const create = (key: string, body: Record<string, unknown>, on = gateway) =>
    on.call('POST', '/subscriptions', { key, body });

  it('creates a subscription and shows its whsec_ secret once', async () => {
    const created = await create(a.key, {
      url: 'http://127.0.0.1:9/hook',
      event_types: ['ticketing.ticket.*'],
      description: 'ops',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: 'http://127.0.0.1:9/hook',
      event_types: ['ticketing.ticket.*'],
      connection_id: null,
      enabled: true,
      description: 'ops',
      disabled_reason: null,
    });
    expect(created.body.id).toMatch(/^sub_[0-9a-f]{32}$/);
    const secret: string = created.body.secret;
    // Nothing sealed is ever returned either, not even as ciphertext.
    expect(Object.keys(created.body).filter((k) => /_enc$/.test(k))).toEqual([]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const bytes = Buffer.from(secret.slice(6), 'base64').length;
    expect(bytes).toBeGreaterThanOrEqual(24);
    expect(bytes).toBeLessThanOrEqual(32);

    const read = await gateway.call('GET', `/subscriptions/${created.body.id}`, { key: a.key });
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(secret.slice(6));
    expect(read.body.secret).toBeUndefined();
    const listed = await gateway.call('GET', '/subscriptions', { key: a.key });
    expect(listed.text).not.toContain(secret.slice(6));
    expect(listed.body.result.map((s: { id: string }) => s.id)).toContain(created.body.id);
    // At rest only ciphertext: a database dump does not reveal it.
    expect(await rawTableText(store, 'subscriptions')).not.toContain(secret.slice(6));
  });

  it('updates, disables and deletes', async () => {
    const { body } = await create(a.key, { url: 'http://127.0.0.1:9/a', event_types: ['*'] });
    const patched = await gateway.call('PATCH', `/subscriptions/${body.id}`, {
      key: a.key,
      body: { url: 'http://127.0.0.1:9/b', event_types: ['ticketing.comment.created'], enabled: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      url: 'http://127.0.0.1:9/b',
      enabled: false,
      event_types: ['ticketing.comment.created'],
    });
    const cleared = await gateway.call('PATCH', `/subscriptions/${body.id}`, {
      key: a.key,
      body: { description: null },
    });
    expect(cleared.body.description).toBeNull();
    const nullUrl = await gateway.call('PATCH', `/subscriptions/${body.id}`, {
      key: a.key,
      body: { url: null },
    });
    expect(nullUrl.status).toBe(400);
    expect((await gateway.call('DELETE', `/subscriptions/${body.id}`, { key: a.key })).status).toBe(204);
    expect((await gateway.call('GET', `/subscriptions/${body.id}`, { key: a.key })).status).toBe(404);
  });

  it('filters by connection only when it is the tenant own connection', async () => {
    const own = await create(a.key, {
      url: 'http://127.0.0.1:9/c',
      event_types: ['*'],
      connection_id: connectionA,
    });
    expect(own.status).toBe(201);
    expect(own.body.connection_id).toBe(connectionA);
    const foreign = await create(a.key, {
      url: 'http://127.0.0.1:9/c',
      event_types: ['*'],
      connection_id: connectionB,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toContain(connectionB);
    expect(
      (await create(a.key, { url: 'http://127.0.0.1:9/c', event_types: ['*'], connection_id: 'con_nope' }))
        .status,
    ).toBe(404);
    const moved = await gateway.call('PATCH', `/subscriptions/${own.body.id}`, {
      key: a.key,
      body: { connection_id: connectionB },
    });
    expect(moved.status).toBe(404);
    const widened = await gateway.call('PATCH', `/subscriptions/${own.body.id}`, {
      key: a.key,
      body: { connection_id: null },
    });
    expect(widened.body.connection_id).toBeNull();
  });

  it("answers 404 on every route for another tenant's subscription", async () => {
    const { body } = await create(a.key, { url: 'http://127.0.0.1:9/d', event_types: ['*'] });
    const routes: [string, string, unknown?][] = [
      ['GET', `/subscriptions/${body.id}`],
      ['PATCH', `/subscriptions/${body.id}`, { enabled: false }],
      ['DELETE', `/subscriptions/${body.id}`],
      ['POST', `/subscriptions/${body.id}/rotate-secret`],
      ['GET', `/subscriptions/${body.id}/attempts`],
      ['POST', `/subscriptions/${body.id}/replay`, { since: '2026-01-01T00:00:00Z' }],
    ];
    for (const [method, route, payload] of routes) {
      const answer = await gateway.call(method, route, { key: b.key, body: payload });
      expect([method, route, answer.status]).toEqual([method, route, 404]);
    }
    const listedByB = await gateway.call('GET', '/subscriptions', { key: b.key });
    expect(listedByB.body.result.map((s: { id: string }) => s.id)).not.toContain(body.id);
    expect((await gateway.call('GET', `/subscriptions/${body.id}`, { key: a.key })).body.enabled).toBe(true);
    expect((await gateway.call('GET', '/subscriptions')).status).toBe(401);
  });

  it('rotates the secret: a new one, once, and the old one signs until the window ends', async () => {
    const { body } = await create(a.key, { url: 'http://127.0.0.1:9/e', event_types: ['*'] });
    const before = Date.now();
    const rotated = await gateway.call('POST', `/subscriptions/${body.id}/rotate-secret`, { key: a.key });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(body.secret);
    const expires = Date.parse(rotated.body.previous_secret_expires_at);
    expect(expires).toBeGreaterThanOrEqual(before + ROTATION_WINDOW_MS);
    expect(expires).toBeLessThanOrEqual(Date.now() + ROTATION_WINDOW_MS);
    const read = await gateway.call('GET', `/subscriptions/${body.id}`, { key: a.key });
    expect(read.body.previous_secret_expires_at).toBe(rotated.body.previous_secret_expires_at);
    expect(read.text).not.toContain(rotated.body.secret.slice(6));
  });

  it('refuses unsafe or malformed URLs and event types', async () => {
    const problems = async (url: string, on = strict, eventTypes = ['*']) => {
      const answer = await create(a.key, { url, event_types: eventTypes }, on);
      expect([url, answer.status]).toEqual([url, 400]);
      // Body-shape problems come as {field, problems}; URL and contract checks as strings.
      return (answer.body.details as unknown[])
        .map((d) => (typeof d === 'string' ? d : JSON.stringify(d)))
        .join('; ');
    };
    expect(await problems('http://example.com/hook')).toContain('https');
    expect(await problems('https://169.254.169.254/latest/meta-data/')).toContain('link-local');
    expect(await problems('https://[::ffff:10.0.0.1]/hook')).toContain('private');
    expect(await problems('https://127.0.0.1/hook')).toContain('loopback');
    expect(await problems('https://100.64.0.1/hook')).toContain('cgnat');
    expect(await problems('https://[fd00::1]/hook')).toContain('private');
    expect(await problems('https://localhost:8443/hook')).toContain(
      'localhost resolves to a loopback address',
    );
    expect(await problems('https://user:pass@hooks.example.com/')).toContain('credentials');
    expect(await problems('ftp://hooks.example.com/')).toContain('https');
    // Allowlisting names the host exactly: 127.0.0.1 is allowed on the test gateway, localhost is not.
    expect(await problems('http://localhost:9/hook', gateway)).toContain('loopback');
    expect(await problems('http://127.0.0.1:9/hook', gateway, ['ticketing.tick*'])).toContain('event type');
    // A well-formed type no topic carries (misspelt) is refused too; every resource's types are taken.
    expect(await problems('http://127.0.0.1:9/hook', gateway, ['ticketing.usr.*'])).toContain(
      'matches no event type',
    );
    const users = await create(a.key, { url: 'http://127.0.0.1:9/users', event_types: ['ticketing.user.*'] });
    expect(users.status).toBe(201);
    const bad = await create(a.key, { url: 'https://hooks.example.com/', event_types: [] });
    expect(bad.status).toBe(400);
    const ok = await create(
      a.key,
      { url: 'https://hooks.example.com/x', event_types: ['ticketing.*.deleted'] },
      strict,
    );
    expect(ok.status).toBe(201);
  });

  it('validates replay and attempt-log requests', async () => {
    const { body } = await create(a.key, { url: 'http://127.0.0.1:9/f', event_types: ['*'] });
    const replay = (payload: unknown) =>
      gateway.call('POST', `/subscriptions/${body.id}/replay`, { key: a.key, body: payload });
    expect((await replay({})).status).toBe(400);
    expect((await replay({ event_id: 'x', since: '2026-01-01T00:00:00Z' })).status).toBe(400);
    expect((await replay({ since: 'yesterday' })).status).toBe(400);
    expect((await replay({ since: new Date(Date.now() + 60_000).toISOString() })).status).toBe(400);
    expect((await replay({ event_id: 'never-seen' })).status).toBe(404);
    expect(await replay({ since: '2026-01-01T00:00:00Z' })).toMatchObject({
      status: 202,
      body: { replayed: 0, more: false },
    });
    await gateway.call('PATCH', `/subscriptions/${body.id}`, { key: a.key, body: { enabled: false } });
    expect((await replay({ since: '2026-01-01T00:00:00Z' })).status).toBe(409);
    const attempts = await gateway.call('GET', `/subscriptions/${body.id}/attempts?limit=5`, { key: a.key });
    expect(attempts).toMatchObject({ status: 200, body: { result: [], next_cursor: null, result_count: 0 } });
    expect(
      (await gateway.call('GET', `/subscriptions/${body.id}/attempts?limit=0`, { key: a.key })).status,
    ).toBe(400);
    expect(
      (await gateway.call('GET', `/subscriptions/${body.id}/attempts?next_cursor=zzz`, { key: a.key }))
        .status,
    ).toBe(400);
  });

  it('documents the routes in a valid OpenAPI document', async () => {
    const answer = await gateway.call('GET', '/openapi.json');
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining([
        '/subscriptions',
        '/subscriptions/{id}',
        '/subscriptions/{id}/rotate-secret',
        '/subscriptions/{id}/attempts',
        '/subscriptions/{id}/replay',
      ]),
    );
    await expect(SwaggerParser.validate(structuredClone(answer.body))).resolves.toBeDefined();
  });
});
