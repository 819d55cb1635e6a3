import { randomBytes, randomUUID } from 'node:crypto';
import { generateSecret } from '@app/delivery';
import { openStore, type ClaimedDelivery, type Store } from '@app/store';
import { AttemptRecorder } from './attempt-recorder';

const ok = (attemptedAt: Date) => ({ attemptedAt, statusCode: 200, latencyMs: 1, error: null });

describe('AttemptRecorder (group commit of finished attempts, on a real SQLite store)', () => {
  let store: Store;
  let claimed: ClaimedDelivery[];
  const owner = 'dispatcher-a';

  beforeEach(async () => {
    store = await openStore({
      STORE_DRIVER: 'sqlite',
      SQLITE_PATH: ':memory:',
      ENCRYPTION_KEYS: `k:${randomBytes(32).toString('base64')}`,
    });
    const tenantId = (await store.tenants.create({ name: 't' })).id;
    const sub = await store.subscriptions.create(tenantId, {
      url: 'https://example.com/hook',
      event_types: ['*'],
      secret: generateSecret(),
    });
    const now = new Date();
    const items = Array.from({ length: 5 }, () => {
      const eventId = randomUUID();
      const event = { tenantId, eventId, type: 'ticketing.ticket.created', connectionId: null };
      return { event: { ...event, time: now.toISOString(), body: '{}' }, subscriptionIds: [sub.id] };
    });
    await store.deliveryAttempts.enqueue(items, now);
    claimed = await store.deliveryAttempts.claimDue(now, 10, 10, owner, new Date(now.getTime() + 60_000));
  });
  afterEach(() => store.close());

  it('commits attempts finishing together in one transaction, each answered with its own outcome', async () => {
    expect(claimed).toHaveLength(5);
    const finishAll = jest.spyOn(store.deliveryAttempts, 'finishAll');
    const recorder = new AttemptRecorder(store);
    const at = new Date();
    const results = await Promise.all(
      claimed.map((delivery, i) =>
        recorder.record({
          delivery,
          // The last one's lease is another instance's now: logged, not settled.
          owner: i === 4 ? 'dispatcher-b' : owner,
          attempt: ok(at),
          resolution: { status: 'delivered' },
        }),
      ),
    );
    expect(results).toEqual([true, true, true, true, false]);
    expect(finishAll).toHaveBeenCalledTimes(1);
    const log = await store.deliveryAttempts.listAttempts(claimed[0].subscription_id, { limit: 10 });
    expect(log.result).toHaveLength(5);
  });

  it('gathers attempts for a moment, and writes those finishing during a commit in the next one', async () => {
    const finishAll = jest.spyOn(store.deliveryAttempts, 'finishAll');
    const recorder = new AttemptRecorder(store);
    const record = (delivery: ClaimedDelivery) =>
      recorder.record({ delivery, owner, attempt: ok(new Date()), resolution: { status: 'delivered' } });
    const started = Date.now();
    expect(await record(claimed[0])).toBe(true); // a lone attempt: written within the gathering moment
    expect(Date.now() - started).toBeLessThan(1_000);
    const first = record(claimed[1]);
    while (finishAll.mock.calls.length < 2) await new Promise((resolve) => setImmediate(resolve));
    // The second batch is being written now: these two go into the following transaction.
    const second = Promise.all([record(claimed[2]), record(claimed[3])]);
    expect(await first).toBe(true);
    expect(await second).toEqual([true, true]);
    expect(finishAll.mock.calls.map(([batch]) => batch.length)).toEqual([1, 1, 2]);
  });

  it('rejects every attempt of a batch that could not be committed (their leases then run out)', async () => {
    const recorder = new AttemptRecorder(store);
    await store.close();
    const outcome = recorder.record({
      delivery: claimed[0],
      owner,
      attempt: ok(new Date()),
      resolution: { status: 'delivered' },
    });
    await expect(outcome).rejects.toThrow();
    store = await openStore({
      STORE_DRIVER: 'sqlite',
      SQLITE_PATH: ':memory:',
      ENCRYPTION_KEYS: `k:${randomBytes(32).toString('base64')}`,
    });
  });
});
