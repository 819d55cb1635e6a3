import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MappingError } from '../expression-cache';
import {
  DEFAULT_SANDBOX_LIMITS,
  TenantExpressionPool,
  TenantSandboxBusyError,
} from './tenant-expression-pool';

const RUNAWAY = '($f := function($x){ $f($x) }; $f(1))';
/** One synchronous step jsonata's own timeout cannot interrupt. */
const TIGHT_LOOP = '$count([1..10000000][$ % 7 = 0])';
const MEMORY_HUNGRY = '[1..10000000].[1..100]';

describe('TenantExpressionPool', () => {
  let pool: TenantExpressionPool;
  beforeEach(() => {
    pool = new TenantExpressionPool({ ...DEFAULT_SANDBOX_LIMITS, timeoutMs: 300, graceMs: 100 });
  });
  afterEach(() => pool.close());

  it('evaluates with input and bindings and returns plain data', async () => {
    await expect(
      pool.evaluate(
        't1',
        '{"id": $string(id), "site": $settings.site}',
        { id: 7 },
        { settings: { site: 'a' } },
      ),
    ).resolves.toEqual({ id: '7', site: 'a' });
  });

  it('reports jsonata errors with their code and position', async () => {
    const error = await pool.evaluate('t1', '$undefinedFn(1)', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'T1006', position: expect.any(Number) });
  });

  it('stops a runaway recursion and a tight loop, and the next evaluation works', async () => {
    const started = Date.now();
    await expect(pool.evaluate('t1', RUNAWAY, {})).rejects.toBeInstanceOf(MappingError);
    await expect(pool.evaluate('t1', TIGHT_LOOP, {})).rejects.toThrow(/ran longer than 300 ms|timeout/i);
    // Each stopped at its deadline (~400 ms) plus a replacement's start; unstopped, the loop runs for seconds.
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(pool.evaluate('t1', '1 + 1', {})).resolves.toBe(2);
  });

  it('stops running an expression that ran out of time twice in a row, for that tenant only', async () => {
    for (let i = 0; i < 2; i++) {
      await expect(pool.evaluate('t1', RUNAWAY, {})).rejects.toMatchObject({ code: 'D1012' });
    }
    const started = Date.now();
    const evaluations = pool.stats.evaluations;
    const refused = await pool.evaluate('t1', RUNAWAY, {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MappingError);
    expect(refused).toMatchObject({
      code: 'suspended',
      message: expect.stringMatching(/ran out of time 2 times in a row/),
    });
    // Not run, but answered when its time limit (300 ms) would have run out: a loop keeps its pace.
    expect(pool.stats.evaluations).toBe(evaluations);
    expect(pool.stats.suspended).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // Another tenant's copy of it, and an edited expression, still run.
    await expect(pool.evaluate('t2', RUNAWAY, {})).rejects.toMatchObject({ code: 'D1012' });
    await expect(pool.evaluate('t1', `${RUNAWAY} + 0`, {})).rejects.toMatchObject({ code: 'D1012' });
  });

  it('keeps the caller’s event loop free while a tenant’s expression spins', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await pool.evaluate('t1', TIGHT_LOOP, {}).catch(() => undefined);
    delay.disable();
    expect(delay.max / 1e6).toBeLessThan(100);
  });

  it('kills an evaluation that exceeds its memory and replaces the worker', async () => {
    const hungry = new TenantExpressionPool({ ...DEFAULT_SANDBOX_LIMITS, timeoutMs: 20_000 });
    try {
      const before = process.memoryUsage().heapUsed;
      // Two tenants, so both workers are at it at once.
      const results = await Promise.allSettled(
        ['t1', 't2'].map((t) => hungry.evaluate(t, MEMORY_HUNGRY, {})),
      );
      for (const result of results) {
        expect(result.status).toBe('rejected');
        expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'memory_limit' });
      }
      expect(hungry.stats.outOfMemory).toBe(2);
      // The caller's heap never held those values.
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
      await expect(hungry.evaluate('t1', '"alive"', {})).resolves.toBe('alive');
    } finally {
      await hungry.close();
    }
  }, 60_000);

  it('survives V8 aborting a sandbox: a heap too small for one allocation ends that process only', async () => {
    // With worker threads a 32–128 MB heap made V8 abort the whole process (the caller with it).
    const small = new TenantExpressionPool({ ...DEFAULT_SANDBOX_LIMITS, memoryMb: 48, timeoutMs: 20_000 });
    try {
      await expect(small.evaluate('t1', MEMORY_HUNGRY, {})).rejects.toMatchObject({ code: 'memory_limit' });
      await expect(small.evaluate('t1', '"still here"', {})).resolves.toBe('still here');
      expect(small.stats.workersReplaced).toBe(1);
    } finally {
      await small.close();
    }
  }, 60_000);

  it('fails only the running evaluation when its sandbox process dies, and replaces it', async () => {
    const started = pool.evaluate('t1', TIGHT_LOOP, {});
    // Running, not still waiting for a process to come up (slow on a saturated machine: SCHED_IDLE).
    while (pool.stats.evaluations === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const pid of pool.processIds()) process.kill(pid, 'SIGKILL');
    await expect(started).rejects.toThrow(/sandbox process ended \(SIGKILL\)/);
    await expect(pool.evaluate('t1', '40 + 2', {})).resolves.toBe(42);
  });

  it('runs a job on another process when the one it was given died before the job reached it', async () => {
    await expect(pool.evaluate('t1', '1', {})).resolves.toBe(1);
    const replacedBefore = pool.stats.workersReplaced;
    for (const pid of pool.processIds()) process.kill(pid, 'SIGKILL');
    // The processes die meanwhile; the pool hears of it only once the event loop turns again, so the next
    // job goes to a process that is already gone (its pipe broken).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    await expect(pool.evaluate('t1', '40 + 2', {})).resolves.toBe(42);
    expect(pool.stats.workersReplaced).toBeGreaterThan(replacedBefore);
  });

  it('refuses a memory limit too small for a sandbox process to start', () => {
    expect(() => new TenantExpressionPool({ ...DEFAULT_SANDBOX_LIMITS, memoryMb: 16 })).toThrow(
      /at least 32 MB/,
    );
  });

  it('gives each tenant its share: a runaway tenant does not hold up another tenant’s evaluations', async () => {
    await Promise.all([pool.evaluate('warm', '1', {}), pool.evaluate('up', '1', {})]);
    const runaway = Array.from({ length: 4 }, () =>
      pool.evaluate('a', TIGHT_LOOP, {}).catch(() => 'stopped'),
    );
    const started = Date.now();
    await expect(pool.evaluate('b', '"b served"', {})).resolves.toBe('b served');
    // Not behind A's four 400 ms deadlines: B has a worker of its own.
    expect(Date.now() - started).toBeLessThan(300);
    expect(await Promise.all(runaway)).toEqual(['stopped', 'stopped', 'stopped', 'stopped']);
  }, 20_000);

  it('refuses an evaluation that waits past its limit for its turn, and forgets it', async () => {
    const one = new TenantExpressionPool({
      ...DEFAULT_SANDBOX_LIMITS,
      workers: 1,
      timeoutMs: 1_500,
      maxWaitMs: 300,
    });
    try {
      await one.evaluate('warm', '1', {});
      const spinning = one.evaluate('a', TIGHT_LOOP, {}).catch((e: Error) => e);
      const started = Date.now();
      const refused = await one.evaluate('b', '"b"', {}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TenantSandboxBusyError);
      expect((refused as Error).message).toMatch(/waited 300 ms for the sandbox/);
      expect(Date.now() - started).toBeLessThan(1_000);
      await spinning;
      // The refused job left its queue: the process runs the next one, not the refused one.
      await expect(one.evaluate('b', '"next"', {})).resolves.toBe('next');
      expect(one.stats.evaluations).toBe(3);
    } finally {
      await one.close();
    }
  }, 20_000);

  it('never hangs on processes that do not come up: the wait limit answers', async () => {
    const stuck = new TenantExpressionPool({ ...DEFAULT_SANDBOX_LIMITS, maxWaitMs: 300 });
    // Stopped before they could say they are ready (a process starved on a saturated machine).
    for (const pid of stuck.processIds()) process.kill(pid, 'SIGSTOP');
    try {
      await expect(stuck.evaluate('t1', '1', {})).rejects.toBeInstanceOf(TenantSandboxBusyError);
    } finally {
      await stuck.close();
    }
  });

  it('refuses a tenant whose queue is full, without touching other tenants', async () => {
    const limited = new TenantExpressionPool({
      ...DEFAULT_SANDBOX_LIMITS,
      timeoutMs: 300,
      perTenantQueue: 2,
    });
    try {
      const waiting = Array.from({ length: 3 }, () =>
        limited.evaluate('a', TIGHT_LOOP, {}).catch((e: Error) => e),
      );
      const refused = await limited.evaluate('a', '1', {}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TenantSandboxBusyError);
      await expect(limited.evaluate('b', '2', {})).resolves.toBe(2);
      await Promise.all(waiting);
    } finally {
      await limited.close();
    }
  }, 20_000);
});
