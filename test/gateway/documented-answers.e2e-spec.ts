import { randomUUID } from 'node:crypto';
import { createTicketingClient, type TicketingClient } from '@app/client';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import type { Store } from '@app/store';
import { documentedAnswers } from '../support/documented-answers';
import { openE2eStore, freshStoreEnv } from '../support/e2e-store';
import { ADMIN_KEY, startGateway, type RunningGateway } from '../support/gateway';

/**
 * The answers of the routes around the unified API (admin, connections, connect, discovery, mappings,
 * subscriptions), given by a running gateway to real calls, each checked against the schema its operation
 * and status have in the served document (documentedAnswers). Closed schemas: a field the document does
 * not state (a secret, say) is a mismatch too.
 */
describe('the answers around the unified API match the document', () => {
  const emulator = new GithubEmulator();
  const env = freshStoreEnv('documented-answers');
  let gateway: RunningGateway;
  let store: Store;
  let answers: ReturnType<typeof documentedAnswers>;
  let admin: TicketingClient;
  let client: TicketingClient;
  let tenantId: string;
  let connectionId: string;
  let subscriptionId: string;

  beforeAll(async () => {
    await emulator.start();
    gateway = await startGateway({
      ...env,
      DISPATCH_ALLOW_HTTP: 'true',
      DISPATCH_ALLOWED_HOSTS: '127.0.0.1',
    });
    store = await openE2eStore(env);
    answers = documentedAnswers(await (await fetch(`${gateway.url}/openapi.json`)).json());
    admin = createTicketingClient({ baseUrl: gateway.url, apiKey: ADMIN_KEY });
    admin.use(answers.middleware);
    const { data } = await admin.POST('/admin/tenants', { body: { name: 'documented answers' } });
    if (!data) throw new Error('no tenant');
    tenantId = data.tenant.id;
    client = createTicketingClient({ baseUrl: gateway.url, apiKey: data.api_key.secret });
    client.use(answers.middleware);
    const connection = await client.POST('/connections', {
      body: {
        provider: 'github',
        settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url },
        credentials: { token: GITHUB_SEED_TOKEN },
        register_webhook: true,
      },
    });
    if (!connection.data) throw new Error(`no connection: ${JSON.stringify(connection.error)}`);
    connectionId = connection.data.id;
  });
  afterAll(async () => {
    await store?.close();
    await gateway?.close();
    await emulator.stop();
  });

  it('discovery and the webhook check', async () => {
    const integrations = await client.GET('/integrations');
    expect(integrations.data?.result.find((i) => i.provider === 'github')?.webhooks).not.toBeNull();
    const capabilities = await client.GET('/connections/{id}/capabilities', {
      params: { path: { id: connectionId } },
    });
    expect(capabilities.data?.provider).toBe('github');
    const check = await client.POST('/connections/{id}/webhook/check', {
      params: { path: { id: connectionId } },
    });
    expect(check.data?.webhook_status.state).toBe('registered');
  });

  it('hosted connect: settings, a session, OAuth apps (never their client secret)', async () => {
    const origins = ['https://app.example.com'];
    const saved = await client.PUT('/connect/settings', { body: { allowed_redirect_origins: origins } });
    expect(saved.data?.allowed_redirect_origins).toEqual(origins);
    expect((await client.GET('/connect/settings')).data?.allowed_redirect_origins).toEqual(origins);
    const session = await client.POST('/connect/sessions', {
      body: { providers: ['github', 'zendesk'], external_id: 'user-1', redirect_url: `${origins[0]}/done` },
    });
    expect(session.response.status).toBe(201);
    expect(session.data).toMatchObject({ external_id: 'user-1', connection_id: null });
    const reauthorise = await client.POST('/connect/sessions', { body: { connection_id: connectionId } });
    expect(reauthorise.data).toMatchObject({ providers: ['github'], redirect_url: null });

    const clientSecret = `secret-${randomUUID()}`;
    const app = await client.PUT('/connect/oauth-apps/{provider}', {
      params: { path: { provider: 'jira' } },
      body: { client_id: 'my-client', client_secret: clientSecret },
    });
    expect(app.data).toMatchObject({ provider: 'jira', client_id: 'my-client' });
    const apps = await client.GET('/connect/oauth-apps');
    expect(apps.data?.result_count).toBe(1);
    expect(JSON.stringify([app.data, apps.data])).not.toContain(clientSecret);
  });

  it('mapping overrides: saved, read, listed with failures, the base mapping and a preview', async () => {
    // On users, so that the tickets read below keep their own mapping.
    const key = 'users.record';
    const expression = '{"id": $string(id), "name": "[override] " & login}';
    const put = await client.PUT('/mappings/overrides/{key}', {
      params: { path: { key } },
      body: { expression, connection_id: connectionId },
    });
    expect(put.data).toEqual({ key, connection_id: connectionId, expression });
    const got = await client.GET('/mappings/overrides/{key}', {
      params: { path: { key }, query: { connection_id: connectionId } },
    });
    expect(got.data).toMatchObject({ tenant_id: tenantId, key, expression });
    const listed = await client.GET('/mappings/overrides');
    expect(listed.data?.result[0].failures).toEqual({ count: 0, last_failed_at: null, last_message: null });
    const base = await client.GET('/mappings/base/{provider}/{key}', {
      params: { path: { provider: 'github', key: 'tickets.record' } },
    });
    expect(base.data?.expression).toEqual(expect.any(String));

    const page = await client.GET('/unified/ticketing/tickets', {
      params: { query: { connection_id: connectionId, limit: 1 } },
    });
    const ticketId = page.data?.result[0]?.id;
    if (!ticketId) throw new Error('no ticket to preview');
    const preview = await client.POST('/mappings/preview', {
      body: {
        connection_id: connectionId,
        key: 'tickets.record',
        id: ticketId,
        expression: '{"id": $string(number), "name": "x"}',
      },
    });
    expect(preview.response.status).toBe(200);
    expect(preview.data?.candidate).toMatchObject({ id: ticketId, name: 'x', description: null });
    expect(preview.data?.current).toMatchObject({ id: ticketId });
    expect(preview.data?.remote_data).toMatchObject({ number: Number(ticketId) });
  });

  it('subscriptions: the secret on create and rotate only, attempts, replay, and the tenant purge', async () => {
    const created = await client.POST('/subscriptions', {
      body: {
        url: 'http://127.0.0.1:9/hook',
        event_types: ['ticketing.ticket.*'],
        connection_id: connectionId,
      },
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.secret).toMatch(/^whsec_/);
    subscriptionId = created.data!.id;
    const path = { params: { path: { id: subscriptionId } } };
    const read = await client.GET('/subscriptions/{id}', path);
    expect(read.data?.id).toBe(subscriptionId);
    expect(Object.keys(read.data ?? {})).not.toContain('secret');
    const listed = await client.GET('/subscriptions');
    expect(listed.data?.result.map((s) => s.id)).toEqual([subscriptionId]);
    const patched = await client.PATCH('/subscriptions/{id}', { ...path, body: { description: null } });
    expect(patched.data?.description).toBeNull();
    const rotated = await client.POST('/subscriptions/{id}/rotate-secret', path);
    expect(rotated.data?.secret).toMatch(/^whsec_/);
    expect(rotated.data?.secret).not.toBe(created.data?.secret);
    expect(rotated.data?.previous_secret_expires_at).toEqual(expect.any(String));

    // Two attempts the dispatcher would have logged: one answered 500, one that got no answer.
    const at = new Date();
    const event = {
      tenantId,
      eventId: randomUUID(),
      type: 'ticketing.ticket.updated',
      connectionId,
      time: at.toISOString(),
      body: '{}',
    };
    await store.deliveryAttempts.enqueue([{ event, subscriptionIds: [subscriptionId] }], at);
    for (const [statusCode, error] of [
      [500, null],
      [null, 'connect ECONNREFUSED'],
    ] as const) {
      const [delivery] = await store.deliveryAttempts.claimDue(
        new Date(),
        1,
        10,
        'test',
        new Date(Date.now() + 60_000),
      );
      const attempt = { attemptedAt: new Date(), statusCode, latencyMs: 12, error };
      await store.deliveryAttempts.finish(delivery, 'test', attempt, {
        status: 'pending',
        nextAttemptAt: new Date(),
      });
    }
    const attempts = await client.GET('/subscriptions/{id}/attempts', {
      params: { path: { id: subscriptionId }, query: { limit: 1 } },
    });
    expect(attempts.data?.result).toHaveLength(1);
    const rest = await client.GET('/subscriptions/{id}/attempts', {
      params: { path: { id: subscriptionId }, query: { next_cursor: attempts.data?.next_cursor ?? '' } },
    });
    expect(
      [...(attempts.data?.result ?? []), ...(rest.data?.result ?? [])].map((a) => a.status_code),
    ).toEqual([null, 500]);
    expect(rest.data?.next_cursor).toBeNull();
    const replay = await client.POST('/subscriptions/{id}/replay', {
      ...path,
      body: { event_id: event.eventId },
    });
    expect(replay.response.status).toBe(202);
    expect(replay.data).toEqual({ replayed: 1, more: false });

    const purge = await admin.DELETE('/admin/tenants/{tenantId}/stored-data', {
      params: { path: { tenantId } },
    });
    expect(purge.data).toMatchObject({ tenant_id: tenantId, purged: { events: 1, attempts: 2 } });
  });

  it('got only answers that match their documented schema', () => {
    expect(answers.mismatches).toEqual([]);
    const operations = new Set(answers.checked.map((call) => call.replace(/ \d+$/, '')));
    // The 21 operations whose answers had no schema before, and the calls that set them up.
    for (const operation of [
      'DELETE /admin/tenants/{tenantId}/stored-data',
      'POST /connections/{id}/webhook/check',
      'POST /connect/sessions',
      'GET /connect/settings',
      'PUT /connect/settings',
      'GET /connect/oauth-apps',
      'PUT /connect/oauth-apps/{provider}',
      'GET /integrations',
      'GET /connections/{id}/capabilities',
      'GET /mappings/overrides',
      'GET /mappings/overrides/{key}',
      'PUT /mappings/overrides/{key}',
      'GET /mappings/base/{provider}/{key}',
      'POST /mappings/preview',
      'POST /subscriptions',
      'GET /subscriptions',
      'GET /subscriptions/{id}',
      'PATCH /subscriptions/{id}',
      'POST /subscriptions/{id}/rotate-secret',
      'GET /subscriptions/{id}/attempts',
      'POST /subscriptions/{id}/replay',
    ])
      expect([...operations]).toContain(operation);
  });
});
