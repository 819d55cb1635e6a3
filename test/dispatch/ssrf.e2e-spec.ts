import type { INestApplicationContext } from '@nestjs/common';
import { generateSecret, systemResolver, type Resolver } from '@app/delivery';
import type { Store } from '@app/store';
import {
  dispatcherConfig,
  EventProducer,
  openTestStore,
  startTestDispatcher,
  storeEnv,
  Subscriber,
  waitUntil,
} from './dispatch-support';

/** DNS as an attacker would arrange it: public-looking names that resolve to internal addresses. */
const resolver: Resolver = async (host) => {
  if (host === 'internal.test') return [{ address: '10.0.0.5', family: 4 }];
  if (host === 'rebind.test') return [{ address: '127.0.0.1', family: 4 }];
  if (host === 'mixed.test')
    return [
      { address: '127.0.0.1', family: 4 },
      { address: '2606:4700::1', family: 6 },
    ];
  if (host === 'allowed.test') return [{ address: '127.0.0.1', family: 4 }];
  return systemResolver(host);
};

// The dispatcher with production rules (nothing allowlisted but one name) on loopback: every
// subscription below points, one way or another, at a private address, and must receive nothing.
describe('SSRF guard at delivery time', () => {
  const env = storeEnv();
  const subscriber = new Subscriber();
  const producer = new EventProducer();
  let dispatcher: INestApplicationContext;
  let store: Store;
  let tenantId: string;
  let connectionId: string;

  beforeAll(async () => {
    store = await openTestStore(env);
    tenantId = (await store.tenants.create({ name: 'ssrf' })).id;
    connectionId = (
      await store.connections.create(tenantId, { provider: 'github', settings: {}, credentials: {} })
    ).id;
    await subscriber.listen();
    await producer.connect();
    dispatcher = await startTestDispatcher(
      dispatcherConfig({ ...env, DISPATCH_ALLOWED_HOSTS: 'allowed.test' }),
      {
        resolver,
      },
    );
  });
  afterAll(async () => {
    await dispatcher?.close();
    await producer.disconnect();
    await subscriber.close();
    await store?.close();
  });

  it('refuses private, loopback, link-local and disguised destinations; delivers to the allowlisted one', async () => {
    const port = subscriber.port;
    // Saved straight into the store, as if the API had accepted them (e.g. before DNS changed).
    const refused: Record<string, string> = {
      [`http://127.0.0.1:${port}/loopback`]: 'loopback',
      [`http://localhost:${port}/localhost`]: 'loopback',
      [`http://0.0.0.0:${port}/unspecified`]: 'unspecified',
      [`http://[::1]:${port}/v6-loopback`]: 'loopback',
      [`http://[::ffff:127.0.0.1]:${port}/mapped`]: 'loopback',
      [`http://[64:ff9b::7f00:1]:${port}/nat64`]: 'loopback',
      'http://169.254.169.254/latest/meta-data/': 'link-local',
      'http://[::ffff:10.0.0.1]/mapped-private': 'private',
      'http://100.64.1.1/cgnat': 'cgnat',
      [`http://internal.test:${port}/dns-private`]: 'private',
      [`http://rebind.test:${port}/dns-loopback`]: 'loopback',
      [`http://mixed.test:${port}/one-bad-answer`]: 'loopback',
    };
    const ids: Record<string, string> = {};
    for (const url of Object.keys(refused)) {
      const s = await store.subscriptions.create(tenantId, {
        url,
        event_types: ['*'],
        connection_id: connectionId,
        secret: generateSecret(),
      });
      ids[url] = s.id;
    }
    const control = await store.subscriptions.create(tenantId, {
      url: `http://allowed.test:${port}/control`,
      event_types: ['*'],
      connection_id: connectionId,
      secret: generateSecret(),
    });
    const event = producer.event({ tenantId, connectionId });
    await producer.produce([event]);

    await subscriber.waitFor((all) => all.some((r) => r.path === '/control'));
    const firstAttempt = async (url: string) =>
      (await store.deliveryAttempts.listAttempts(ids[url], { limit: 50 })).result.at(-1);
    await waitUntil(async () => {
      for (const url of Object.keys(refused)) if (!(await firstAttempt(url))) return false;
      return true;
    });
    for (const [url, reason] of Object.entries(refused)) {
      const attempt = await firstAttempt(url);
      expect([url, attempt?.status_code]).toEqual([url, null]);
      expect([url, attempt?.error]).toEqual([url, expect.stringContaining(reason)]);
      expect(attempt?.error).toMatch(/refused|not allowed/);
    }
    expect(subscriber.received.map((r) => r.path)).toEqual(['/control']);
    // The subscriber has the request before the dispatcher records the attempt: wait for the record.
    const controlAttempt = async () =>
      (await store.deliveryAttempts.listAttempts(control.id, { limit: 5 })).result[0];
    await waitUntil(async () => (await controlAttempt()) !== undefined);
    expect((await controlAttempt()).status_code).toBe(200);
  });
});
