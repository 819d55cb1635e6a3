import type { ChildProcess } from 'node:child_process';
import type { INestApplicationContext } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import { generateSecret } from '@app/delivery';
import type { Store } from '@app/store';
import { withSubscriptionTables } from '@app/store/migrations/0002-subscriptions';
import { DISPATCHER_TOPICS } from '../../apps/dispatcher/src/dispatcher.module';
import { startDispatcher } from '../../apps/dispatcher/src/dispatcher.app';
import { spawnTypeScript } from '../support/child-app';
import { startGroupAtEnd } from '../support/topic-recorder';
import {
  BROKERS,
  dispatcherConfig,
  EventProducer,
  FAST_DELIVERY,
  freePort,
  openTestStore,
  startTestDispatcher,
  storeEnv,
  Subscriber,
  waitUntil,
} from './dispatch-support';

/** Long enough to outlast an outage of a few seconds, still compressed to seconds. */
const SETTINGS = {
  DISPATCH_RETRY_SCHEDULE: '0,200ms,400ms,800ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s',
  DISPATCH_TIMEOUT_MS: '4000',
  DISPATCH_LEASE_MS: '5000',
};

describe('dispatcher resilience', () => {
  const env = storeEnv();
  const producer = new EventProducer();
  let store: Store;
  let tenantId: string;
  const running: INestApplicationContext[] = [];

  beforeAll(async () => {
    store = await openTestStore(env);
    tenantId = (await store.tenants.create({ name: 'resilience' })).id;
    await producer.connect();
  });
  afterEach(() => stopAll());
  afterAll(async () => {
    await producer.disconnect();
    await store.close();
  });

  /**
   * Each test runs its own dispatcher and stops it: instances share the store, and so the
   * deliveries. A restart (`resume`) keeps the group's committed offsets.
   */
  const start = async (group: string, resume = false) => {
    const config = dispatcherConfig({ ...env, ...SETTINGS, DISPATCH_GROUP_ID: group });
    const app = resume ? await startDispatcher(config) : await startTestDispatcher(config);
    running.push(app);
    return app;
  };
  const stopAll = async () => {
    for (const app of running.splice(0)) await app.close();
  };
  /** A subscription to its own fresh connection, so each test sees only its own events. */
  const subscribe = async (url: string) => {
    const connection = await store.connections.create(tenantId, {
      provider: 'github',
      settings: {},
      credentials: {},
    });
    const secret = generateSecret();
    const subscription = await store.subscriptions.create(tenantId, {
      url,
      event_types: ['*'],
      connection_id: connection.id,
      secret,
    });
    return { ...subscription, secret, connectionId: connection.id };
  };
  const statusOf = async (subscriptionId: string) =>
    withSubscriptionTables(store.db)
      .selectFrom('subscription_deliveries')
      .select(['event_id', 'status', 'attempts', 'lease_owner'])
      .where('subscription_id', '=', subscriptionId)
      .execute();

  it('delivers everything once a subscriber that was down comes back, across a dispatcher restart', async () => {
    const group = `e2e-resilience-${Date.now()}`;
    await start(group);
    const port = await freePort();
    const sub = await subscribe(`http://127.0.0.1:${port}/back`);
    const events = Array.from({ length: 20 }, () =>
      producer.event({ tenantId, connectionId: sub.connectionId }),
    );
    const sent = await producer.produce(events);
    // Every delivery has failed at least once (connection refused) and is waiting for its retry.
    await waitUntil(async () => {
      const rows = await statusOf(sub.id);
      return rows.length === 20 && rows.every((r) => r.attempts >= 1 && r.status === 'pending');
    });
    const log = await store.deliveryAttempts.listAttempts(sub.id, { limit: 1 });
    expect(log.result[0].error).toContain('ECONNREFUSED');

    await stopAll(); // the retry state lives in the store, not in this process
    await start(group, true);
    const subscriber = new Subscriber();
    await subscriber.listen(port);
    try {
      await subscriber.waitFor(() => events.every((e) => subscriber.for(e.id).length > 0), 30_000);
      for (const request of subscriber.received) {
        expect(request.body).toBe(sent.get(request.headers['webhook-id']));
        expect(() => new Webhook(sub.secret).verify(request.body, request.headers)).not.toThrow();
      }
      await waitUntil(async () => (await statusOf(sub.id)).every((r) => r.status === 'delivered'));
    } finally {
      await subscriber.close();
    }
  });

  it('keeps per-subscription concurrency bounded, so a slow endpoint does not delay another', async () => {
    await start(`e2e-concurrency-${Date.now()}`);
    const slow = new Subscriber((_req, res) => setTimeout(() => res.writeHead(200).end(), 2_000));
    const fast = new Subscriber();
    await slow.listen();
    await fast.listen();
    try {
      const slowSub = await subscribe(slow.url('/slow'));
      const fastSub = await subscribe(fast.url('/fast'));
      const events = [slowSub, fastSub].flatMap((sub) =>
        Array.from({ length: 12 }, () => producer.event({ tenantId, connectionId: sub.connectionId })),
      );
      const producedAt = Date.now();
      await producer.produce(events);
      await fast.waitFor((all) => all.length >= 12);
      const fastDone = Math.max(...fast.received.map((r) => r.receivedAt)) - producedAt;
      // 12 deliveries at 4 in flight and 2 s each take the slow endpoint about 6 s.
      expect(fastDone).toBeLessThan(2_000);
      expect(slow.received.length).toBeLessThanOrEqual(4);
      await slow.waitFor((all) => all.length >= 12, 30_000);
      expect(slow.maxInFlight).toBe(4);
      await waitUntil(async () => (await statusOf(slowSub.id)).every((r) => r.status === 'delivered'));
    } finally {
      await slow.close();
      await fast.close();
    }
  });

  it('delivers after the dispatcher process is killed in the middle of a delivery', async () => {
    const group = `e2e-killed-${Date.now()}`;
    await startGroupAtEnd(
      new Kafka({ brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }),
      group,
      DISPATCHER_TOPICS,
    );
    let hang = true;
    const subscriber = new Subscriber((_req, res) => (hang ? undefined : res.writeHead(200).end()));
    await subscriber.listen();
    const child = spawnDispatcher({ ...env, ...FAST_DELIVERY, ...SETTINGS, DISPATCH_GROUP_ID: group });
    try {
      const sub = await subscribe(subscriber.url('/killed'));
      const inFlight = producer.event({ tenantId, connectionId: sub.connectionId });
      await producer.produce([inFlight]);
      await subscriber.waitFor((all) => all.length === 1, 60_000); // the child is sending it now
      child.process.kill('SIGKILL');
      await child.exited;
      const [row] = await statusOf(sub.id);
      expect(row).toMatchObject({ event_id: inFlight.id, status: 'pending', attempts: 0 });
      expect(row.lease_owner).toContain(`:${child.process.pid}:`);

      // Produced while no dispatcher runs: the restarted one must pick it up from Kafka.
      const whileDown = producer.event({ tenantId, connectionId: sub.connectionId });
      await producer.produce([whileDown]);
      hang = false;
      // The group waits for the killed member until its session times out (30 s by default): only then
      // does this one join. The deliveries already in the store go out before that (lease expiry).
      await start(group, true);
      await subscriber.waitFor(
        () => subscriber.for(inFlight.id).length === 2 && subscriber.for(whileDown.id).length === 1,
        60_000,
      );
      await waitUntil(async () => (await statusOf(sub.id)).every((r) => r.status === 'delivered'));
    } finally {
      child.process.kill('SIGKILL');
      await subscriber.close();
    }
  });
});

/** The real entry point (apps/dispatcher/src/main.ts) in its own process, so it can be SIGKILLed. */
function spawnDispatcher(settings: Record<string, string>): { process: ChildProcess; exited: Promise<void> } {
  const child = spawnTypeScript(
    'apps/dispatcher/src/main.ts',
    { ...settings, KAFKA_BROKERS: BROKERS },
    'ignore',
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { process: child, exited };
}
