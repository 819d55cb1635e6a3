import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import { e2eStoreDriver } from '../support/e2e-databases';
import { freshStoreEnv, openE2eStore } from '../support/e2e-store';

/**
 * The app-level suites run once per driver (scripts/test.sh): this proves the switch really moves their
 * stores, i.e. that what an app writes through `freshStoreEnv` settings lands in that driver's own store.
 */
describe(`app-level e2e stores on ${e2eStoreDriver()}`, () => {
  it('puts each fresh store where the selected driver keeps it, empty and separate from the others', async () => {
    const env = freshStoreEnv('driver-check');
    const other = freshStoreEnv('driver-check');
    expect(env.STORE_DRIVER).toBe(e2eStoreDriver());
    const store = await openE2eStore(env);
    try {
      await store.tenants.create({ name: 'driver check' });
    } finally {
      await store.close();
    }
    await openE2eStore(other).then((s) => s.close()); // migrated, nothing written

    if (e2eStoreDriver() === 'postgres') {
      expect(env.DATABASE_URL).not.toBe(other.DATABASE_URL);
      expect(await postgresTenants(env.DATABASE_URL)).toBe(1);
      expect(await postgresTenants(other.DATABASE_URL)).toBe(0);
    } else {
      expect(existsSync(env.SQLITE_PATH)).toBe(true);
      expect(sqliteTenants(env.SQLITE_PATH)).toBe(1);
      expect(sqliteTenants(other.SQLITE_PATH)).toBe(0);
    }
  });
});

async function postgresTenants(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM tenants');
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

function sqliteTenants(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
