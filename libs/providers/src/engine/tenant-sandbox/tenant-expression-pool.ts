import { Worker } from 'node:worker_threads';
import { MappingError } from '../expression-cache';
import { EXPRESSION_WORKER_SOURCE } from './expression-worker';

export interface TenantSandboxLimits {
  /** Worker threads shared by all tenants. */
  workers: number;
  /** Evaluations of one tenant running at once; the others of that tenant wait in its queue. */
  perTenantConcurrency: number;
  /** Evaluations of one tenant waiting; beyond that the tenant is told to slow down (429). */
  perTenantQueue: number;
  /** jsonata's own time limit; the pool kills a worker this long plus `graceMs` after it started. */
  timeoutMs: number;
  graceMs: number;
  maxDepth: number;
  /**
   * V8 heap of one worker (old generation), so one evaluation cannot take the process's memory. At least
   * MIN_SANDBOX_MEMORY_MB: below that, one allocation jsonata allows (a 10-million range, ~120 MB while it
   * grows) does not fit at all, and V8 aborts the whole process instead of stopping the worker.
   */
  memoryMb: number;
}

export const MIN_SANDBOX_MEMORY_MB = 192;

export const DEFAULT_SANDBOX_LIMITS: TenantSandboxLimits = {
  workers: 2,
  perTenantConcurrency: 1,
  perTenantQueue: 8,
  timeoutMs: 1_000,
  graceMs: 250,
  maxDepth: 500,
  memoryMb: 256,
};

/** The tenant has more evaluations waiting than its share allows: answered 429 with a short wait. */
export class TenantSandboxBusyError extends Error {
  readonly retryAfterSeconds = 1;
  constructor(
    readonly tenantId: string,
    readonly waiting: number,
  ) {
    super(`Too many mapping evaluations of this tenant at once (${waiting} waiting); retry shortly`);
    this.name = 'TenantSandboxBusyError';
  }
}

interface Job {
  tenantId: string;
  message: { id: number; source: string; input: unknown; bindings?: Record<string, unknown> };
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  deadline?: NodeJS.Timeout;
}

interface WorkerAnswer {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { message: string; position?: number; code?: string };
}

/**
 * Runs tenants' JSONata (overrides, previews) on worker threads, never on the event loop that serves
 * requests. Fair across tenants: each tenant has its own queue and at most `perTenantConcurrency`
 * evaluations running, and free workers take the next tenant in turn, so a tenant looping a runaway
 * expression occupies at most its share of the workers. A worker that overruns its deadline is
 * terminated and replaced (a synchronous step such as a huge range is not interruptible from inside);
 * one that exhausts its heap dies alone and is replaced.
 */
export class TenantExpressionPool {
  private readonly slots: Slot[] = [];
  private readonly queues = new Map<string, Job[]>();
  private readonly running = new Map<string, number>();
  /** Tenants with queued jobs, in turn order. */
  private readonly turn: string[] = [];
  private nextId = 1;
  private closed = false;
  readonly stats = { evaluations: 0, timeouts: 0, outOfMemory: 0, rejectedBusy: 0, workersReplaced: 0 };

  constructor(private readonly limits: TenantSandboxLimits = DEFAULT_SANDBOX_LIMITS) {
    if (limits.memoryMb < MIN_SANDBOX_MEMORY_MB) {
      throw new Error(`the expression sandbox needs at least ${MIN_SANDBOX_MEMORY_MB} MB per worker`);
    }
    for (let i = 0; i < limits.workers; i++) this.slots.push(this.newSlot());
  }

