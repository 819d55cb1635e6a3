import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { MappingError } from '../expression-cache';
import { EXPRESSION_PROCESS_SOURCE } from './expression-process';
import { DEFAULT_TIMEOUT_BREAKER, TimeoutBreaker, type TimeoutBreakerSettings } from './timeout-breaker';

export interface TenantSandboxLimits {
  /** Sandbox processes shared by all tenants. */
  workers: number;
  /** Evaluations of one tenant running at once; the others of that tenant wait in its queue. */
  perTenantConcurrency: number;
  /** Evaluations of one tenant waiting; beyond that the tenant is told to slow down (429). */
  perTenantQueue: number;
  /**
   * How long an evaluation may wait for a sandbox process (its tenant's turn, or a process still
   * starting on a saturated machine) before it is refused (429): a call never hangs behind the sandbox.
   */
  maxWaitMs: number;
  /** jsonata's own time limit; the pool kills a process this long plus `graceMs` after it started. */
  timeoutMs: number;
  graceMs: number;
  maxDepth: number;
  /**
   * V8 heap (old generation) of one sandbox process, so one evaluation cannot take the gateway's memory:
   * past it V8 aborts that process alone, which the pool replaces.
   */
  memoryMb: number;
}

/** Below this a sandbox process hardly starts (Node's own heap at start-up is ~5 MB, jsonata's ~2 MB). */
export const MIN_SANDBOX_MEMORY_MB = 32;

/** The lowest priority: a tenant's spinning expression runs only on CPU the gateway leaves idle. */
const SANDBOX_NICENESS = 19;

/**
 * One thread for garbage collection and a small young generation. An allocating process hurts its
 * neighbours' latency even under SCHED_IDLE: on this 2-core machine a plain HTTP call's p99 went from 5.0
 * to 14.3 ms beside an idle-scheduled Node process allocating in a loop, and to 6.6–7.4 ms with these
 * flags (V8's parallel GC threads had spread its memory traffic over both cores).
 */
const SANDBOX_V8_FLAGS = ['--single-threaded-gc', '--max-semi-space-size=1'];

/**
 * util-linux's `chrt`, to start sandbox processes under Linux's SCHED_IDLE policy: a request of the
 * gateway that wakes up preempts them at once. Nice 19 alone does not: the EEVDF scheduler (Linux 6.6 and
 * later) lets a nice-19 task finish its slice first, which cost tenant B +33–47 % at p99 while tenant A's
 * runaway override spun (bench:noisy-neighbour). Without `chrt` (not Linux), nice 19 is what remains.
 */
const IDLE_SCHEDULER = ['/usr/bin/chrt', '/bin/chrt'].find((candidate) => existsSync(candidate));

/** jsonata's code for an evaluation stopped by its time limit; the pool's own deadline uses it too. */
const TIME_LIMIT_CODE = 'D1012';

export const DEFAULT_SANDBOX_LIMITS: TenantSandboxLimits = {
  workers: 2,
  perTenantConcurrency: 1,
  perTenantQueue: 8,
  maxWaitMs: 5_000,
  timeoutMs: 1_000,
  graceMs: 250,
  maxDepth: 500,
  memoryMb: 256,
};

/**
 * The tenant has more evaluations waiting than its share allows, or one waited past `maxWaitMs`: answered
 * 429 with a short wait. `queueLimit` is the tenant's queue bound (a full queue holds exactly that many).
 */
export class TenantSandboxBusyError extends Error {
  readonly retryAfterSeconds = 1;
  constructor(
    readonly tenantId: string,
    readonly queueLimit: number,
    waitedMs?: number,
  ) {
    super(
      waitedMs === undefined
        ? `Too many mapping evaluations of this tenant at once (${queueLimit} waiting); retry shortly`
        : `A mapping evaluation of this tenant waited ${waitedMs} ms for the sandbox and was refused; retry shortly`,
    );
    this.name = 'TenantSandboxBusyError';
  }
}

