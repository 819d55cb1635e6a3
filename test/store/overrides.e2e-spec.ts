import { StoreNotFoundError } from '@app/store';
import { DRIVERS, expectUniqueViolation, useStore } from './store-fixture';

describe.each(DRIVERS)('mapping overrides on %s', (driver) => {
  const { store } = useStore(driver, 'overrides');
  const setup = async () => {
    const tenant = (await store().tenants.create({ name: 'o' })).id;
    const conn = await store().connections.create(tenant, {
      provider: 'jira',
      settings: {},
      credentials: {},
    });
    return { tenant, conn: conn.id };
  };

  it('puts, gets, replaces and deletes tenant-wide and per-connection overrides', async () => {
    const { tenant, conn } = await setup();
    const wide = await store().overrides.put(tenant, null, 'tickets.record', '$merge([$, {"a": 1}])');
    expect(wide).toEqual({
      tenant_id: tenant,
      connection_id: null,
      key: 'tickets.record',
      expression: '$merge([$, {"a": 1}])',
      created_at: expect.any(String),
      updated_at: wide.created_at,
    });
    await store().overrides.put(tenant, conn, 'tickets.record', 'conn-expr');
    expect((await store().overrides.get(tenant, null, 'tickets.record'))?.expression).toBe(
      '$merge([$, {"a": 1}])',
    );
    expect((await store().overrides.get(tenant, conn, 'tickets.record'))?.expression).toBe('conn-expr');
    expect(await store().overrides.get(tenant, conn, 'tickets.list.query')).toBeUndefined();

    const replaced = await store().overrides.put(tenant, conn, 'tickets.record', 'conn-expr-2');
    expect(replaced.expression).toBe('conn-expr-2');
    expect(await store().overrides.listForTenant(tenant)).toEqual([
      expect.objectContaining({ connection_id: null, key: 'tickets.record' }),
      expect.objectContaining({ connection_id: conn, key: 'tickets.record', expression: 'conn-expr-2' }),
    ]);

    expect(await store().overrides.delete(tenant, conn, 'tickets.record')).toBe(true);
    expect(await store().overrides.delete(tenant, conn, 'tickets.record')).toBe(false);
    // Deleting the connection-level row left the tenant-wide one alone.
    expect(await store().overrides.get(tenant, null, 'tickets.record')).toBeDefined();
  });

  it('keeps one tenant-wide row per key although connection_id is NULL', async () => {
    const { tenant } = await setup();
    await store().overrides.put(tenant, null, 'tickets.list.query', 'v1');
    await Promise.all(
      ['v2', 'v3', 'v4'].map((v) => store().overrides.put(tenant, null, 'tickets.list.query', v)),
    );
    const rows = (await store().overrides.listForTenant(tenant)).filter(
      (o) => o.key === 'tickets.list.query',
    );
    expect(rows).toHaveLength(1);
    expect(['v2', 'v3', 'v4']).toContain(rows[0].expression);
    // The database itself refuses a duplicate, not just the repository's upsert.
    const now = new Date().toISOString();
    const dup = {
      tenant_id: tenant,
      connection_id: null,
      key: 'tickets.list.query',
      expression: 'x',
      created_at: now,
      updated_at: now,
    };
    await expectUniqueViolation(store().db.insertInto('mapping_overrides').values(dup).execute());
  });

  it('layers tenant-wide and connection overrides for one connection', async () => {
    const { tenant, conn } = await setup();
    const other = await store().connections.create(tenant, {
      provider: 'jira',
      settings: {},
      credentials: {},
    });
    await store().overrides.put(tenant, null, 'tickets.record', 'T');
    await store().overrides.put(tenant, null, 'tickets.list.query', 'TQ');
    await store().overrides.put(tenant, conn, 'tickets.record', 'C');
    await store().overrides.put(tenant, other.id, 'tickets.record', 'OTHER');
    expect(await store().overrides.layersFor(tenant, conn)).toEqual({
      tenant: { 'tickets.record': 'T', 'tickets.list.query': 'TQ' },
      connection: { 'tickets.record': 'C' },
    });
  });

  it('counts failures per override, keeps the latest, resets them when the expression changes', async () => {
    const { tenant, conn } = await setup();
    const other = (await store().tenants.create({ name: 'other' })).id;
    await store().overrides.put(tenant, null, 'tickets.record', 'a');
    await store().overrides.put(tenant, conn, 'tickets.record', 'b');
    await store().overrides.put(other, null, 'tickets.record', 'c');
    await store().overrides.recordFailures(tenant, conn, 'tickets.record', 3, 'too slow');
    await store().overrides.recordFailures(tenant, conn, 'tickets.record', 2, 'too deep');
    await store().overrides.recordFailures(tenant, conn, 'users.record', 1, 'no such override: a no-op');
    const failures = await store().overrides.failuresForTenant(tenant);
    const sorted = failures.sort((x, y) => (x.connection_id ?? '').localeCompare(y.connection_id ?? ''));
    expect(sorted).toEqual([
      {
        connection_id: null,
        key: 'tickets.record',
        failure_count: 0,
        last_failed_at: null,
        last_failure: null,
      },
      {
        connection_id: conn,
        key: 'tickets.record',
        failure_count: 5,
        last_failed_at: expect.stringMatching(/^\d{4}-/),
        last_failure: 'too deep',
      },
    ]);
    expect((await store().overrides.failuresForTenant(other))[0].failure_count).toBe(0);
    await store().overrides.put(tenant, conn, 'tickets.record', 'b2');
    const afterFix = await store().overrides.failuresForTenant(tenant);
    expect(afterFix.find((f) => f.connection_id === conn)).toMatchObject({
      failure_count: 0,
      last_failure: null,
    });
  });

  it('keeps tenants apart', async () => {
    const a = await setup();
    const b = await setup();
    await store().overrides.put(a.tenant, null, 'tickets.record', 'A-wide');
    await store().overrides.put(a.tenant, a.conn, 'tickets.record', 'A-conn');
    // B cannot attach an override to A's connection: the composite foreign key refuses it.
    await expect(store().overrides.put(b.tenant, a.conn, 'tickets.record', 'evil')).rejects.toBeInstanceOf(
      StoreNotFoundError,
    );
    expect(await store().overrides.get(b.tenant, a.conn, 'tickets.record')).toBeUndefined();
    expect(await store().overrides.get(b.tenant, null, 'tickets.record')).toBeUndefined();
    expect(await store().overrides.delete(b.tenant, a.conn, 'tickets.record')).toBe(false);
    expect(await store().overrides.delete(b.tenant, null, 'tickets.record')).toBe(false);
    expect(await store().overrides.listForTenant(b.tenant)).toEqual([]);
    expect(await store().overrides.layersFor(b.tenant, a.conn)).toEqual({ tenant: {}, connection: {} });
    expect((await store().overrides.listForTenant(a.tenant)).map((o) => o.expression)).toEqual([
      'A-wide',
      'A-conn',
    ]);
  });

  it("drops a connection's overrides with the connection", async () => {
    const { tenant, conn } = await setup();
    await store().overrides.put(tenant, conn, 'tickets.record', 'C');
    await store().overrides.put(tenant, null, 'tickets.record', 'T');
    expect(await store().connections.delete(tenant, conn)).toBe(true);
    expect((await store().overrides.listForTenant(tenant)).map((o) => o.connection_id)).toEqual([null]);
  });

  it('refuses an override for an unknown connection or tenant', async () => {
    const { tenant } = await setup();
    await expect(store().overrides.put(tenant, 'con_unknown', 'k', 'e')).rejects.toBeInstanceOf(
      StoreNotFoundError,
    );
    await expect(store().overrides.put('ten_unknown', null, 'k', 'e')).rejects.toBeInstanceOf(
      StoreNotFoundError,
    );
  });
});
