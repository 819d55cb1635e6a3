import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { dropDatabaseForce } from './drop-database';

/**
 * The store the app-level e2e suites (gateway, dispatch, pipeline) run on. SQLite by default;
 * `E2E_STORE_DRIVER=postgres` (the second pass of scripts/test.sh) puts every fresh store on its
 * own PostgreSQL database on the server named by DATABASE_URL_TEST, so the same suites prove the
 * same behaviour on both drivers.
 */
export type E2eStoreDriver = 'sqlite' | 'postgres';

export function e2eStoreDriver(): E2eStoreDriver {
  const driver = process.env.E2E_STORE_DRIVER ?? 'sqlite';
  if (driver !== 'sqlite' && driver !== 'postgres')
    throw new Error(`E2E_STORE_DRIVER must be sqlite or postgres, not ${driver}`);
  return driver;
}

/** Names this run's databases so the global teardown drops exactly them (others may share the server). */
export const E2E_DATABASE_PREFIX_VAR = 'E2E_DATABASE_PREFIX';

/**
 * Creates an empty database and returns its URL. Synchronous on purpose: suites build their store
 * settings in describe bodies (`const env = storeEnv()`), where nothing can be awaited, and the
 * database must exist before any app opens it. A short-lived node process runs the statement.
 */
export function createDatabaseNow(): string {
  const serverUrl = process.env.DATABASE_URL_TEST;
  if (!serverUrl)
    throw new Error('E2E_STORE_DRIVER=postgres needs DATABASE_URL_TEST (bash scripts/postgres.sh start)');
  const prefix = process.env[E2E_DATABASE_PREFIX_VAR] ?? 'e2e_';
  const name = `${prefix}${randomBytes(6).toString('hex')}`; // hex only: safe to splice into SQL
  const script =
    "const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1] });" +
    'c.connect().then(() => c.query(`CREATE DATABASE "${process.argv[2]}"`)).then(() => c.end())' +
    '.catch((e) => { console.error(e.message); process.exit(1); });';
  execFileSync(process.execPath, ['-e', script, serverUrl, name], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops every database this run created (called by the global teardown in PostgreSQL mode). Returns
 * the names it could not drop rather than throwing: the run's results are already decided, and a
 * throwing global teardown makes Jest discard them (CI once lost a passing PostgreSQL pass that way).
 */
export async function dropRunDatabases(): Promise<string[]> {
  const serverUrl = process.env.DATABASE_URL_TEST;
  const prefix = process.env[E2E_DATABASE_PREFIX_VAR];
  if (!serverUrl || !prefix) return [];
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    const left: string[] = [];
    for (const { datname } of rows) {
      await dropDatabaseForce(client, datname).catch((error: unknown) => {
        left.push(`${datname} (${error instanceof Error ? error.message : String(error)})`);
      });
    }
    return left;
  } finally {
    await client.end();
  }
}
