import cluster, { type Worker } from 'node:cluster';
import type { LoggerService } from '@nestjs/common';

export interface WorkerClusterOptions {
  /** How many worker processes serve the one listening port. */
  workers: number;
  logger: LoggerService;
  /** Extra environment for every worker. */
  env?: Record<string, string>;
  /** A worker that dies this soon after it started counts as a crash loop. */
  crashWindowMs?: number;
  /** Crash-loop deaths in a row after which the primary gives up and exits non-zero. */
  maxCrashLoop?: number;
}

export interface WorkerCluster {
  /** The address the first worker listens on. */
  address: { address: string; port: number };
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

  const fork = (): Promise<{ worker: Worker; address: { address: string; port: number } }> => {
    const worker = cluster.fork(options.env);
    const startedAt = Date.now();
    let listened = false;
    worker.on('exit', (code, signal) => {
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
      void fork().catch(() => undefined);
    });
    return new Promise((resolve, reject) => {
      worker.once('listening', (address) => {
        listened = true;
        resolve({ worker, address: { address: address.address ?? '127.0.0.1', port: address.port } });
      });
      worker.once('exit', (code) => reject(new Error(`a worker exited with ${code} before it listened`)));
    });
  };

  const first = await fork();
  for (let i = 1; i < options.workers; i++) await fork();
  started = true;
  options.logger.log(
    { msg: 'workers listening', workers: options.workers, port: first.address.port },
    'WorkerCluster',
  );
  return {
    address: first.address,
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
