import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { dropDatabaseForce } from './drop-database';

const REPO_ROOT = path.resolve(__dirname, '../..');

export interface PostgresHandle {
  /** A database the test role can connect to and create databases from. */
  url: string;
  origin: 'DATABASE_URL_TEST' | 'PG_TEST_URL' | 'local-script';
}

export interface TestDatabase {
  url: string;
  /** Where the isolation lives: its own database, or its own schema when CREATE DATABASE is refused. */
  kind: 'database' | 'schema';
  name: string;
  /** Set in schema mode: pass it on as the store's `postgresSchema`. */
  schema?: string;
  drop(): Promise<void>;
}

let acquired: PostgresHandle | undefined;

/**
 * The server the tests run against: an explicit one (DATABASE_URL_TEST, then PG_TEST_URL), else
 * the project's local PostgreSQL, started by scripts/postgres.sh (left running for later runs,
 * stopped by `bash scripts/postgres.sh stop`).
 */
export async function acquirePostgres(): Promise<PostgresHandle> {
  if (acquired) return acquired;
  for (const name of ['DATABASE_URL_TEST', 'PG_TEST_URL'] as const) {
    const url = process.env[name];
    if (url) return (acquired = { url, origin: name });
  }
  const script = path.join(REPO_ROOT, 'scripts/postgres.sh');
  // The script logs to stderr and prints the URL as the last line of stdout.
  const out = execFileSync('bash', [script, 'start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = out.trim().split('\n').pop() ?? '';
  if (!url.startsWith('postgres://')) throw new Error(`scripts/postgres.sh start printed no URL: ${out}`);
  return (acquired = { url, origin: 'local-script' });
}

/**
 * A fresh, empty database per caller (normally one per test file), so parallel or repeated runs
 * never see each other's rows. Falls back to a fresh schema when the role may not create databases.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { url } = await acquirePostgres();
  const name = `test_${randomBytes(6).toString('hex')}`; // random hex: safe to splice into SQL
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    return {
      url: withDatabase(url, name),
      kind: 'database',
      name,
      drop: () => runOn(url, (client) => dropDatabaseForce(client, name)),
    };
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error; // only "insufficient privilege"
    await admin.query(`CREATE SCHEMA "${name}"`);
    return {
      url,
      kind: 'schema',
      name,
      schema: name,
      drop: () => runOn(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)),
    };
  } finally {
    await admin.end();
  }
}

async function runOn(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
