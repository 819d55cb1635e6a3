import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type Dialect, type SqliteDatabase } from 'kysely';
import { Pool } from 'pg';
import {
  SqlConnectSessionRepository,
  type ConnectSessionRepository,
} from './connect/connect-session-repository';
import { SqlOAuthAppRepository, type OAuthAppRepository } from './connect/oauth-app-repository';
import type { TenantConnectionRepository } from './connections/connection';
import type { CredentialCipher } from './crypto/credential-cipher';
import type { Database } from './db/schema';
import { FALLBACK_AUTOCHECKPOINT_PAGES, SqliteCheckpointer } from './db/sqlite-checkpointer';
import { BusyRetryingSqliteDialect } from './db/busy-retrying-sqlite';
import { SqliteWorkerDialect } from './db/sqlite-worker-dialect';
import { migrateToLatest } from './migrations';
import { SqlApiKeyRepository } from './repositories/api-key-repository';
import { SqlDeliveryAttemptRepository } from './repositories/delivery-attempt-repository';
import { SqlDeliveryDedupRepository } from './repositories/delivery-dedup-repository';
import { SqlIdempotencyRepository } from './repositories/idempotency-repository';
import { SqlMappingOverrideRepository } from './repositories/mapping-override-repository';
import { SqlConnectionRepository } from './repositories/sql-connection-repository';
import { SqlStoredDataRepository } from './repositories/stored-data-repository';
import { SqlSubscriptionRepository } from './repositories/subscription-repository';
import { SqlTenantRepository } from './repositories/tenant-repository';
import { PollStateRepository } from './polling/poll-states';
import { PublishedVersionRepository } from './polling/published-versions';
import { SyncJobRepository } from './syncs/sync-jobs';
import type {
  ApiKeyRepository,
  DeliveryAttemptRepository,
  DeliveryDedupRepository,
  IdempotencyRepository,
  MappingOverrideRepository,
  StoredDataRepository,
  SubscriptionRepository,
  TenantRepository,
} from './types';

export type StoreDriver = 'sqlite' | 'postgres';

export interface StoreOptions {
  driver: StoreDriver;
  /** SQLite database file (its directory is created); `:memory:` for throwaway tests. */
  sqlitePath?: string;
  /** e.g. postgres://user:password@127.0.0.1:5433/ticketing */
  postgresUrl?: string;
  /**
   * Keep every table, including Kysely's migration bookkeeping, in this PostgreSQL schema instead
   * of the role's default one (e.g. several deployments in one database). Created if missing.
   */
  postgresSchema?: string;
  /** Maximum PostgreSQL connections of this instance (default 10). */
  postgresPoolSize?: number;
  /**
   * Seals connection credentials and webhook secrets. Without it the store still serves
   * tenants, keys, overrides and dedup, but any connection secret read or write throws.
   */
  cipher?: CredentialCipher;
  /** After this long an unfinished Idempotency-Key claim may be taken over (default 5 minutes). */
  idempotencyLeaseMs?: number;
  /**
   * Where SQLite's statements run: on the app's thread (default), or on a worker thread of their own
   * (db/sqlite-worker-dialect.ts), so a write's B-tree work and fsync do not stop the app meanwhile.
   */
  sqliteThread?: 'main' | 'worker';
}

