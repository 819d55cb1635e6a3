import { sql } from 'kysely';
import { MIGRATION_NAMES } from '@app/store/migrations';
import { DRIVERS, expectUniqueViolation, prepareTarget, type EngineTarget } from './store-fixture';

describe.each(DRIVERS)('migrations on %s', (driver) => {
  let target: EngineTarget;
  beforeAll(async () => {
    target = await prepareTarget(driver, 'migrations');
  });
  afterAll(async () => target.cleanup());

  it('applies once, then is a no-op, from any instance', async () => {
    expect(MIGRATION_NAMES.slice(0, 5)).toEqual([
      '0001-initial',
      '0002-subscriptions',
      '0003-override-failures',
      '0004-connect-sessions',
      '0005-sealed-bodies',
    ]);
    const first = await target.open();
    expect(await first.migrate()).toEqual([...MIGRATION_NAMES]);
    const tenant = await first.tenants.create({ name: 'survives re-migration' });

    expect(await first.migrate()).toEqual([]);
    const second = await target.open();
    expect(await second.migrate()).toEqual([]);
    expect(await second.tenants.findById(tenant.id)).toEqual(tenant);

    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(first.db);
    expect(rows.map((r) => r.name)).toEqual([...MIGRATION_NAMES]);
  });

  it('lets instances that start together on an empty database apply each migration once', async () => {
    const fresh = await prepareTarget(driver, 'migrations-concurrent');
    try {
      const instances = await Promise.all([fresh.open(), fresh.open(), fresh.open()]);
      const applied = await Promise.all(instances.map((s) => s.migrate()));
      expect(applied.flat()).toEqual([...MIGRATION_NAMES]);
      const tenant = await instances[2].tenants.create({ name: 'after concurrent start' });
      expect(await instances[0].tenants.findById(tenant.id)).toEqual(tenant);
    } finally {
      await fresh.cleanup();
    }
  });

  it('creates the unique indexes the repositories rely on', async () => {
    const store = await target.open();
    await store.migrate();
    const tenant = await store.tenants.create({ name: 'u' });
    const row = { tenant_id: tenant.id, key: 'k', request_hash: 'h', created_at: new Date().toISOString() };
    await store.db.insertInto('idempotency_keys').values(row).execute();
    await expectUniqueViolation(store.db.insertInto('idempotency_keys').values(row).execute());
  });
});