  evaluate(
    tenantId: string,
    source: string,
    input: unknown,
    bindings?: Record<string, unknown>,
  ): Promise<unknown> {
    if (this.closed) return Promise.reject(new MappingError('the expression sandbox is closed'));
    const queue = this.queues.get(tenantId) ?? [];
    if (queue.length >= this.limits.perTenantQueue) {
      this.stats.rejectedBusy += 1;
      return Promise.reject(new TenantSandboxBusyError(tenantId, queue.length));
    }
    return new Promise((resolve, reject) => {
      const message = { id: this.nextId++, source, input, bindings };
      queue.push({ tenantId, message, resolve, reject });
      this.queues.set(tenantId, queue);
      if (!this.turn.includes(tenantId)) this.turn.push(tenantId);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.queues.values())
      for (const job of queue.splice(0)) job.reject(new MappingError('the expression sandbox is closed'));
    await Promise.all(
      this.slots.map((slot) => {
        clearTimeout(slot.deadline);
        slot.job?.reject(new MappingError('the expression sandbox is closed'));
        return slot.worker.terminate();
      }),
    );
  }

  /** Gives each idle worker the next job of the next tenant that is under its concurrency share. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.takeNext();
      if (!job) return;
      this.start(slot, job);
    }
  }

  private takeNext(): Job | undefined {
    for (let i = 0; i < this.turn.length; i++) {
      const tenantId = this.turn[i];
      if ((this.running.get(tenantId) ?? 0) >= this.limits.perTenantConcurrency) continue;
      const queue = this.queues.get(tenantId)!;
      const job = queue.shift()!;
      // Round robin: this tenant goes to the back of the line (or leaves it when it has nothing left).
      this.turn.splice(i, 1);
      if (queue.length > 0) this.turn.push(tenantId);
      else this.queues.delete(tenantId);
      return job;
    }
    return undefined;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    this.running.set(job.tenantId, (this.running.get(job.tenantId) ?? 0) + 1);
    this.stats.evaluations += 1;
    slot.deadline = setTimeout(() => {
      this.stats.timeouts += 1;
      this.replace(
        slot,
        new MappingError(
          `JSONata evaluation failed: it ran longer than ${this.limits.timeoutMs} ms and was stopped`,
          undefined,
          'D1012',
        ),
      );
    }, this.limits.timeoutMs + this.limits.graceMs);
    slot.worker.postMessage(job.message);
  }

  private finish(slot: Slot): Job | undefined {
    const job = slot.job;
    clearTimeout(slot.deadline);
    slot.job = undefined;
    slot.deadline = undefined;
    if (job) {
      const left = (this.running.get(job.tenantId) ?? 1) - 1;
      if (left > 0) this.running.set(job.tenantId, left);
      else this.running.delete(job.tenantId);
    }
    return job;
  }

  private newSlot(): Slot {
    const worker = new Worker(EXPRESSION_WORKER_SOURCE, {
      eval: true,
      workerData: {
        jsonataPath: require.resolve('jsonata'),
        timeoutMs: this.limits.timeoutMs,
        maxDepth: this.limits.maxDepth,
        maxCompiled: 500,
        niceness: 19,
      },
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.memoryMb,
        stackSizeMb: 4,
      },
    });
    const slot: Slot = { worker };
    worker.on('message', (answer: WorkerAnswer) => {
      if (slot.job?.message.id !== answer.id) return;
      const job = this.finish(slot)!;
      if (answer.ok) job.resolve(answer.value);
      else job.reject(new MappingError(answer.error!.message, answer.error!.position, answer.error!.code));
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (outOfMemory) this.stats.outOfMemory += 1;
      this.replace(
        slot,
        new MappingError(
          outOfMemory
            ? `JSONata evaluation failed: it needed more than the ${this.limits.memoryMb} MB an evaluation may use`
            : `JSONata evaluation failed: ${error.message}`,
          undefined,
          outOfMemory ? 'memory_limit' : undefined,
        ),
      );
    });
    // The pool must not keep a process alive that has nothing else to do.
    worker.unref();
    return slot;
  }

  /** Fails the slot's job, terminates its worker and puts a fresh one in its place. */
  private replace(slot: Slot, reason: MappingError): void {
    const job = this.finish(slot);
    job?.reject(reason);
    const old = slot.worker;
    old.removeAllListeners('message');
    old.removeAllListeners('error');
    old.on('error', () => undefined);
    void old.terminate();
    if (this.closed) return;
    this.stats.workersReplaced += 1;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = this.newSlot();
    this.dispatch();
  }
}