export interface Store {
  readonly driver: StoreDriver;
  readonly tenants: TenantRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly connections: TenantConnectionRepository;
  readonly overrides: MappingOverrideRepository;
  readonly idempotency: IdempotencyRepository;
  readonly deliveries: DeliveryDedupRepository;
  /** Outbound webhook subscriptions (secrets sealed with the cipher). */
  readonly subscriptions: SubscriptionRepository;
  /** Outbound deliveries: retained events, durable retry state, the attempt log. */
  readonly deliveryAttempts: DeliveryAttemptRepository;
  /** Hosted connect sessions and each tenant's redirect allowlist. */
  readonly connectSessions: ConnectSessionRepository;
  /** Each tenant's OAuth apps per provider (client secrets sealed with the cipher). */
  readonly oauthApps: OAuthAppRepository;
  /** Ticket content at rest across tables: per-tenant purge and re-sealing of stored bodies. */
  readonly storedData: StoredDataRepository;
  /** What was last published per record (ids and content hashes), for publishing each change once. */
  readonly publishedVersions: PublishedVersionRepository;
  /** Polling tasks per connection × resource: watermarks and leases (docs/polling.md). */
  readonly pollStates: PollStateRepository;
  /** Snapshot jobs: per resource the page cursor and counts, and the runner's lease (docs/snapshots.md). */
  readonly syncJobs: SyncJobRepository;
  /**
   * Re-seals everything sealed with another key than the active one (connection secrets, stored
   * bodies); safe to repeat. Drop an old key from ENCRYPTION_KEYS once it re-seals nothing more.
   */
  rotateKeys(): Promise<{ connections: number; bodies: number; unreadableBodies: number }>;
  /** Low-level handle for health checks and tests; application code uses the repositories. */
  readonly db: Kysely<Database>;
  /** Applies pending migrations (idempotent); returns the names it applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export async function createStore(options: StoreOptions): Promise<Store> {
  const db = new Kysely<Database>({ dialect: createDialect(options) });
  // Its thread waits for the file until a connection creates it (the worker's does so at its first statement).
  const checkpointer =
    options.driver === 'sqlite' && options.sqlitePath !== ':memory:'
      ? new SqliteCheckpointer(sqliteFile(options.sqlitePath))
      : undefined;
  const connections = new SqlConnectionRepository(db, options.cipher);
  const storedData = new SqlStoredDataRepository(db, options.cipher);
  return {
    driver: options.driver,
    tenants: new SqlTenantRepository(db),
    apiKeys: new SqlApiKeyRepository(db),
    connections,
    overrides: new SqlMappingOverrideRepository(db),
    idempotency: new SqlIdempotencyRepository(db, options.cipher, options.idempotencyLeaseMs),
    deliveries: new SqlDeliveryDedupRepository(db),
    connectSessions: new SqlConnectSessionRepository(db, options.cipher),
    oauthApps: new SqlOAuthAppRepository(db, options.cipher),
    subscriptions: new SqlSubscriptionRepository(db, options.cipher),
    deliveryAttempts: new SqlDeliveryAttemptRepository(db, options.cipher),
    storedData,
    publishedVersions: new PublishedVersionRepository(db),
    pollStates: new PollStateRepository(db),
    syncJobs: new SyncJobRepository(db),
    rotateKeys: async () => {
      const connectionsResealed = await connections.rotate();
      const bodies = await storedData.rotate();
      return {
        connections: connectionsResealed,
        bodies: bodies.resealed,
        unreadableBodies: bodies.unreadable,
      };
    },
    db,
    migrate: () => migrateToLatest(db, options.driver, options.postgresSchema, options.cipher),
    close: async () => {
      await db.destroy();
      await checkpointer?.stop();
    },
  };
}

function createDialect(options: StoreOptions): Dialect {
  switch (options.driver) {
    case 'sqlite': {
      const file = sqliteFile(options.sqlitePath);
      if (options.sqliteThread === 'worker')
        return new SqliteWorkerDialect({ file, pragmas: SQLITE_PRAGMAS });
      const database = new BetterSqlite3(file);
      for (const pragma of SQLITE_PRAGMAS) database.pragma(pragma);
      // A lock is waited for on a timer, not in SQLite's busy handler on this thread (busy-retrying-sqlite.ts).
      database.pragma('busy_timeout = 0');
      return new BusyRetryingSqliteDialect({ database: withStatementCache(database) });
    }
    case 'postgres': {
      if (!options.postgresUrl) throw new Error('store: driver "postgres" needs postgresUrl');
      const schema = options.postgresSchema;
      if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
        throw new Error(`store: postgresSchema "${schema}" must be a plain identifier`);
      }
      const pool = new Pool({
        connectionString: options.postgresUrl,
        max: options.postgresPoolSize ?? 10,
        // Set per connection at start-up, so every pooled connection resolves tables in the schema.
        ...(schema === undefined ? {} : { options: `-c search_path="${schema}"` }),
      });
      // An idle client dying (server restart, network) emits 'error' on the pool; unhandled, that
      // would crash the process. The pool already drops that client and the next query reconnects.
      pool.on('error', () => undefined);
      return new PostgresDialect({ pool });
    }
    default:
      throw new Error(`store: unknown driver "${String((options as { driver: unknown }).driver)}"`);
  }
}

function sqliteFile(file: string | undefined): string {
  if (!file) throw new Error('store: driver "sqlite" needs sqlitePath (a file path, or ":memory:")');
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return file;
}

const SQLITE_PRAGMAS = [
  // Tenant isolation of overrides relies on foreign keys. SQLite's default is off; better-sqlite3
  // builds turn them on, but say so explicitly rather than depend on how the addon was compiled.
  'foreign_keys = ON',
  // WAL lets readers run during a write; busy_timeout waits for a lock instead of failing at once
  // when another process (a second app on the same file) is writing. That wait sleeps on the thread
  // that runs the statements: the dispatcher's SQLite thread keeps it; on an app's own thread the
  // store waits on a timer instead (BusyRetryingSqliteDialect, busy_timeout 0 there).
  'journal_mode = WAL',
  'busy_timeout = 5000',
  // The WAL is checkpointed on a thread of its own (SqliteCheckpointer), not by the commit that fills it.
  `wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`,
  // Deleted rows (a purge, a deleted connection, plain bodies the 0005 migration sealed) are zeroed
  // in the file instead of lingering on free pages until something overwrites them.
  'secure_delete = ON',
] as const;

/** Answers Kysely's `rollback` when there is no transaction left; what SqliteConnection reads of it. */
const NOTHING_TO_ROLL_BACK = {
  reader: false,
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
} as unknown as BetterSqlite3.Statement;

/**
 * Kysely prepares every query anew; SQLite then parses and plans the same few dozen statements over
 * and over, on every request of every app. Reusing them is safe because every statement
 * runs to completion synchronously (the store never streams), so no cached statement is ever busy.
 */
function withStatementCache(database: BetterSqlite3.Database, capacity = 256): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      // No transaction to roll back: SQLite already rolled it back (as it does on a full disk, an I/O
      // error, RAISE(ROLLBACK)). Kysely's rollback would then fail and hide the error that caused it.
      if (sql === 'rollback' && !database.inTransaction) return NOTHING_TO_ROLL_BACK;
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

export { InvalidCursorError } from './repositories/delivery-attempt-repository';
