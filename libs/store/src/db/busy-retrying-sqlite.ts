import { setTimeout as sleep } from 'node:timers/promises';
import {
  SqliteDialect,
  SqliteDriver,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDialectConfig,
} from 'kysely';

/** How long a statement waits for another process's write lock before it fails with SQLITE_BUSY. */
export const SQLITE_LOCK_WAIT_MS = 5_000;
/** Between two tries: SQLite's own handler sleeps 1, 2, 5, 10, 15, 20, 25… ms, overshooting a short lock. */
const RETRY_EVERY_MS = 1;

/**
 * SQLite on the app's thread, waiting for another process's write lock without stopping the thread.
 * better-sqlite3 runs statements synchronously, so SQLite's busy_timeout sleeps on the event loop:
 * under load the normalizer slept there 4–5 % of the time, up to 15 ms at once, while the ingest held
 * the lock (strace, 2026-12-07), and every request and batch of the app waited with it. Here the
 * connection's busy_timeout is 0 and a statement that meets a lock is tried again 1 ms later on a timer,
 * for up to SQLITE_LOCK_WAIT_MS; the event loop serves everything else meanwhile. Only a plain
 * SQLITE_BUSY is tried again: it means the statement did nothing, which is what SQLite's own busy
 * handler relies on too. SQLITE_BUSY_SNAPSHOT (a transaction whose reads another commit made stale)
 * can never succeed and fails at once, as it did before.
 */
export class BusyRetryingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly lockWaitMs = SQLITE_LOCK_WAIT_MS,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new BusyRetryingSqliteDriver(this.config, this.lockWaitMs);
  }
}

/** Kysely's driver (one connection behind a mutex, its transactions), its connection wrapped. */
class BusyRetryingSqliteDriver extends SqliteDriver {
  private wrapped?: { inner: DatabaseConnection; outer: DatabaseConnection };

  constructor(
    config: SqliteDialectConfig,
    private readonly lockWaitMs: number,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    if (this.wrapped?.inner !== inner)
      this.wrapped = { inner, outer: new BusyRetryingConnection(inner, this.lockWaitMs) };
    return this.wrapped.outer;
  }
}

class BusyRetryingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly lockWaitMs: number,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    let deadline: number | undefined; // read the clock only once a lock was met, not on every statement
    for (;;) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        if (!isPlainBusy(error)) throw error;
        deadline ??= Date.now() + this.lockWaitMs;
        if (Date.now() >= deadline) throw error;
        await sleep(RETRY_EVERY_MS);
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

export function isPlainBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_RECOVERY';
}
