import cluster, { type Worker } from 'node:cluster';
import type { LoggerService } from '@nestjs/common';

export interface WorkerClusterOptions {
  /** How many worker processes serve the one listening port. */
  workers: number;
  logger: LoggerService;
  /** Extra environment for every worker. */
  env?: Record<string, string>;
  /** Extra environment of the worker in each slot (0 to workers − 1); its replacements get the same. */
  envOf?: (slot: number) => Record<string, string>;
  /**
   * When a worker counts as started: once it listens on the shared port (the default), or once it
   * sends WORKER_READY (workers that are handed their connections by the primary and listen on none).
   */
  readyWhen?: 'listening' | 'ready-message';
  /** A worker that dies this soon after it started counts as a crash loop. */
  crashWindowMs?: number;
  /** Crash-loop deaths in a row after which the primary gives up and exits non-zero. */
  maxCrashLoop?: number;
}

/** What a worker sends its primary once it can serve (readyWhen: 'ready-message'). */
export const WORKER_READY = 'worker:ready';

/** Tells the primary this worker can serve: for workers that listen on no port of their own. */
export function announceWorkerReady(): void {
  process.send?.({ type: WORKER_READY });
}

export interface WorkerCluster {
  /** The address the first worker listens on (none when workers announce themselves instead). */
  address?: { address: string; port: number };
  /** The workers started and not dead, with the slot each fills. */
  members(): readonly { worker: Worker; slot: number }[];
  /** SIGTERMs every worker and waits for them to finish what they serve. */
  stop(): Promise<void>;
}

/**
 * The primary of a Node cluster: one process per core for a CPU-bound HTTP app (the gateway maps and
 * serializes whole provider pages on its one thread). Workers start one after another, so the first
 * one's start-up (store migrations) is done before the next opens the store. A worker that dies is
 * replaced; one dying right after it started, again and again, stops the primary instead of spinning.
 */
export async function superviseWorkers(options: WorkerClusterOptions): Promise<WorkerCluster> {
  // Round-robin from the primary, not workers accepting from the shared socket (SCHED_NONE): with
  // keep-alive clients the latter left one worker with every connection in some runs (measured: 222
  // list calls/s with all CPU on one worker, against 310 balanced). The price: a connection handed to a
  // worker in the instant it dies is lost with that worker's in-flight requests; the primary stops
  // handing it any as soon as it sees the death.
  cluster.schedulingPolicy = cluster.SCHED_RR;
  const crashWindowMs = options.crashWindowMs ?? 10_000;
  const maxCrashLoop = options.maxCrashLoop ?? 5;
  let stopping = false;
  let started = false;
  let crashLoop = 0;
  const members = new Map<Worker, number>();
  type Started = { worker: Worker; address?: { address: string; port: number } };

  const fork = (slot: number): Promise<Started> => {
    const worker = cluster.fork({ ...options.env, ...options.envOf?.(slot) });
    const startedAt = Date.now();
    let listened = false;
    worker.on('exit', (code, signal) => {
      members.delete(worker);
      // During the first start a worker that never listened is the caller's error (superviseWorkers
      // rejects); afterwards a replacement that fails to start counts toward the crash loop too.
      if (stopping || (!listened && !started)) return;
      crashLoop = Date.now() - startedAt < crashWindowMs ? crashLoop + 1 : 0;
      options.logger.error(
        { msg: 'worker died; starting another', pid: worker.process.pid, code, signal, crashLoop },
        'WorkerCluster',
      );
      if (crashLoop >= maxCrashLoop) {
        options.logger.error({ msg: 'workers keep dying at start-up; giving up' }, 'WorkerCluster');
        process.exit(1);
      }
      void fork(slot).catch(() => undefined);
    });
    return new Promise((resolve, reject) => {
      const ready = (address?: Started['address']) => {
        listened = true;
        members.set(worker, slot);
        resolve({ worker, address });
      };
      if (options.readyWhen === 'ready-message') {
        const onMessage = (message: unknown) => {
          if ((message as { type?: unknown } | null)?.type !== WORKER_READY) return;
          worker.off('message', onMessage);
          ready();
        };
        worker.on('message', onMessage);
      } else {
        worker.once('listening', (address) =>
          ready({ address: address.address ?? '127.0.0.1', port: address.port }),
        );
      }
      worker.once('exit', (code) => reject(new Error(`a worker exited with ${code} before it listened`)));
    });
  };

  const first = await fork(0);
  for (let slot = 1; slot < options.workers; slot++) await fork(slot);
  started = true;
  options.logger.log(
    options.readyWhen === 'ready-message'
      ? { msg: 'workers ready', workers: options.workers }
      : { msg: 'workers listening', workers: options.workers, port: first.address?.port },
    'WorkerCluster',
  );
  return {
    address: first.address,
    members: () => [...members].map(([worker, slot]) => ({ worker, slot })),
    stop: async () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((done) => {
              if (worker.isDead()) return done();
              worker.once('exit', () => done());
              worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
