import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import {
  DestinationGuard,
  destinationPolicyOf,
  generateSecret,
  parseSchedule,
  RetryPolicy,
  WebhookSender,
} from '@app/delivery';
import { openStore, type Store } from '@app/store';
import { AttemptRecorder } from './attempt-recorder';
import { DeliveryExecutor } from './delivery-executor';
import { DeliveryScheduler } from './delivery-scheduler';
import { DispatcherConfig } from './dispatcher.config';
import { DispatcherMetrics } from './dispatcher.metrics';
import { EventIntake } from './event-intake';

/** A consumed unified event, as the intake reads it from Kafka. */
function message(tenantId: string, offset: number) {
  const value = JSON.stringify({
    specversion: '1.0',
    id: randomUUID(),
    type: 'ticketing.ticket.updated',
    tenantid: tenantId,
    time: new Date().toISOString(),
  });
  const meta = { topic: 'ticketing.tickets.v1', partition: 0, timestamp: String(Date.now()), key: null };
  return { ...meta, offset: String(offset), value, headers: {} };
}

describe('EventIntake and DeliveryScheduler (real SQLite store, real POSTs to a local subscriber)', () => {
  let store: Store;
  let server: Server;
  let url: string;
  let received: string[];
  let scheduler: DeliveryScheduler;
  let intake: EventIntake;
  let sender: WebhookSender;
  let tenantId: string;

  beforeEach(async () => {
    received = [];
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(String(req.headers['webhook-id']));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    store = await openStore({
      STORE_DRIVER: 'sqlite',
      SQLITE_PATH: ':memory:',
      ENCRYPTION_KEYS: `k:${randomBytes(32).toString('base64')}`,
    });
    tenantId = (await store.tenants.create({ name: 't' })).id;
    const config = Object.assign(new DispatcherConfig(), {
      DISPATCH_ALLOW_HTTP: 'true',
      DISPATCH_ALLOWED_HOSTS: '127.0.0.1',
      DISPATCH_POLL_INTERVAL_MS: 50,
      DISPATCH_RETRY_JITTER: 0,
    });
    const retry = new RetryPolicy({
      schedule: parseSchedule(config.DISPATCH_RETRY_SCHEDULE),
      jitter: 0,
      retryAfterMaxMs: config.DISPATCH_RETRY_AFTER_MAX_MS,
      throttledMinDelayMs: config.DISPATCH_THROTTLED_MIN_DELAY_MS,
    });
    sender = new WebhookSender(new DestinationGuard(destinationPolicyOf(config)), 5_000);
    const recorder = new AttemptRecorder(store);
    const executor = new DeliveryExecutor(
      store,
      sender,
      retry,
      config,
      new DispatcherMetrics(new Registry()),
      recorder,
    );
    scheduler = new DeliveryScheduler(store, executor, config);
    scheduler.start();
    intake = new EventIntake(store, retry, scheduler);
  });

  afterEach(async () => {
    await scheduler.stop(1_000);
    sender.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  const subscribe = () =>
    store.subscriptions.create(tenantId, { url, event_types: ['*'], secret: generateSecret() });

  async function deliveredAll(ids: string[], timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (ids.some((id) => !received.includes(id)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(ids.filter((id) => !received.includes(id))).toEqual([]);
  }

  it("sends a consumed run's deliveries from the intake's lease, without a claim, and records each attempt", async () => {
    const sub = await subscribe();
    const claimDue = jest.spyOn(store.deliveryAttempts, 'claimDue');
    const run = Array.from({ length: 10 }, (_, i) => message(tenantId, i));
    await intake.handle(run);
    const ids = run.map((m) => (JSON.parse(m.value) as { id: string }).id);
    await deliveredAll(ids);
    // The claims the poll timer ran meanwhile found nothing: every delivery came from the intake.
    const claimed = await Promise.all(claimDue.mock.results.map((r) => r.value as Promise<unknown[]>));
    expect(claimed.flat()).toEqual([]);
    const deadline = Date.now() + 5_000;
    let logged = 0;
    while (logged < 10 && Date.now() < deadline) {
      logged = (await store.deliveryAttempts.listAttempts(sub.id, { limit: 50 })).result.length;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(logged).toBe(10);
    expect(received).toHaveLength(10); // each once
  });

  it('leaves what exceeds its share to the scan, which delivers it too', async () => {
    await subscribe();
    const claimDue = jest.spyOn(store.deliveryAttempts, 'claimDue');
    // 4 slots x 8 leased ahead = 32 leased at intake; the other 48 are claimed.
    const run = Array.from({ length: 80 }, (_, i) => message(tenantId, i));
    await intake.handle(run);
    await deliveredAll(run.map((m) => (JSON.parse(m.value) as { id: string }).id));
    const claimed = await Promise.all(claimDue.mock.results.map((r) => r.value as Promise<unknown[]>));
    expect(claimed.flat().length).toBe(48);
    expect(new Set(received).size).toBe(80);
  });

  it('leases a whole run at intake once the subscription has answered quickly (its share grows to 4 slots x 32)', async () => {
    const sub = await subscribe();
    const first = [message(tenantId, 0), message(tenantId, 1)];
    await intake.handle(first);
    await deliveredAll(first.map((m) => (JSON.parse(m.value) as { id: string }).id));
    expect(scheduler.intakeLease()!.slotsFor(sub.id)).toBeGreaterThan(100);
    const claimDue = jest.spyOn(store.deliveryAttempts, 'claimDue');
    const run = Array.from({ length: 80 }, (_, i) => message(tenantId, i + 2));
    await intake.handle(run);
    await deliveredAll(run.map((m) => (JSON.parse(m.value) as { id: string }).id));
    const claimed = await Promise.all(claimDue.mock.results.map((r) => r.value as Promise<unknown[]>));
    expect(claimed.flat()).toEqual([]); // all 80 from the intake's lease
    expect(new Set(received).size).toBe(82);
  });
});
