import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTicketingClient, type TicketingClient, type TicketingSchema } from '@app/client';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { documentedAnswers } from '../support/documented-answers';
import { ADMIN_KEY, startGateway, type RunningGateway } from '../support/gateway';

/**
 * The TypeScript client generated from the gateway's OpenAPI document (libs/client, `npm run client`)
 * against a running gateway and the GitHub emulator: every call goes through the client, so its paths,
 * parameters, bodies and answers are the ones the types say. The `@ts-expect-error` lines are checked by
 * `npm run typecheck`: each would compile if the types let a wrong call through.
 */
describe('the typed client (@app/client) against a running gateway', () => {
  const emulator = new GithubEmulator();
  let gateway: RunningGateway;
  let admin: TicketingClient;
  let client: TicketingClient;
  let tenantId: string;
  let connectionId: string;
  let answers: ReturnType<typeof documentedAnswers>;

  beforeAll(async () => {
    await emulator.start();
    gateway = await startGateway();
    answers = documentedAnswers(await (await fetch(`${gateway.url}/openapi.json`)).json());
    admin = createTicketingClient({ baseUrl: `${gateway.url}/`, apiKey: ADMIN_KEY });
    admin.use(answers.middleware);
    const { data: created, response } = await admin.POST('/admin/tenants', {
      body: { name: 'typed client' },
    });
    if (!created) throw new Error(`tenant creation failed: ${response.status}`);
    tenantId = created.tenant.id;
    client = createTicketingClient({ baseUrl: gateway.url, apiKey: created.api_key.secret });
    client.use(answers.middleware);
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator.stop();
  });

  it('is generated from exactly the document the gateway serves', async () => {
    const served = await (await fetch(`${gateway.url}/openapi.json`)).json();
    const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../docs/openapi.json'), 'utf8'));
    expect(served).toEqual(committed);
  });

  it('creates a connection and lists its tickets', async () => {
    const { data, error, response } = await client.POST('/connections', {
      body: {
        provider: 'github',
        settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url },
        credentials: { token: GITHUB_SEED_TOKEN },
      },
    });
    expect([response.status, error]).toEqual([201, undefined]);
    if (!data) throw new Error('no connection in the answer');
    // Typed as the documented Connection: no field can hold the credentials.
    expect(data).toMatchObject({
      provider: 'github',
      auth_status: 'ok',
      settings: { owner: GITHUB_SEED_OWNER },
    });
    expect(data.webhook.url).toMatch(/\/webhooks\//);
    expect(JSON.stringify(data)).not.toContain(GITHUB_SEED_TOKEN);
    connectionId = data.id;

    const page = await client.GET('/unified/ticketing/tickets', {
      params: { query: { connection_id: connectionId, limit: 5 } },
    });
    expect(page.response.status).toBe(200);
    expect(page.data?.result.length).toBeGreaterThan(0);
    expect(page.data?.result_count).toBe(page.data?.result.length);
    for (const ticket of page.data?.result ?? []) expect(ticket.id).toEqual(expect.any(String));
  });

  it('reads and renames the connection, lists tenants and issues a key, each answer typed', async () => {
    const listed = await client.GET('/connections');
    expect(listed.data?.result.map((c) => c.id)).toEqual([connectionId]);
    const renamed = await client.PATCH('/connections/{id}', {
      params: { path: { id: connectionId } },
      body: { name: 'Support tracker' },
    });
    expect(renamed.data?.name).toBe('Support tracker');
    const got = await client.GET('/connections/{id}', { params: { path: { id: connectionId } } });
    expect(got.data).toMatchObject({ id: connectionId, name: 'Support tracker', has_webhook_secret: true });
    expect(got.data?.webhook.secret).toBeUndefined(); // shown in the creation answer only

    const tenants = await admin.GET('/admin/tenants');
    expect(tenants.data?.result.map((t) => t.id)).toContain(tenantId);
    const issued = await admin.POST('/admin/tenants/{tenantId}/api-keys', {
      params: { path: { tenantId } },
      body: { name: 'second' },
    });
    expect(issued.data).toMatchObject({ tenant_id: tenantId, name: 'second' });
    const second = createTicketingClient({ baseUrl: gateway.url, apiKey: issued.data?.secret ?? '' });
    expect((await second.GET('/connections/{id}', { params: { path: { id: connectionId } } })).data?.id).toBe(
      connectionId,
    );
  });

  it('creates a ticket, reads it with its ETag, and gets 304 for If-None-Match with that ETag', async () => {
    const name = `Typed client ${Date.now()}`;
    const created = await client.POST('/unified/ticketing/tickets', {
      params: { query: { connection_id: connectionId } },
      body: { name, description: 'made through @app/client' },
    });
    expect(created.response.status).toBe(201);
    const ticket = created.data;
    if (!ticket) throw new Error(`ticket creation failed: ${JSON.stringify(created.error)}`);
    expect(ticket.name).toBe(name);
    expect(emulator.requests.some((r) => r.method === 'POST' && /\/issues$/.test(r.url))).toBe(true);

    const read = await client.GET('/unified/ticketing/tickets/{id}', {
      params: { path: { id: ticket.id }, query: { connection_id: connectionId } },
    });
    expect(read.response.status).toBe(200);
    expect(read.data?.description).toBe('made through @app/client');
    const etag = read.response.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(read.data?.etag).toBe(etag);

    const cached = await client.GET('/unified/ticketing/tickets/{id}', {
      params: {
        path: { id: ticket.id },
        query: { connection_id: connectionId },
        header: { 'If-None-Match': etag ?? '' },
      },
    });
    expect(cached.response.status).toBe(304);
    expect(cached.data).toBeUndefined();
    expect(cached.response.headers.get('etag')).toBe(etag);
  });

  it('answers a missing ticket with a typed ApiError (404)', async () => {
    const { data, error, response } = await client.GET('/unified/ticketing/tickets/{id}', {
      params: { path: { id: '999999' }, query: { connection_id: connectionId } },
    });
    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    // `error` is typed as the documented ApiError: its fields need no cast.
    const apiError: TicketingSchema<'ApiError'> | undefined = error;
    expect(apiError).toMatchObject({
      statusCode: 404,
      error: expect.any(String),
      message: expect.any(String),
    });
  });

  it('refuses wrong calls at compile time (checked by tsc), and the server refuses them too', async () => {
    const wrongCalls = {
      misspelled: () =>
        // @ts-expect-error a misspelled path
        client.GET('/unified/ticketing/tikets', { params: { query: { connection_id: connectionId } } }),
      // @ts-expect-error connection_id is required on the unified endpoints
      noConnection: () => client.GET('/unified/ticketing/tickets', { params: { query: { limit: 5 } } }),
      noTicketName: () =>
        client.POST('/unified/ticketing/tickets', {
          params: { query: { connection_id: connectionId } },
          // @ts-expect-error `name` is required to create a ticket
          body: { description: 'nameless' },
        }),
      // @ts-expect-error the tickets path has no PUT
      wrongMethod: () => client.PUT('/unified/ticketing/tickets', { body: {} }),
    };
    // What the types refuse, the gateway refuses too.
    const statuses = await Promise.all(
      Object.values(wrongCalls).map(async (call) => (await call()).response.status),
    );
    expect(statuses).toEqual([404, 400, 400, 405]);
  });

  it('got only answers that match the document: its schema for that operation and status', () => {
    expect(answers.mismatches).toEqual([]);
    // every documented answer above: tenants, keys, connections, tickets, the 404 and the refused wrong calls
    expect(answers.checked.length).toBeGreaterThanOrEqual(13);
  });
});
