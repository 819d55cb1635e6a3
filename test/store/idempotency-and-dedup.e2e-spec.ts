import { DRIVERS, useStore } from './store-fixture';

describe.each(DRIVERS)('idempotency keys and delivery dedup on %s', (driver) => {
  const { store } = useStore(driver, 'idempotency-and-dedup');
  const tenant = async () => (await store().tenants.create({ name: 'i' })).id;

  it('walks new → in_progress → replay, and conflict for another payload', async () => {
    const t = await tenant();
    const idem = store().idempotency;
    expect(await idem.claim(t, 'key-1', 'hash-a')).toEqual({ state: 'new' });
    expect(await idem.claim(t, 'key-1', 'hash-a')).toEqual({ state: 'in_progress' });
    expect(await idem.claim(t, 'key-1', 'hash-b')).toEqual({ state: 'conflict' });

    await idem.complete(t, 'key-1', 201, { id: 'T-1', nested: { ok: true } });
    expect(await idem.claim(t, 'key-1', 'hash-a')).toEqual({
      state: 'replay',
      status: 201,
      body: { id: 'T-1', nested: { ok: true } },
    });
    expect(await idem.claim(t, 'key-1', 'hash-b')).toEqual({ state: 'conflict' });
    // A stored response is final: neither a second complete nor a release changes it.
    await idem.complete(t, 'key-1', 500, { error: 'late' });
    await idem.release(t, 'key-1');
    expect(await idem.claim(t, 'key-1', 'hash-a')).toMatchObject({ state: 'replay', status: 201 });
  });

  it('scopes keys per tenant', async () => {
    const a = await tenant();
    const b = await tenant();
    expect(await store().idempotency.claim(a, 'shared', 'h')).toEqual({ state: 'new' });
    expect(await store().idempotency.claim(b, 'shared', 'h')).toEqual({ state: 'new' });
    await store().idempotency.complete(a, 'shared', 200, 'A');
    expect(await store().idempotency.claim(b, 'shared', 'h')).toEqual({ state: 'in_progress' });
  });

  it('release lets a failed request be retried', async () => {
    const t = await tenant();
    expect(await store().idempotency.claim(t, 'k', 'h')).toEqual({ state: 'new' });
    await store().idempotency.release(t, 'k');
    expect(await store().idempotency.claim(t, 'k', 'h')).toEqual({ state: 'new' });
  });

  it('gives exactly one of 10 concurrent claims the go-ahead', async () => {
    const t = await tenant();
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store().idempotency.claim(t, 'race', 'h')),
    );
    const states = claims.map((c) => c.state).sort();
    expect(states.filter((s) => s === 'new')).toHaveLength(1);
    expect(states.filter((s) => s === 'in_progress')).toHaveLength(9);
  });

  it('hands a claim abandoned past its lease to exactly one later request', async () => {
    const t = await tenant();
    expect(await store().idempotency.claim(t, 'crashed', 'h')).toEqual({ state: 'new' });
    // Within the lease the claim holds.
    expect(await store().idempotency.claim(t, 'crashed', 'h')).toEqual({ state: 'in_progress' });
    // Its instance died an hour ago: backdate the row as if so.
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await store()
      .db.updateTable('idempotency_keys')
      .set({ created_at: anHourAgo })
      .where('tenant_id', '=', t)
      .where('key', '=', 'crashed')
      .execute();
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => store().idempotency.claim(t, 'crashed', 'h')),
    );
    expect(claims.filter((c) => c.state === 'new')).toHaveLength(1);
    expect(claims.filter((c) => c.state === 'in_progress')).toHaveLength(4);
    // Another payload under that key is still a conflict, abandoned or not.
    expect(await store().idempotency.claim(t, 'crashed', 'other')).toEqual({ state: 'conflict' });
  });

  it('purges keys older than a date', async () => {
    const t = await tenant();
    await store().idempotency.claim(t, 'old', 'h');
    const cutoff = new Date(Date.now() + 1000);
    const purged = await store().idempotency.purgeOlderThan(cutoff);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await store().idempotency.claim(t, 'old', 'other-hash')).toEqual({ state: 'new' });
    expect(await store().idempotency.purgeOlderThan(new Date(0))).toBe(0);
  });

  it('claims a delivery once, atomically, and purges old ones', async () => {
    const deliveries = store().deliveries;
    const conn = `con_${driver}_${Date.now()}`;
    const old = new Date('2020-01-01T00:00:00.000Z');
    expect(await deliveries.claim(conn, 'd-1', old)).toBe(true);
    expect(await deliveries.claim(conn, 'd-1')).toBe(false);
    expect(await deliveries.claim(`${conn}-other`, 'd-1')).toBe(true); // scoped per connection

    const results = await Promise.all(Array.from({ length: 10 }, () => deliveries.claim(conn, 'd-race')));
    expect(results.filter(Boolean)).toHaveLength(1);

    expect(await deliveries.purgeOlderThan(new Date('2021-01-01T00:00:00.000Z'))).toBe(1);
    expect(await deliveries.claim(conn, 'd-1')).toBe(true); // forgotten after the purge
    expect(await deliveries.claim(conn, 'd-race')).toBe(false); // newer rows were kept
  });

  it('records many deliveries in one write, leaving those already recorded as they were', async () => {
    const deliveries = store().deliveries;
    const conn = `con_all_${driver}_${Date.now()}`;
    const old = new Date('2020-01-01T00:00:00.000Z');
    await deliveries.claim(conn, 'known', old);
    // More than one INSERT's worth of rows, one pair twice and one already recorded.
    const pairs = Array.from({ length: 1_200 }, (_, i) => ({ connectionId: conn, deliveryId: `d-${i}` }));
    await deliveries.claimAll([...pairs, pairs[7], { connectionId: conn, deliveryId: 'known' }]);
    await deliveries.claimAll([]);

    const windowStart = new Date(Date.now() - 60_000);
    for (const i of [0, 499, 500, 1_199])
      expect(await deliveries.seen(conn, `d-${i}`, windowStart)).toBe(true);
    expect(await deliveries.seen(conn, 'never', windowStart)).toBe(false);
    // Not refreshed: still outside the window, so the janitor's purge removes it on schedule.
    expect(await deliveries.seen(conn, 'known', windowStart)).toBe(false);
    expect(await deliveries.claim(conn, 'd-1199')).toBe(false); // recorded: a later claim loses
  });

  it('tells whether a delivery was seen within the window', async () => {
    const deliveries = store().deliveries;
    const conn = `con_seen_${driver}_${Date.now()}`;
    await deliveries.claim(conn, 'recent', new Date('2026-11-28T10:00:00.000Z'));
    await deliveries.claim(conn, 'ancient', new Date('2026-11-20T10:00:00.000Z'));
    const windowStart = new Date('2026-11-25T10:00:00.000Z');
    expect(await deliveries.seen(conn, 'recent', windowStart)).toBe(true);
    expect(await deliveries.seen(conn, 'ancient', windowStart)).toBe(false);
    expect(await deliveries.seen(conn, 'never', windowStart)).toBe(false);
    expect(await deliveries.seen(`${conn}-other`, 'recent', windowStart)).toBe(false);
  });
});