interface Job {
  tenantId: string;
  message: { id: number; source: string; input: unknown; bindings?: Record<string, unknown> };
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** Refuses the job if no process has taken it by then (set when it is queued). */
  waitLimit?: NodeJS.Timeout;
  /** Times it went back to the queue because its process was gone before it could be sent. */
  resent?: number;
}

/** A job whose process keeps vanishing before it can be sent is failed after this many tries. */
const MAX_RESENDS = 3;

interface Slot {
  child: ChildProcess;
  /** The process has started and listens; a job sent before might be read by nobody. */
  ready: boolean;
  job?: Job;
  deadline?: NodeJS.Timeout;
  /** The end of what the process wrote to stderr: how it died, when it did. */
  stderrTail: string;
}

interface ProcessAnswer {
  ready?: true;
  id?: number;
  ok: boolean;
  value?: unknown;
  error?: { message: string; position?: number; code?: string };
}

/**
 * Runs tenants' JSONata (overrides, previews) in child processes, never on the event loop that serves
 * requests. Fair across tenants: each tenant has its own queue and at most `perTenantConcurrency`
 * evaluations running, and free processes take the next tenant in turn, so a tenant looping a runaway
 * expression occupies at most its share of them. A process that overruns its deadline is killed and
 * replaced (a synchronous step such as a huge range is not interruptible from inside); one that exhausts
 * its heap dies alone and is replaced.
 *
 * Processes, not worker threads: a worker's `resourceLimits` stops the thread only when V8 reaches its
 * near-heap-limit hook with room left to unwind; an allocation that fails outright aborts the whole
 * process (seen once in CI: `FATAL ERROR: Reached heap limit` in a worker took the test runner down). An
 * abort in a child process ends that child only.
 */
export class TenantExpressionPool {
  private readonly slots: Slot[] = [];
  private readonly queues = new Map<string, Job[]>();
  private readonly running = new Map<string, number>();
  /** Tenants with queued jobs, in turn order. */
  private readonly turn: string[] = [];
  private nextId = 1;
  private closed = false;
  readonly stats = {
    evaluations: 0,
    timeouts: 0,
    outOfMemory: 0,
    rejectedBusy: 0,
    workersReplaced: 0,
    suspended: 0,
  };
  private readonly breaker: TimeoutBreaker;

