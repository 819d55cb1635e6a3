import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/** The SQLite file and the pragmas every connection of the store runs before its first statement. */
export interface SqliteWorkerConfig {
  file: string;
  pragmas: readonly string[];
}

interface Answer {
  id: number;
  rows?: Record<string, unknown>[];
  changes?: number;
  lastInsertRowid?: number | bigint;
  error?: { message: string; code?: string };
}

/**
 * SQLite on its own thread. better-sqlite3 runs every statement synchronously, so on the app's thread a
 * commit's B-tree work and fsync stop everything else: the dispatcher's sends, its Kafka intake. Here
 * the statements run on a worker while the app's thread goes on, the overlap PostgreSQL gets from its
 * server process. Same SQL, same single connection (Kysely's SQLite driver serialises it too), same
 * transactions; only where the work runs changes. Costs one message each way per statement.
 */
export class SqliteWorkerDialect implements Dialect {
  constructor(private readonly config: SqliteWorkerConfig) {}

  createAdapter(): SqliteAdapter {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new SqliteWorkerDriver(this.config);
  }

  createQueryCompiler(): SqliteQueryCompiler {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): SqliteIntrospector {
    return new SqliteIntrospector(db);
  }
}

class SqliteWorkerDriver implements Driver {
  private worker?: Worker;
  private connection?: SqliteWorkerConnection;
  private readonly mutex = new ConnectionMutex();

  constructor(private readonly config: SqliteWorkerConfig) {}

  async init(): Promise<void> {
    const worker = new Worker(`(${sqliteWorkerMain.toString()})()`, {
      eval: true,
      workerData: { driverPath: require.resolve('better-sqlite3'), ...this.config },
    });
    this.worker = worker;
    this.connection = new SqliteWorkerConnection(worker);
    // Opening the file and its pragmas fail here, at the store's first statement, not later.
    await this.connection.executeQuery(CompiledQuery.raw('select 1'));
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection as SqliteWorkerConnection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.connection?.fail(new Error('store: closed'));
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/** Exported for its tests; the dialect is the way in. */
export class SqliteWorkerConnection implements DatabaseConnection {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(a: Answer): void; reject(e: unknown): void }>();
  /** Set once the worker is gone: every later statement fails at once instead of waiting forever. */
  private gone?: Error;

  constructor(private readonly worker: Worker) {
    // Idle, the worker must not keep the process alive; while a statement is out, it must.
    worker.unref();
    worker.on('message', (answer: Answer) => this.settle(answer));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`store: the SQLite worker exited (code ${code})`)));
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const answer = await this.send(query);
    if (answer.rows !== undefined) return { rows: answer.rows.map(withBuffers) as R[] };
    return {
      rows: [],
      numAffectedRows: answer.changes === undefined ? undefined : BigInt(answer.changes),
      insertId: answer.lastInsertRowid === undefined ? undefined : BigInt(answer.lastInsertRowid),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('store: the SQLite worker does not stream; the store reads whole results');
  }

  fail(error: unknown): void {
    this.gone ??= error instanceof Error ? error : new Error(String(error));
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of waiting) reject(error);
    this.worker.unref();
  }

  private send(query: CompiledQuery): Promise<Answer> {
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      if (this.gone) return reject(this.gone);
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    });
  }

  private settle(answer: Answer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker.unref();
    if (answer.error) waiting.reject(Object.assign(new Error(answer.error.message), answer.error));
    else waiting.resolve(answer);
  }
}

/** Structured cloning turns a BLOB's Buffer into a bare Uint8Array; the store's readers expect Buffers. */
function withBuffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const key in row) {
    const value = row[key];
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
      row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return row;
}

class ConnectionMutex {
  private held?: Promise<void>;
  private release?: () => void;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise<void>((resolve) => (this.release = resolve));
  }

  unlock(): void {
    const release = this.release;
    this.held = undefined;
    this.release = undefined;
    release?.();
  }
}

/**
 * The worker's whole program. It runs from its source text (`eval`), so it must stand alone: no
 * imports, nothing from the enclosing module. Statements are prepared once and reused, as on the main
 * thread (store.ts): each runs to completion before the next message is read, so none is ever busy.
 */
function sqliteWorkerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const Database = require(workerData.driverPath) as typeof import('better-sqlite3');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const port = parentPort as import('node:worker_threads').MessagePort;
  const errorOf = (error: unknown) => ({
    message: error instanceof Error ? error.message : String(error),
    code: (error as { code?: unknown }).code,
  });
  let database: import('better-sqlite3').Database | undefined;
  let opening: unknown;
  try {
    database = new Database(workerData.file);
    for (const pragma of workerData.pragmas as string[]) database.pragma(pragma);
  } catch (error) {
    opening = error;
  }
  const statements = new Map<string, import('better-sqlite3').Statement>();
  port.on('message', (query: { id: number; sql: string; parameters: unknown[] }) => {
    try {
      if (database === undefined) throw opening;
      // No transaction to roll back: its `begin` failed, or SQLite already rolled it back (as it
      // does on some errors). Failing here would hide the error that made the caller roll back.
      if (query.sql === 'rollback' && !database.inTransaction) {
        port.postMessage({ id: query.id, changes: 0 });
        return;
      }
      let statement = statements.get(query.sql);
      if (statement === undefined) {
        statement = database.prepare(query.sql);
        if (statements.size >= 256) statements.delete(statements.keys().next().value as string);
        statements.set(query.sql, statement);
      }
      if (statement.reader) {
        port.postMessage({ id: query.id, rows: statement.all(query.parameters) });
      } else {
        const { changes, lastInsertRowid } = statement.run(query.parameters);
        port.postMessage({ id: query.id, changes, lastInsertRowid });
      }
    } catch (error) {
      port.postMessage({ id: query.id, error: errorOf(error) });
    }
  });
}
