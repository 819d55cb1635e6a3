import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderRegistry, verifyWebhookSignature } from '@app/providers';
import { DEMO_PROVIDERS } from '@app/sandbox/demo';
import { STORE, type Store } from '@app/store';
import type { EmulatedHooks } from '../../libs/sandbox/src/kit/hooks';
import type { ProviderEmulator } from '../../libs/sandbox/src/kit/provider-emulator';
import { JIRA_CLOUD_ID, JIRA_DEMO_OAUTH_APP } from '../../libs/sandbox/src/jira/oauth';
import { waitUntil } from '../dispatch/dispatch-support';
import { createTenant, startGateway, type RunningGateway } from '../support/gateway';

type HookingEmulator = ProviderEmulator & {
  hooks: EmulatedHooks;
  subscribeWebhooks(url: string, s: string): void;
};
interface Delivery {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

const registry = new ProviderRegistry();

/** Stands in for webhook-ingest: records what the provider sends to the registered URL. */
async function startIngestRecorder(received: Delivery[]): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Provider webhooks set up for the user: registered at the provider (its emulator) pointing at our ingest
 * with a fresh secret (or the one the provider chose), deliveries signed with it, re-created when someone
 * deletes it at the provider, removed with the connection.
 */
describe.each(['github', 'zendesk', 'gitlab'])('%s webhook registration', (provider) => {
  const demo = DEMO_PROVIDERS.find((d) => d.provider === provider)!;
  let emulator: HookingEmulator;
  let gateway: RunningGateway;
  let key: string;
  let ingest: Server;
  let ingestUrl: string;
  const received: Delivery[] = [];

  beforeAll(async () => {
    emulator = demo.createEmulator() as unknown as HookingEmulator;
    await emulator.start();
    ({ server: ingest, url: ingestUrl } = await startIngestRecorder(received));
    gateway = await startGateway({ PUBLIC_WEBHOOK_BASE_URL: ingestUrl, WEBHOOK_CHECK_INTERVAL_SECONDS: '1' });
    ({ key } = await createTenant(gateway, `hooks-${provider}`));
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator?.stop();
    ingest?.close();
  });

  const connect = (extra: Record<string, unknown> = {}) =>
    gateway.call('POST', '/connections', {
      key,
      body: {
        provider,
        settings: { ...demo.settings, base_url: emulator.url },
        credentials: demo.credentials,
        register_webhook: true,
        ...extra,
      },
    });
  const storedSecret = async (id: string) =>
    (await gateway.app.get<Store>(STORE).connections.findById(id))?.webhookSecret;
  const onlyHook = () => {
    const hooks = [...emulator.hooks.hooks.values()];
    expect(hooks).toHaveLength(1);
    return hooks[0];
  };

  it('registers the hook on connect, and the provider signs its deliveries with the connection’s secret', async () => {
    const created = await connect();
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.webhook_status).toMatchObject({ state: 'registered', error: null });
    const hook = onlyHook();
    expect(hook.url).toBe(`${ingestUrl}/webhooks/${id}`);
    expect(created.body.webhook_status.hook_id).toBe(hook.id);
    expect(created.body.webhook.secret).toBe(hook.secret);
    expect(await storedSecret(id)).toBe(hook.secret);

    const write = await gateway.call('POST', `/unified/ticketing/tickets?connection_id=${id}`, {
      key,
      body: {
        description: 'hooked',
        ...demo.conformance.plans.tickets?.create,
        name: 'Webhook registration probe',
      },
    });
    expect(write.status).toBe(201);
    await waitUntil(() => received.some((d) => d.path === `/webhooks/${id}`), 10_000);
    const delivery = received.find((d) => d.path === `/webhooks/${id}`)!;
    const verification = registry.get(provider).webhooks!.verification;
    expect(
      verifyWebhookSignature(verification, hook.secret, {
        headers: delivery.headers,
        rawBody: delivery.body,
      }),
    ).toEqual({ ok: true });

    // Deleted at the provider: the periodic check notices and registers it again (a new hook, a new secret
    // where the provider chooses it).
    emulator.hooks.dropAll();
    await waitUntil(() => emulator.hooks.hooks.size === 1, 10_000);
    const again = onlyHook();
    expect(again.id).not.toBe(hook.id);
    await waitUntil(async () => (await storedSecret(id)) === again.secret, 5_000);
    const shown = await gateway.call('GET', `/connections/${id}`, { key });
    expect(shown.body.webhook_status).toMatchObject({ state: 'registered', hook_id: again.id });

    // Gone with the connection.
    expect((await gateway.call('DELETE', `/connections/${id}`, { key })).status).toBe(204);
    expect(emulator.hooks.hooks.size).toBe(0);
  }, 40_000);

  it('a refused registration is the connection’s webhook_status, not a failed connect; the check retries it', async () => {
    emulator.injectFault({
      status: 403,
      body: { message: 'Must have admin rights to Repository.' },
      match: /POST .*hooks/,
    });
    const created = await connect();
    expect(created.status).toBe(201);
    expect(created.body.webhook_status).toMatchObject({ state: 'failed', hook_id: null });
    expect(created.body.webhook_status.error).toEqual(expect.any(String));
    const checked = await gateway.call('POST', `/connections/${created.body.id}/webhook/check`, { key });
    expect(checked.status).toBe(200);
    expect(checked.body.webhook_status.state).toBe('registered');
    expect(emulator.hooks.hooks.size).toBe(1);
    await gateway.call('DELETE', `/connections/${created.body.id}`, { key });
    expect(emulator.hooks.hooks.size).toBe(0);
  }, 20_000);
});

