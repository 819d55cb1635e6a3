import { Worker } from 'node:worker_threads';

/**
 * Every 250 ms: a checkpoint then copies what ~0.25 s of writes appended (at 1,000 webhooks/s, a few
 * hundred pages), well under the fallback below.
 */
export const CHECKPOINT_INTERVAL_MS = 250;

/**
 * Pages of WAL after which a commit checkpoints on its own connection after all (SQLite's default is
 * 1,000). It only happens if the background checkpoints fall behind or are not running; the WAL file
 * stays bounded either way.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_000;

export interface CheckpointStats {
  /** Checkpoints run. */
  runs: number;
  /** The last run's answer: frames in the WAL, and how many of them are in the database file now. */
  last?: { walFrames: number; copied: number };
  /** The last run's error, if it failed (the next run tries again). */
  lastError?: string;
}

/**
 * Checkpoints a SQLite file's WAL on a thread of its own. Left to SQLite, the commit that takes the
 * WAL past 1,000 pages copies them into the database file and fsyncs both on the app's event loop:
 * under load, every half second a 5–55 ms stop of the ingest or the normalizer (strace, 2026-12-07),
 * long enough to make a pipeline's p99 on its own. A PASSIVE checkpoint never waits for readers or
 * writers, so running it here takes nothing from them; the apps' connections only checkpoint past
 * FALLBACK_AUTOCHECKPOINT_PAGES. Several processes on one file each run one; a checkpoint already in
 * progress makes another return at once.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopped?: Promise<void>;
  private exited = false;
  private nextRequest = 0;
  private readonly statsRequests = new Map<number, (stats: CheckpointStats) => void>();

  constructor(file: string, intervalMs = CHECKPOINT_INTERVAL_MS) {
    this.worker = new Worker(`(${checkpointerMain.toString()})()`, {
      eval: true,
      workerData: { driverPath: require.resolve('better-sqlite3'), file, intervalMs },
    });
    // Never what keeps a process alive: a process that forgets to close its store still exits.
    this.worker.unref();
    this.worker.on('message', (message: { id: number; stats: CheckpointStats }) => {
      this.statsRequests.get(message.id)?.(message.stats);
      this.statsRequests.delete(message.id);
    });
    this.worker.on('error', () => undefined); // a failed checkpoint thread leaves SQLite's fallback
    this.worker.once('exit', () => {
      this.exited = true;
      for (const answer of this.statsRequests.values()) answer({ runs: 0, lastError: 'stopped' });
      this.statsRequests.clear();
    });
  }

  /** What the thread did so far (for tests and diagnostics). */
  stats(): Promise<CheckpointStats> {
    if (this.exited) return Promise.resolve({ runs: 0, lastError: 'stopped' });
    const id = ++this.nextRequest;
    return new Promise((resolve) => {
      this.statsRequests.set(id, resolve);
      this.worker.postMessage({ id, stats: true });
    });
  }

  /** Ends the thread after the checkpoint in progress, if any; closes its connection. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      // Referenced while it ends: otherwise a process with nothing else to do would exit mid-stop.
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ stop: true });
    });
    return this.stopped;
  }
}

/**
 * The thread's whole program, run from its source text (`eval`): it must stand alone, no imports and
 * nothing from the enclosing module.
 */
function checkpointerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const Database = require(workerData.driverPath) as typeof import('better-sqlite3');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const port = parentPort as import('node:worker_threads').MessagePort;
  const stats: {
    runs: number;
    last?: { walFrames: number; copied: number };
    lastError?: string;
  } = { runs: 0 };
  let database: import('better-sqlite3').Database | undefined;
  const checkpoint = () => {
    try {
      if (database === undefined) {
        database = new Database(workerData.file, { fileMustExist: true });
        database.pragma('busy_timeout = 100');
      }
      const [result] = database.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      stats.runs += 1;
      stats.last = { walFrames: result.log, copied: result.checkpointed };
      stats.lastError = undefined;
    } catch (error) {
      stats.lastError = error instanceof Error ? error.message : String(error);
    }
  };
  const timer = setInterval(checkpoint, workerData.intervalMs as number);
  port.on('message', (message: { id?: number; stats?: boolean; stop?: boolean }) => {
    if (message.stats) port.postMessage({ id: message.id, stats: { ...stats } });
    if (message.stop) {
      clearInterval(timer);
      database?.close();
      port.close();
    }
  });
}
