import { GithubEmulator, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import type { Store } from '@app/store';
import { freshStoreEnv, openE2eStore } from '../support/e2e-store';
import {
  ADMIN_KEY,
  connectGithubEmulator,
  createTenant,
  startGateway,
  type RunningGateway,
} from '../support/gateway';

// The bound docs/operations/caches.md states; the test allows the calls' own latency on top of it.
const CACHE_MS = 1_000;
const BOUND_MS = 2_000;

/**
 * The gateway keeps API keys, opened connection credentials and overrides for GATEWAY_READ_CACHE_MS:
 * a change through the same process shows on its next call, a change through another process (a second
 * gateway on the same store, or anything writing to the store) within the bound.
 */
describe('gateway read caches: staleness of revoked keys and rotated credentials', () => {
  const emulator = new GithubEmulator();
  const storeEnv = freshStoreEnv('gateway-caches');
  let a: RunningGateway;
  let b: RunningGateway;
  let outside: Store;
  let tenant: { id: string; key: string };
  let connection: string;
  const getOne = (gateway: RunningGateway, key = tenant.key) =>
    gateway.call('GET', `/unified/ticketing/tickets/1?connection_id=${connection}`, { key });

  /** Calls until `refused` holds; the time it took after the change, or fails after twice the bound. */
  async function msUntil(
    gateway: RunningGateway,
    key: string,
    refused: (status: number) => boolean,
  ): Promise<number> {
    const start = Date.now();
    while (Date.now() - start < 2 * BOUND_MS) {
      if (refused((await getOne(gateway, key)).status)) return Date.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no change seen within ${2 * BOUND_MS} ms`);
  }

  const issueKey = async () => {
    const issued = await a.call('POST', `/admin/tenants/${tenant.id}/api-keys`, {
      key: ADMIN_KEY,
      body: { name: 'cache test' },
    });
    return { id: issued.body.id as string, secret: issued.body.secret as string };
  };

  beforeAll(async () => {
    await emulator.start();
    const env = { ...storeEnv, GATEWAY_READ_CACHE_MS: String(CACHE_MS) };
    a = await startGateway(env);
    b = await startGateway(env);
    outside = await openE2eStore(storeEnv);
    tenant = await createTenant(a, 'cache tenant');
    connection = await connectGithubEmulator(a, tenant.key, emulator.url);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await outside?.close();
    await emulator.stop();
  });

  it('refuses a key revoked through this process at once, and through another within the bound', async () => {
    const key = await issueKey();
    expect((await getOne(a, key.secret)).status).toBe(200);
    expect((await getOne(b, key.secret)).status).toBe(200);
    // Revoked through A's admin route: A has it cached, and forgets it.
    const revoked = await a.call('DELETE', `/admin/tenants/${tenant.id}/api-keys/${key.id}`, {
      key: ADMIN_KEY,
    });
    expect(revoked.status).toBe(204);
    expect((await getOne(a, key.secret)).status).toBe(401);
    // B cached the key a moment ago and learns nothing from A: it refuses within the bound.
    expect(await msUntil(b, key.secret, (status) => status === 401)).toBeLessThanOrEqual(BOUND_MS);
  });

  it('refuses a key revoked by another process (the store directly) within the bound on every gateway', async () => {
    const key = await issueKey();
    expect((await getOne(a, key.secret)).status).toBe(200);
    expect((await getOne(b, key.secret)).status).toBe(200);
    await outside.apiKeys.revoke(tenant.id, key.id);
    const waits = await Promise.all(
      [a, b].map((gateway) => msUntil(gateway, key.secret, (status) => status === 401)),
    );
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(BOUND_MS);
  });

  it('calls with rotated credentials at once on the process that rotated them, within the bound elsewhere', async () => {
    expect((await getOne(a)).status).toBe(200);
    expect((await getOne(b)).status).toBe(200);
    const rotate = (gateway: RunningGateway, token: string) =>
      gateway.call('PATCH', `/connections/${connection}`, {
        key: tenant.key,
        body: { credentials: { token } },
      });
    // A token the provider refuses: the very next call through A goes out with it (and is refused).
    expect((await rotate(a, 'ghp_rotated_and_refused')).status).toBe(200);
    expect((await getOne(a)).status).not.toBe(200);
    expect(await msUntil(b, tenant.key, (status) => status !== 200)).toBeLessThanOrEqual(BOUND_MS);
    // Rotated back through B: B at once, A within the bound.
    expect((await rotate(b, GITHUB_SEED_TOKEN)).status).toBe(200);
    expect((await getOne(b)).status).toBe(200);
    expect(await msUntil(a, tenant.key, (status) => status === 200)).toBeLessThanOrEqual(BOUND_MS);
  });
});