describe('webhook registration where the provider has no API for it', () => {
  it('refuses register_webhook before storing anything', async () => {
    const gateway = await startGateway();
    try {
      const { key } = await createTenant(gateway, 'hooks-front');
      const front = DEMO_PROVIDERS.find((d) => d.provider === 'front')!;
      const answer = await gateway.call('POST', '/connections', {
        key,
        body: {
          provider: 'front',
          settings: front.settings,
          credentials: front.credentials,
          register_webhook: true,
        },
      });
      expect(answer.status).toBe(400);
      expect((await gateway.call('GET', '/connections', { key })).body.result).toEqual([]);
    } finally {
      await gateway.close();
    }
  });
});

describe('jira dynamic webhooks (OAuth connections)', () => {
  const jira = DEMO_PROVIDERS.find((d) => d.provider === 'jira')!;
  let emulator: HookingEmulator & {
    oauthTokens: Map<string, number | undefined>;
    dynamicWebhooks: { refreshes(): number };
  };
  let gateway: RunningGateway;
  let tenant: { id: string; key: string };
  let ingest: Server;
  let ingestUrl: string;
  const received: Delivery[] = [];

  beforeAll(async () => {
    emulator = jira.createEmulator() as unknown as typeof emulator;
    await emulator.start();
    ({ server: ingest, url: ingestUrl } = await startIngestRecorder(received));
    gateway = await startGateway({ PUBLIC_WEBHOOK_BASE_URL: ingestUrl, WEBHOOK_CHECK_INTERVAL_SECONDS: '0' });
    tenant = await createTenant(gateway, 'hooks-jira');
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator?.stop();
    ingest?.close();
  });

  it('registers a JQL-scoped dynamic webhook, verifies its JWT-signed deliveries, renews, repairs and removes it', async () => {
    const store = gateway.app.get<Store>(STORE);
    await store.oauthApps.put(tenant.id, 'jira', {
      clientId: JIRA_DEMO_OAUTH_APP.clientId,
      clientSecret: JIRA_DEMO_OAUTH_APP.clientSecret,
    });
    emulator.oauthTokens.set('at-dynamic-webhooks', undefined);
    const connection = await store.connections.create(tenant.id, {
      provider: 'jira',
      settings: { site: 'acme', cloud_id: JIRA_CLOUD_ID, project_key: 'SUP', base_url: emulator.url },
      credentials: { access_token: 'at-dynamic-webhooks' },
      authMethod: 'oauth2',
    });
    const call = (method: string, route: string, body?: unknown) =>
      gateway.call(method, route, { key: tenant.key, body });

    const first = await call('POST', `/connections/${connection.id}/webhook/check`);
    expect(first.body.webhook_status.state).toBe('registered');
    const hook = onlyHookOf(emulator.hooks);
    expect(hook.url).toBe(`${ingestUrl}/webhooks/${connection.id}`);
    expect(hook.events).toContain('jira:issue_created');

    const write = await call('POST', `/unified/ticketing/tickets?connection_id=${connection.id}`, {
      ...jira.conformance.plans.tickets?.create,
      name: 'Dynamic webhook probe',
    });
    expect(write.status).toBe(201);
    await waitUntil(() => received.some((d) => d.path === `/webhooks/${connection.id}`), 10_000);
    const delivery = received.find((d) => d.path === `/webhooks/${connection.id}`)!;
    const scheme = registry.get('jira').webhooks!.registration!.verification!;
    const stored = await store.connections.findById(connection.id);
    expect(stored?.webhookSecret).toBe(JIRA_DEMO_OAUTH_APP.clientSecret);
    expect(
      verifyWebhookSignature(scheme, stored?.webhookSecret, {
        headers: delivery.headers,
        rawBody: delivery.body,
      }),
    ).toEqual({ ok: true });
    expect(
      verifyWebhookSignature(scheme, 'another-secret', { headers: delivery.headers, rawBody: delivery.body })
        .ok,
    ).toBe(false);

    // A check of a hook that is there refreshes it (Jira's expire after 30 days).
    await call('POST', `/connections/${connection.id}/webhook/check`);
    expect(emulator.dynamicWebhooks.refreshes()).toBe(1);
    emulator.hooks.dropAll();
    const repaired = await call('POST', `/connections/${connection.id}/webhook/check`);
    expect(repaired.body.webhook_status.state).toBe('registered');
    expect(onlyHookOf(emulator.hooks).id).not.toBe(hook.id);
    expect((await call('DELETE', `/connections/${connection.id}`)).status).toBe(204);
    expect(emulator.hooks.hooks.size).toBe(0);
  }, 30_000);

  it('an API-token connection cannot register one (dynamic webhooks are for OAuth apps)', async () => {
    const answer = await gateway.call('POST', '/connections', {
      key: tenant.key,
      body: {
        provider: 'jira',
        settings: { ...jira.settings, base_url: emulator.url },
        credentials: jira.credentials,
        register_webhook: true,
      },
    });
    expect(answer.status).toBe(400);
  });
});

function onlyHookOf(hooks: EmulatedHooks) {
  const all = [...hooks.hooks.values()];
  expect(all).toHaveLength(1);
  return all[0];
}