  constructor(
    private readonly limits: TenantSandboxLimits = DEFAULT_SANDBOX_LIMITS,
    breaker: TimeoutBreakerSettings = DEFAULT_TIMEOUT_BREAKER,
  ) {
    this.breaker = new TimeoutBreaker(breaker);
    if (limits.memoryMb < MIN_SANDBOX_MEMORY_MB) {
      throw new Error(`the expression sandbox needs at least ${MIN_SANDBOX_MEMORY_MB} MB per process`);
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
    const suspendedMs = this.breaker.suspendedFor(tenantId, source, Date.now());
    if (suspendedMs > 0) return this.refuseSuspended(tenantId, source, suspendedMs);
    const queue = this.queues.get(tenantId) ?? [];
    if (queue.length >= this.limits.perTenantQueue) {
      this.stats.rejectedBusy += 1;
      return Promise.reject(new TenantSandboxBusyError(tenantId, this.limits.perTenantQueue));
    }
    return new Promise((resolve, reject) => {
      const message = { id: this.nextId++, source, input, bindings };
      this.enqueue({ tenantId, message, resolve, reject }, 'last');
      this.dispatch();
    });
  }

  /**
   * Puts a job in its tenant's queue, its wait limit running: last for a new job; first, with its tenant
   * first in turn, for one that never reached the process it was given.
   */
  private enqueue(job: Job, place: 'first' | 'last'): void {
    job.waitLimit = setTimeout(() => this.giveUp(job), this.limits.maxWaitMs);
    const queue = this.queues.get(job.tenantId) ?? [];
    this.queues.set(job.tenantId, queue);
    const turn = this.turn.indexOf(job.tenantId);
    if (place === 'last') {
      queue.push(job);
      if (turn < 0) this.turn.push(job.tenantId);
      return;
    }
    queue.unshift(job);
    if (turn >= 0) this.turn.splice(turn, 1);
    this.turn.unshift(job.tenantId);
  }

  /**
   * Not run, and answered when its time limit would have run out rather than at once: a client looping
   * on a suspended override keeps the pace it had (no hot loop of instant answers), and it costs a timer.
   */
  private refuseSuspended(tenantId: string, source: string, suspendedMs: number): Promise<never> {
    this.stats.suspended += 1;
    const times = this.breaker.timeoutsInARow(tenantId, source);
    const error = new MappingError(
      `JSONata evaluation not run: it ran out of time ${times} times in a row, so it is suspended for ` +
        `${Math.ceil(suspendedMs / 1000)} s more (an edited expression runs at once)`,
      undefined,
      'suspended',
    );
    return new Promise((_resolve, reject) => setTimeout(() => reject(error), this.limits.timeoutMs).unref());
  }

  /** The sandbox processes' ids (for operators' tools and tests). */
  processIds(): number[] {
    return this.slots.flatMap((slot) => (slot.child.pid === undefined ? [] : [slot.child.pid]));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.queues.values())
      for (const job of queue.splice(0)) {
        clearTimeout(job.waitLimit);
        job.reject(new MappingError('the expression sandbox is closed'));
      }
    await Promise.all(
      this.slots.map((slot) => {
        clearTimeout(slot.deadline);
        slot.job?.reject(new MappingError('the expression sandbox is closed'));
        return stop(slot.child);
      }),
    );
  }

  /** A job still queued when its wait is up leaves the queue refused (one that started is not here). */
  private giveUp(job: Job): void {
    const queue = this.queues.get(job.tenantId);
    const at = queue?.indexOf(job) ?? -1;
    if (!queue || at < 0) return;
    queue.splice(at, 1);
    if (queue.length === 0) {
      this.queues.delete(job.tenantId);
      const turn = this.turn.indexOf(job.tenantId);
      if (turn >= 0) this.turn.splice(turn, 1);
    }
    this.stats.rejectedBusy += 1;
    job.reject(new TenantSandboxBusyError(job.tenantId, this.limits.perTenantQueue, this.limits.maxWaitMs));
  }

