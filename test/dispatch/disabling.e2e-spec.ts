import type { INestApplicationContext } from '@nestjs/common';
import { generateSecret } from '@app/delivery';
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

const DISABLE_AFTER_MS = 1_500;

// "Failing continuously for days" compressed to 1.5 s: the clock runs from the first failure
// since the last success, and any success stops it.
describe('disabling a subscription that keeps failing', () => {
  const env = storeEnv();
  const producer = new EventProducer();
  let dispatcher: INestApplicationContext;
  let store: Store;
  let tenantId: string;

  beforeAll(async () => {
    store = await openTestStore(env);
    tenantId = (await store.tenants.create({ name: 'disabling' })).id;
    await producer.connect();
    dispatcher = await startTestDispatcher(
      dispatcherConfig({
        ...env,
        DISPATCH_DISABLE_AFTER_MS: String(DISABLE_AFTER_MS),
        DISPATCH_RETRY_SCHEDULE: Array(30).fill('200ms').join(','),
      }),
    );
  });
  afterAll(async () => {
    await dispatcher?.close();
    await producer.disconnect();
    await store?.close();
  });

  const subscribe = async (subscriber: Subscriber) => {
    const connection = await store.connections.create(tenantId, {
      provider: 'github',
      settings: {},
      credentials: {},
    });
    const subscription = await store.subscriptions.create(tenantId, {
      url: subscriber.url(),
      event_types: ['*'],
      connection_id: connection.id,
      secret: generateSecret(),
    });
    return { id: subscription.id, connectionId: connection.id };
  };
  const read = async (id: string) => (await store.subscriptions.findForTenant(tenantId, id))!;

  it('disables after failing for the configured time and drops what was pending', async () => {
    const down = new Subscriber((_req, res) => res.writeHead(500).end());
    await down.listen();
    try {
      const sub = await subscribe(down);
      await producer.produce([1, 2].map(() => producer.event({ tenantId, connectionId: sub.connectionId })));
      await waitUntil(async () => !(await read(sub.id)).enabled, 15_000);
      const disabled = await read(sub.id);
      expect(disabled.disabled_reason).toContain('failing without a success since');
      const log = (await store.deliveryAttempts.listAttempts(sub.id, { limit: 200 })).result;
      const span = Date.parse(log[0].attempted_at) - Date.parse(log[log.length - 1].attempted_at);
      expect(span).toBeGreaterThanOrEqual(DISABLE_AFTER_MS);
      expect(span).toBeLessThan(DISABLE_AFTER_MS + 1_500);
      const received = down.received.length;
      await new Promise((r) => setTimeout(r, 800));
      expect(down.received.length).toBe(received); // nothing pending any more
    } finally {
      await down.close();
    }
  });

  it('restarts the clock after any success', async () => {
    let calls = 0;
    // Fails, succeeds once after about 0.8 s, then fails for good.
    const flaky = new Subscriber((_req, res) => res.writeHead(++calls === 5 ? 200 : 500).end());
    await flaky.listen();
    try {
      const sub = await subscribe(flaky);
      // One event: four failures, then the success; only then a second event that keeps failing.
      await producer.produce([producer.event({ tenantId, connectionId: sub.connectionId })]);
      await flaky.waitFor((all) => all.length >= 5);
      await waitUntil(async () => (await read(sub.id)).failing_since === null);
      await producer.produce([producer.event({ tenantId, connectionId: sub.connectionId })]);
      const successAt = flaky.received[4].receivedAt;
      await waitUntil(async () => !(await read(sub.id)).enabled, 15_000);
      const { disabled_reason: reason } = await read(sub.id);
      const since = Date.parse(/since (\S+)$/.exec(reason ?? '')![1]);
      // The run of failures that disabled it began after the success, not at the very first failure.
      expect(since).toBeGreaterThan(successAt - 50);
      const first = Date.parse(
        (await store.deliveryAttempts.listAttempts(sub.id, { limit: 200 })).result.at(-1)!.attempted_at,
      );
      expect(since - first).toBeGreaterThanOrEqual(600); // three retry delays of 200 ms
    } finally {
      await flaky.close();
    }
  });
});
