import { randomUUID } from 'node:crypto';
import { generateSecret } from '@app/delivery';
import { StoreNotFoundError, type ClaimedDelivery, type Store, type StoredEvent } from '@app/store';
import { DISPATCHER_ENGINES, expectUniqueViolation, rawTableText, useStore } from '../store/store-fixture';
import { withSubscriptionTables } from '@app/store/migrations/0002-subscriptions';

const at = (iso: string) => new Date(iso);
const T0 = at('2026-03-01T10:00:00.000Z');
const plus = (ms: number, from = T0) => new Date(from.getTime() + ms);

function event(tenantId: string, overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    tenantId,
    eventId: randomUUID(),
    type: 'ticketing.ticket.created',
    connectionId: null,
    time: T0.toISOString(),
    body: JSON.stringify({ id: 'e', n: Math.random() }),
    ...overrides,
  };
}

const ok = { attemptedAt: T0, statusCode: 200, latencyMs: 3, error: null };

// The repositories' SQL (window functions, ON CONFLICT … DO UPDATE … WHERE, leases) on both engines,
// and on SQLite with its statements on a worker thread, as the dispatcher runs them.
describe.each(DISPATCHER_ENGINES)('subscription and delivery repositories on %s', (engine) => {
  const fixture = useStore(engine, 'delivery-store');
  let store: Store;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    store = fixture.store();
    tenantA = (await store.tenants.create({ name: 'a' })).id;
    tenantB = (await store.tenants.create({ name: 'b' })).id;
  });

  const subscribe = (tenantId = tenantA, extra: { connection_id?: string | null } = {}) =>
    store.subscriptions.create(tenantId, {
      url: 'https://example.com/hook',
      event_types: ['ticketing.ticket.*'],
      secret: generateSecret(),
      ...extra,
    });

  it('keeps secrets encrypted, scopes by tenant, refuses a foreign connection', async () => {
    const secret = generateSecret();
    const sub = await store.subscriptions.create(tenantA, {
      url: 'https://x.test/',
      event_types: ['*'],
      secret,
    });
    expect(sub).toMatchObject({ enabled: true, connection_id: null, event_types: ['*'] });
    expect(JSON.stringify(sub)).not.toContain(secret);
    expect(await rawTableText(store, 'subscriptions')).not.toContain(secret.slice(6));
    expect(await store.subscriptions.findForTenant(tenantB, sub.id)).toBeUndefined();
    expect(await store.subscriptions.update(tenantB, sub.id, { enabled: false })).toBeUndefined();
    expect(await store.subscriptions.delete(tenantB, sub.id)).toBe(false);

    const foreign = await store.connections.create(tenantB, {
      provider: 'github',
      settings: {},
      credentials: {},
    });
    const refused = await subscribe(tenantA, { connection_id: foreign.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreNotFoundError);
    expect(await subscribe(tenantB, { connection_id: foreign.id })).toMatchObject({
      connection_id: foreign.id,
    });
  });

  it('enqueues one delivery per (subscription, event) however often the event is consumed', async () => {
    const sub = await subscribe();
    const e = event(tenantA);
    expect(await store.deliveryAttempts.enqueue([{ event: e, subscriptionIds: [sub.id] }], T0)).toBe(1);
    expect(await store.deliveryAttempts.enqueue([{ event: e, subscriptionIds: [sub.id] }], T0)).toBe(0);
    const twice = event(tenantA); // the same message twice in one consumed run
    const run = [1, 2].map(() => ({ event: twice, subscriptionIds: [sub.id] }));
    expect(await store.deliveryAttempts.enqueue(run, T0)).toBe(1);
    const db = withSubscriptionTables(store.db);
    const row = await db
      .selectFrom('subscription_deliveries')
      .selectAll()
      .where('event_id', '=', e.eventId)
      .executeTakeFirstOrThrow();
    await expectUniqueViolation(
      db
        .insertInto('subscription_deliveries')
        .values({ ...row, id: 'dlv_dup' })
        .execute(),
    );
  });

  it('leases each due delivery to one claimer, and hands it over when the lease expires', async () => {
    const sub = await subscribe();
    const e = event(tenantA);
    await store.deliveryAttempts.enqueue([{ event: e, subscriptionIds: [sub.id] }], T0);
    const other = await fixture.target().open(); // a second dispatcher instance on the same database
    const due = (await store.deliveryAttempts.findDue(T0, 4, 100)).filter(
      (d) => d.subscription_id === sub.id,
    );
    expect(due).toHaveLength(1);
    const ids = due.map((d) => d.id);
    const [first, second] = await Promise.all([
      store.deliveryAttempts.claim(ids, 'one', T0, plus(1_000)),
      other.deliveryAttempts.claim(ids, 'two', T0, plus(1_000)),
    ]);
    expect(first.length + second.length).toBe(1);
    const claimed: ClaimedDelivery = [...first, ...second][0];
    expect(claimed).toMatchObject({
      event_id: e.eventId,
      url: 'https://example.com/hook',
      attempts: 0,
      body: e.body,
    });
    expect(claimed.secrets).toHaveLength(1);
    expect(await store.deliveryAttempts.claim(ids, 'three', plus(500), plus(1_500))).toEqual([]);
    const taken = await store.deliveryAttempts.claim(ids, 'three', plus(1_001), plus(2_000));
    expect(taken).toHaveLength(1);
    // The first owner finishes late: its attempt is logged, but the row now belongs to 'three'.
    const owner = first.length ? 'one' : 'two';
    expect(await store.deliveryAttempts.finish(claimed, owner, ok, { status: 'delivered' })).toBe(false);
    expect(await store.deliveryAttempts.finish(taken[0], 'three', ok, { status: 'delivered' })).toBe(true);
    expect(await store.deliveryAttempts.findDue(plus(5_000), 4, 100)).not.toContainEqual(
      expect.objectContaining({ id: ids[0] }),
    );
  });

  it('caps each subscription share of a scan, counting deliveries in flight, and skips disabled ones', async () => {
    const busy = await subscribe();
    const quiet = await subscribe();
    const paused = await subscribe();
    for (let i = 0; i < 10; i++)
      await store.deliveryAttempts.enqueue([{ event: event(tenantA), subscriptionIds: [busy.id] }], T0);
    await store.deliveryAttempts.enqueue(
      [{ event: event(tenantA), subscriptionIds: [quiet.id, paused.id] }],
      plus(10),
    );
    await store.subscriptions.update(tenantA, paused.id, { enabled: false });
    const due = await store.deliveryAttempts.findDue(plus(20), 3, 100);
    const count = (rows: { subscription_id: string }[], id: string) =>
      rows.filter((d) => d.subscription_id === id).length;
    expect([count(due, busy.id), count(due, quiet.id), count(due, paused.id)]).toEqual([3, 1, 0]);
    // Two of busy's deliveries are in flight (leased by another instance): one slot is left.
    const twoOfBusy = due
      .filter((d) => d.subscription_id === busy.id)
      .slice(0, 2)
      .map((d) => d.id);
    expect(await store.deliveryAttempts.claim(twoOfBusy, 'other', plus(20), plus(10_000))).toHaveLength(2);
    expect(count(await store.deliveryAttempts.findDue(plus(30), 3, 100), busy.id)).toBe(1);
    // Once those leases run out (their instance died), the slots count as free again.
    expect(count(await store.deliveryAttempts.findDue(plus(10_001), 3, 100), busy.id)).toBe(3);
    expect(count(await store.deliveryAttempts.findDue(T0, 3, 100), quiet.id)).toBe(0);
  });

  it('logs attempts newest first with a cursor, and schedules retries', async () => {
    const sub = await subscribe();
    const e = event(tenantA);
    await store.deliveryAttempts.enqueue([{ event: e, subscriptionIds: [sub.id] }], T0);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const now = plus(attempt * 1_000);
      const [claimed] = await store.deliveryAttempts.claim(
        (await store.deliveryAttempts.findDue(now, 4, 100))
          .filter((d) => d.subscription_id === sub.id)
          .map((d) => d.id),
        'me',
        now,
        plus(500, now),
      );
      expect(claimed.attempts).toBe(attempt - 1);
      const failed = { attemptedAt: now, statusCode: 500, latencyMs: attempt, error: 'HTTP 500' };
      await store.deliveryAttempts.finish(claimed, 'me', failed, {
        status: 'pending',
        nextAttemptAt: plus(attempt * 1_000 + 900),
      });
    }
    const page1 = await store.deliveryAttempts.listAttempts(sub.id, { limit: 2 });
    expect(page1.result.map((a) => a.attempt)).toEqual([3, 2]);
    const page2 = await store.deliveryAttempts.listAttempts(sub.id, { limit: 2, before: page1.next_cursor! });
    expect(page2.result.map((a) => a.attempt)).toEqual([1]);
    expect(page2.next_cursor).toBeNull();
    expect(page2.result[0]).toMatchObject({
      status_code: 500,
      latency_ms: 1,
      error: 'HTTP 500',
      event_id: e.eventId,
    });
    await expect(
      store.deliveryAttempts.listAttempts(sub.id, { limit: 2, before: 'garbage' }),
    ).rejects.toThrow('invalid cursor');
  });

  it('requeues retained events for replay, and a paused subscription drops what was pending', async () => {
    const sub = await subscribe();
    const delivered = event(tenantA, { time: plus(1_000).toISOString() });
    await store.deliveryAttempts.enqueue([{ event: delivered, subscriptionIds: [sub.id] }], T0);
    const [claimed] = await store.deliveryAttempts.claim(
      (await store.deliveryAttempts.findDue(T0, 4, 100))
        .filter((d) => d.subscription_id === sub.id)
        .map((d) => d.id),
      'me',
      T0,
      plus(1_000),
    );
    await store.deliveryAttempts.finish(claimed, 'me', ok, { status: 'delivered' });
    const unseen = event(tenantA, { time: plus(2_000).toISOString() });
    await store.deliveryAttempts.enqueue([{ event: unseen, subscriptionIds: [] }], T0); // kept for a disabled subscription
    expect(await store.deliveryAttempts.findRetainedEvent(tenantB, unseen.eventId)).toBeUndefined();
    const since = await store.deliveryAttempts.listRetainedEvents(tenantA, plus(1_000), 100);
    expect(since.map((e) => e.eventId)).toEqual([delivered.eventId, unseen.eventId]);
    expect(
      await store.subscriptions.requeue(tenantA, sub.id, [delivered.eventId, unseen.eventId], plus(3_000)),
    ).toBe(2);
    const due = (await store.deliveryAttempts.findDue(plus(3_000), 10, 100)).filter(
      (d) => d.subscription_id === sub.id,
    );
    expect(due).toHaveLength(2);
    // Paused by the tenant: what was pending is failed, not kept for later.
    await store.subscriptions.update(tenantA, sub.id, { enabled: false });
    await store.subscriptions.update(tenantA, sub.id, { enabled: true });
    expect(await store.deliveryAttempts.findDue(plus(3_000), 10, 100)).not.toContainEqual(
      expect.objectContaining({ subscription_id: sub.id }),
    );
  });

  it('signs with the previous secret only inside its rotation window', async () => {
    const sub = await subscribe();
    await store.deliveryAttempts.enqueue([{ event: event(tenantA), subscriptionIds: [sub.id] }], T0);
    const rotated = await store.subscriptions.rotateSecret(
      tenantA,
      sub.id,
      generateSecret(),
      plus(60_000, new Date()),
    );
    expect(rotated?.previous_secret_expires_at).not.toBeNull();
    expect(
      await store.subscriptions.rotateSecret(tenantB, sub.id, generateSecret(), new Date()),
    ).toBeUndefined();
    const ids = (await store.deliveryAttempts.findDue(new Date(), 4, 100))
      .filter((d) => d.subscription_id === sub.id)
      .map((d) => d.id);
    const [inWindow] = await store.deliveryAttempts.claim(ids, 'me', new Date(), plus(1_000, new Date()));
    expect(inWindow.secrets).toHaveLength(2);
    const after = plus(120_000, new Date());
    const [late] = await store.deliveryAttempts.claim(ids, 'me2', after, plus(1_000, after));
    expect(late.secrets).toEqual([inWindow.secrets[0]]);
  });

  it('runs the failure clock, and disables once, failing what was pending', async () => {
    const sub = await subscribe();
    expect(await store.subscriptions.trackFailure(sub.id, T0)).toBe(T0.toISOString());
    expect(await store.subscriptions.trackFailure(sub.id, plus(5_000))).toBe(T0.toISOString());
    expect(await store.subscriptions.trackFailure(sub.id, null)).toBeNull();
    expect(await store.subscriptions.trackFailure(sub.id, plus(9_000))).toBe(plus(9_000).toISOString());
    await store.deliveryAttempts.enqueue([{ event: event(tenantA), subscriptionIds: [sub.id] }], T0);
    expect(await store.subscriptions.disable(sub.id, 'gone')).toBe(true);
    const rows = await withSubscriptionTables(store.db)
      .selectFrom('subscription_deliveries')
      .select(['status', 'last_error'])
      .where('subscription_id', '=', sub.id)
      .execute();
    expect(rows).toEqual([{ status: 'failed', last_error: 'subscription disabled: gone' }]);
    expect(await store.subscriptions.disable(sub.id, 'gone again')).toBe(false);
    expect(await store.subscriptions.findForTenant(tenantA, sub.id)).toMatchObject({
      enabled: false,
      disabled_reason: 'gone',
    });
    const back = await store.subscriptions.update(tenantA, sub.id, { enabled: true });
    expect(back).toMatchObject({ enabled: true, disabled_reason: null, failing_since: null });
  });

  it('purges events past retention unless a delivery is still pending, with their log', async () => {
    const sub = await subscribe(tenantB);
    const settled = event(tenantB);
    const waiting = event(tenantB);
    await store.deliveryAttempts.enqueue([{ event: settled, subscriptionIds: [sub.id] }], T0);
    await store.deliveryAttempts.enqueue(
      [{ event: waiting, subscriptionIds: [sub.id] }],
      plus(3_600_000, new Date()),
    );
    const now = new Date();
    const ids = (await store.deliveryAttempts.findDue(now, 4, 100))
      .filter((d) => d.subscription_id === sub.id)
      .map((d) => d.id);
    const [claimed] = await store.deliveryAttempts.claim(ids, 'me', now, plus(1_000, now));
    await store.deliveryAttempts.finish(claimed, 'me', { ...ok, attemptedAt: now }, { status: 'delivered' });
    const purged = await store.deliveryAttempts.purgeOlderThan(plus(60_000, new Date()));
    expect(purged.events).toBeGreaterThanOrEqual(1);
    expect(purged.attempts).toBeGreaterThanOrEqual(1);
    expect(await store.deliveryAttempts.findRetainedEvent(tenantB, settled.eventId)).toBeUndefined();
    expect(await store.deliveryAttempts.findRetainedEvent(tenantB, waiting.eventId)).toBeDefined();
    expect((await store.deliveryAttempts.listAttempts(sub.id, { limit: 10 })).result).toEqual([]);
  });

  it("claims what is due for every subscription in one pass, within each one's slots, each row to one of two racing instances, and settles attempts in one batch", async () => {
    const [busy, quiet] = [await subscribe(), await subscribe()];
    const T1 = plus(10 * 86_400_000); // later than every other test's rows and leases
    for (let i = 0; i < 6; i++) {
      await store.deliveryAttempts.enqueue([{ event: event(tenantA), subscriptionIds: [busy.id] }], T1);
    }
    const shared = event(tenantA);
    await store.deliveryAttempts.enqueue([{ event: shared, subscriptionIds: [quiet.id, busy.id] }], T1);
    const other = await fixture.target().open(); // a second dispatcher instance on the same database
    const [mine, theirs] = await Promise.all([
      store.deliveryAttempts.claimDue(T1, 4, 100, 'one', plus(60_000, T1)),
      other.deliveryAttempts.claimDue(T1, 4, 100, 'two', plus(60_000, T1)),
    ]);
    const ours = [...mine, ...theirs].filter((d) => [busy.id, quiet.id].includes(d.subscription_id));
    expect(new Set(ours.map((d) => d.id)).size).toBe(ours.length); // no row leased twice
    const of = (id: string) => ours.filter((d) => d.subscription_id === id);
    // Each instance within busy's 4 slots; together at most twice that (the bound across instances is
    // best effort: a scan's share is read before its lease is taken), at least every slot used.
    const busyOf = (claims: ClaimedDelivery[]) => claims.filter((d) => d.subscription_id === busy.id).length;
    expect(busyOf(mine)).toBeLessThanOrEqual(4);
    expect(busyOf(theirs)).toBeLessThanOrEqual(4);
    expect(of(busy.id).length).toBeGreaterThanOrEqual(4);
    expect(of(quiet.id)).toHaveLength(1);
    expect(of(quiet.id)[0]).toMatchObject({ event_id: shared.eventId, body: shared.body, attempts: 0 });
    expect(of(quiet.id)[0].secrets).toHaveLength(1);
    // Nothing more for busy while its 4 are in flight; the rest once their leases run out.
    expect(
      (await store.deliveryAttempts.claimDue(plus(1_000, T1), 4, 100, 'one', plus(2_000, T1))).filter(
        (d) => d.subscription_id === busy.id,
      ),
    ).toEqual([]);

    const ownerOf = (d: ClaimedDelivery) => (mine.includes(d) ? 'one' : 'two');
    const [first, second, third, fourth] = of(busy.id);
    const retryAt = plus(5_000, T1);
    const failed = { ...ok, attemptedAt: T1, statusCode: 503, error: 'HTTP 503' };
    const settled = await store.deliveryAttempts.finishAll([
      { delivery: first, owner: ownerOf(first), attempt: ok, resolution: { status: 'delivered' } },
      { delivery: second, owner: ownerOf(second), attempt: ok, resolution: { status: 'delivered' } },
      {
        delivery: third,
        owner: ownerOf(third),
        attempt: failed,
        resolution: { status: 'pending', nextAttemptAt: retryAt },
      },
      // Its lease is not this owner's (lost meanwhile): logged, not settled.
      { delivery: fourth, owner: 'a third instance', attempt: ok, resolution: { status: 'delivered' } },
    ]);
    expect(settled).toEqual([true, true, true, false]);
    const log = (await store.deliveryAttempts.listAttempts(busy.id, { limit: 10 })).result;
    expect(log.map((a) => a.delivery_id).sort()).toEqual(
      [first, second, third, fourth].map((d) => d.id).sort(),
    );
    expect(log.find((a) => a.delivery_id === third.id)).toMatchObject({
      attempt: 1,
      status_code: 503,
      error: 'HTTP 503',
    });
    // The retry comes due at its time with one attempt counted; the delivered ones never again.
    const later = await store.deliveryAttempts.claimDue(plus(6_000, T1), 10, 100, 'one', plus(9_000, T1));
    const again = later.filter((d) => d.subscription_id === busy.id);
    expect(again.map((d) => d.id)).toContain(third.id);
    expect(again.find((d) => d.id === third.id)?.attempts).toBe(1);
    expect(again.map((d) => d.id)).not.toContain(first.id);
    expect(again.map((d) => d.id)).not.toContain(second.id);
  });

  it('leases new deliveries to the intake instance as they are written, within its share, ready to send; the rest stay for the scan', async () => {
    const [mine, full, paused] = [await subscribe(), await subscribe(), await subscribe()];
    await store.subscriptions.update(tenantA, paused.id, { enabled: false });
    const T2 = plus(20 * 86_400_000); // later than every other test's rows and leases
    const events = [event(tenantA), event(tenantA), event(tenantA)];
    const run = events.map((e) => ({ event: e, subscriptionIds: [mine.id, full.id, paused.id] }));
    const share = new Map([
      [mine.id, 2],
      [full.id, 0],
      [paused.id, 5],
    ]);
    const lease = {
      owner: 'one',
      until: plus(60_000, T2),
      limit: 100,
      slotsFor: (id: string) => share.get(id) ?? 0,
    };
    const { added, leased } = await store.deliveryAttempts.enqueueLeased(run, T2, lease);
    expect(added).toBe(9);
    // Two of mine (its share), none of the full one's, none of the disabled one's.
    expect(leased.map((d) => d.subscription_id)).toEqual([mine.id, mine.id]);
    expect(leased[0]).toMatchObject({
      event_id: events[0].eventId,
      body: events[0].body,
      url: 'https://example.com/hook',
      attempts: 0,
      failing_since: null,
    });
    expect(leased[0].secrets).toHaveLength(1);
    // Leased already: a claim before the lease ends takes nothing.
    expect(await store.deliveryAttempts.claim([leased[0].id], 'two', T2, plus(1, T2))).toEqual([]);
    // Another instance's scan takes the rest of the enabled ones, never the leased rows.
    const other = await fixture.target().open();
    const scanned = (await other.deliveryAttempts.claimDue(T2, 10, 100, 'two', plus(60_000, T2))).filter(
      (d) => [mine.id, full.id, paused.id].includes(d.subscription_id),
    );
    expect(scanned.map((d) => d.id)).not.toContain(leased[0].id);
    expect(scanned.map((d) => d.id)).not.toContain(leased[1].id);
    expect(scanned.filter((d) => d.subscription_id === mine.id).map((d) => d.event_id)).toEqual([
      events[2].eventId,
    ]);
    expect(scanned.filter((d) => d.subscription_id === full.id)).toHaveLength(3);
    // A leased row settles like a claimed one.
    expect(
      await store.deliveryAttempts.finishAll([
        { delivery: leased[0], owner: 'one', attempt: ok, resolution: { status: 'delivered' } },
      ]),
    ).toEqual([true]);
    // The run consumed again adds and leases nothing; `limit` bounds the leases of a run in all.
    expect(await store.deliveryAttempts.enqueueLeased(run, T2, lease)).toEqual({ added: 0, leased: [] });
    const more = [event(tenantA), event(tenantA)].map((e) => ({ event: e, subscriptionIds: [mine.id] }));
    const limited = await store.deliveryAttempts.enqueueLeased(more, T2, { ...lease, limit: 1 });
    expect([limited.added, limited.leased.length]).toEqual([2, 1]);

    // Rows of the claimer's own that are answered and only being recorded do not use up the share.
    const quick = await subscribe();
    const three = [event(tenantA), event(tenantA), event(tenantA)];
    const owned = await store.deliveryAttempts.enqueueLeased(
      three.map((e) => ({ event: e, subscriptionIds: [quick.id] })),
      T2,
      { ...lease, owner: 'three', slotsFor: () => 2 },
    );
    expect(owned.leased).toHaveLength(2);
    const quickOf = (rows: ClaimedDelivery[]) => rows.filter((d) => d.subscription_id === quick.id);
    const claimQuick = (settling?: Map<string, number>) =>
      store.deliveryAttempts.claimDue(T2, 2, 100, 'three', plus(60_000, T2), settling);
    expect(quickOf(await claimQuick())).toEqual([]);
    const third = quickOf(await claimQuick(new Map([[quick.id, 2]])));
    expect(third.map((d) => d.event_id)).toEqual([three[2].eventId]);
  });

  it("leases each subscription up to its own share when the claimer gives one per subscription (a fast one's is larger)", async () => {
    const [fast, slow] = [await subscribe(), await subscribe()];
    const T3 = plus(30 * 86_400_000); // later than every other test's rows and leases
    for (let i = 0; i < 6; i++) {
      const e = event(tenantA);
      await store.deliveryAttempts.enqueue([{ event: e, subscriptionIds: [fast.id, slow.id] }], T3);
    }
    const share = (id: string) => (id === fast.id ? 5 : 2);
    const claimed = await store.deliveryAttempts.claimDue(T3, share, 100, 'one', plus(60_000, T3));
    const count = (id: string) => claimed.filter((d) => d.subscription_id === id).length;
    expect([count(fast.id), count(slow.id)]).toEqual([5, 2]);
    // Held rows count against each share: the next scan tops each one up to it, no further.
    const next = await store.deliveryAttempts.claimDue(
      T3,
      (id) => share(id) + 1,
      100,
      'one',
      plus(60_000, T3),
    );
    const nextOf = (id: string) => next.filter((d) => d.subscription_id === id).length;
    expect([nextOf(fast.id), nextOf(slow.id)]).toEqual([1, 1]);
  });

  it('scans more subscriptions than one statement may probe (SQLite allows 500 arms in a UNION ALL) over several claims', async () => {
    const T4 = plus(40 * 86_400_000); // later than every other test's rows and leases
    const many = await Promise.all(Array.from({ length: 520 }, () => subscribe(tenantB)));
    const ids = new Set(many.map((s) => s.id));
    await store.deliveryAttempts.enqueue(
      many.map((s) => ({ event: event(tenantB), subscriptionIds: [s.id] })),
      T4,
    );
    const leasedTo = new Set<string>();
    for (let scan = 1; scan <= 5 && leasedTo.size < ids.size; scan++) {
      const claimed = await store.deliveryAttempts.claimDue(T4, 4, 10_000, 'one', plus(60_000, T4));
      // One statement probes at most 200 subscriptions, oldest work first; the next scan goes on.
      expect(new Set(claimed.map((d) => d.subscription_id)).size).toBeLessThanOrEqual(200);
      claimed.filter((d) => ids.has(d.subscription_id)).forEach((d) => leasedTo.add(d.subscription_id));
    }
    expect(leasedTo.size).toBe(520);
  });
});