  /** Gives each idle process the next job of the next tenant that is under its concurrency share. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || !slot.ready) continue;
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
    clearTimeout(job.waitLimit);
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
          TIME_LIMIT_CODE,
        ),
      );
    }, this.limits.timeoutMs + this.limits.graceMs);
    // Held open while it works, so a caller awaiting the answer keeps the process alive; idle, the pool
    // must not keep a process alive that has nothing else to do.
    slot.child.channel?.ref();
    slot.child.send(job.message, (error) => {
      if (!error || slot.job !== job) return;
      // The process died before the job could be written (a closed channel, a broken pipe) and its exit
      // is not reported yet: the job never ran, so it goes first in line for another process. Taken off
      // the slot first, the replacement below does not fail it.
      if (!this.closed && (job.resent ?? 0) < MAX_RESENDS) {
        this.finish(slot);
        job.resent = (job.resent ?? 0) + 1;
        this.enqueue(job, 'first');
      }
      this.replace(slot, new MappingError(`JSONata evaluation failed: ${error.message}`));
    });
  }

  private finish(slot: Slot): Job | undefined {
    const job = slot.job;
    clearTimeout(slot.deadline);
    slot.job = undefined;
    slot.deadline = undefined;
    slot.child.channel?.unref();
    if (job) {
      const left = (this.running.get(job.tenantId) ?? 1) - 1;
      if (left > 0) this.running.set(job.tenantId, left);
      else this.running.delete(job.tenantId);
    }
    return job;
  }

  private newSlot(): Slot {
    const node = [
      process.execPath,
      `--max-old-space-size=${this.limits.memoryMb}`,
      ...SANDBOX_V8_FLAGS,
      '-e',
      EXPRESSION_PROCESS_SOURCE,
    ];
    const [command, ...args] = IDLE_SCHEDULER ? [IDLE_SCHEDULER, '--idle', '0', ...node] : node;
    const child = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      // Only what the sandbox needs: no credentials, keys or NODE_OPTIONS of the gateway's environment.
      env: {
        TENANT_SANDBOX_SETTINGS: JSON.stringify({
          jsonataPath: require.resolve('jsonata'),
          timeoutMs: this.limits.timeoutMs,
          maxDepth: this.limits.maxDepth,
          maxCompiled: 500,
          niceness: SANDBOX_NICENESS,
        }),
      },
    });
    const slot: Slot = { child, ready: false, stderrTail: '' };
    // Tenant code gets the CPU the request path leaves over (raising one's nice value needs no privilege).
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, SANDBOX_NICENESS);
      } catch {
        /* a platform without priorities: the default one */
      }
    }
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      slot.stderrTail = (slot.stderrTail + text).slice(-4_096);
    });
    child.on('message', (answer: ProcessAnswer) => {
      if (answer.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      if (slot.job?.message.id !== answer.id) return;
      const job = this.finish(slot)!;
      this.settled(job, answer.ok ? undefined : answer.error!.code);
      if (answer.ok) job.resolve(answer.value);
      else job.reject(new MappingError(answer.error!.message, answer.error!.position, answer.error!.code));
      this.dispatch();
    });
    child.on('error', (error) =>
      this.replace(slot, new MappingError(`JSONata evaluation failed: ${error.message}`)),
    );
    child.on('exit', (code, signal) => {
      if (this.slots.indexOf(slot) < 0) return;
      // V8 aborts a process out of heap (SIGABRT, or SIGTRAP on some builds) after printing why.
      const outOfMemory = /heap limit|heap out of memory/i.test(slot.stderrTail);
      if (outOfMemory) this.stats.outOfMemory += 1;
      this.replace(
        slot,
        new MappingError(
          outOfMemory
            ? `JSONata evaluation failed: it needed more than the ${this.limits.memoryMb} MB an evaluation may use`
            : `JSONata evaluation failed: the sandbox process ended (${signal ?? `exit code ${code}`})`,
          undefined,
          outOfMemory ? 'memory_limit' : undefined,
        ),
      );
    });
    child.unref();
    child.channel?.unref();
    return slot;
  }

  /** Feeds the breaker: a time-out counts against the expression, anything else that ended clears it. */
  private settled(job: Job, errorCode: string | undefined): void {
    if (errorCode === TIME_LIMIT_CODE)
      this.breaker.ranOutOfTime(job.tenantId, job.message.source, Date.now());
    else this.breaker.finished(job.tenantId, job.message.source);
  }

  /** Fails the slot's job, kills its process and puts a fresh one in its place. */
  private replace(slot: Slot, reason: MappingError): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const job = this.finish(slot);
    if (job) this.settled(job, reason.code);
    job?.reject(reason);
    void stop(slot.child);
    if (this.closed) return;
    this.stats.workersReplaced += 1;
    this.slots[index] = this.newSlot();
    this.dispatch();
  }
}

/**
 * Kills a sandbox process at once (it holds nothing worth a graceful end) and waits until it is gone.
 * The process is referenced again while waiting: unreferenced, a gateway with nothing else left to do
 * exited before the exit was reported, in the middle of its close (seen under Ctrl-C, which reaches the
 * sandbox processes too, so they may be dead already and their pipes closed).
 */
function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('message');
  child.channel?.unref();
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.ref();
    child.kill('SIGKILL');
  });
}
