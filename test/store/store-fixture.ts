import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sql } from 'kysely';
import { createStore, CredentialCipher, type Store, type StoreDriver, type StoreOptions } from '@app/store';
import { acquirePostgres, createTestDatabase } from '../support/postgres-harness';

/** Every store suite runs once per engine: `describe.each(DRIVERS)`. */
export const DRIVERS: StoreDriver[] = ['sqlite', 'postgres'];

/** SQLite with its statements on a worker thread (StoreOptions.sqliteThread), as the dispatcher runs it. */
export const SQLITE_ON_WORKER = 'sqlite on a worker thread';
export type Engine = StoreDriver | typeof SQLITE_ON_WORKER;
/** The dispatcher's repositories run on all three. */
export const DISPATCHER_ENGINES: Engine[] = ['sqlite', SQLITE_ON_WORKER, 'postgres'];

export const key32 = (): Buffer => randomBytes(32);
/** The key every fixture store seals with unless a test passes its own cipher. */
export const TEST_K1 = key32();
export const TEST_CIPHER = new CredentialCipher({ k1: TEST_K1 }, 'k1');

/** One empty database on one engine; several Store instances may be opened on it. */
export interface EngineTarget {
  driver: StoreDriver;
  /** The PostgreSQL schema the tables live in when the role may not create databases. */
  postgresSchema?: string;
  open(cipher?: CredentialCipher): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function prepareTarget(engine: Engine, label: string): Promise<EngineTarget> {
  const opened: Store[] = [];
  const driver: StoreDriver = engine === SQLITE_ON_WORKER ? 'sqlite' : engine;
  let base: StoreOptions;
  let dispose: () => Promise<void>;
  let where: string;
  if (driver === 'sqlite') {
    // A real file rather than :memory:, so several Store instances can share it (rotation tests).
    const dir = mkdtempSync(path.join(tmpdir(), 'store-test-'));
    base = {
      driver,
      sqlitePath: path.join(dir, 'store.sqlite'),
      sqliteThread: engine === SQLITE_ON_WORKER ? 'worker' : 'main',
    };
    dispose = async () => rmSync(dir, { recursive: true, force: true });
    where = base.sqlitePath ?? '';
  } else {
    const handle = await acquirePostgres();
    const database = await createTestDatabase();
    base = { driver, postgresUrl: database.url, postgresSchema: database.schema, postgresPoolSize: 12 };
    dispose = database.drop;
    where = `${database.kind} ${database.name} (server from ${handle.origin})`;
  }
  const open = async (cipher: CredentialCipher = TEST_CIPHER) => {
    const store = await createStore({ ...base, cipher });
    opened.push(store);
    return store;
  };
  const probe = await open();
  console.log(`[store] ${label}: engine ${engine} ${await engineVersion(probe)} in ${where}`);
  return {
    driver,
    postgresSchema: base.postgresSchema,
    open,
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close()));
      await dispose();
    },
  };
}

async function engineVersion(store: Store): Promise<string> {
  const query =
    store.driver === 'sqlite'
      ? sql<{ v: string }>`select sqlite_version() as v`
      : sql<{ v: string }>`show server_version`;
  const { rows } = await query.execute(store.db);
  const row = rows[0] as Record<string, string>;
  return Object.values(row)[0];
}

/**
 * Registers beforeAll/afterAll for one engine and hands out a migrated store. Use inside a
 * `describe.each(DRIVERS)` (or `DISPATCHER_ENGINES`) block.
 */
export function useStore(engine: Engine, label: string): { store(): Store; target(): EngineTarget } {
  let target: EngineTarget | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    target = await prepareTarget(engine, label);
    store = await target.open();
    await store.migrate();
  });
  afterAll(async () => target?.cleanup());
  return {
    store: () => must(store, 'store'),
    target: () => must(target, 'target'),
  };
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} not ready: beforeAll failed`);
  return value;
}

/** Every row of a table as JSON text, to look for secrets the way someone with a dump would. */
export async function rawTableText(store: Store, table: string): Promise<string> {
  const { rows } = await sql`select * from ${sql.table(table)}`.execute(store.db);
  return JSON.stringify(rows);
}

/**
 * Asserts the database itself rejected a duplicate. Checks the engine's error code rather than
 * using `rejects.toThrow`: better-sqlite3's SqliteError is not recognised as an Error by Jest.
 */
export async function expectUniqueViolation(write: Promise<unknown>): Promise<void> {
  const error: unknown = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  const code = (error as { code?: unknown } | undefined)?.code;
  expect(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']).toContain(code);
}
