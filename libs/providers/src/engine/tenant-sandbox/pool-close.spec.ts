import { spawn } from 'node:child_process';
import { join } from 'node:path';

const POOL_MODULE = join(__dirname, 'tenant-expression-pool');

/**
 * Runs `body` in a Node process of its own, with a pool of 2 sandbox processes as `pool`, and returns
 * what it printed. Only a process of its own shows whether `close()` keeps the process alive until it
 * has finished: under jest something else always does.
 */
function runWithPool(body: string): Promise<{ out: string; code: number | null }> {
  const script = `
    const { TenantExpressionPool, DEFAULT_SANDBOX_LIMITS } = require(${JSON.stringify(POOL_MODULE)});
    const pool = new TenantExpressionPool({ ...DEFAULT_SANDBOX_LIMITS, workers: 2 });
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    (async () => { ${body} })().catch((error) => { console.log('failed: ' + error.message); process.exit(2); });
  `;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: join(__dirname, '../../../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (out += text));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ out, code })));
}

describe('TenantExpressionPool.close in a process of its own', () => {
  it('finishes when its sandbox processes died just before (a Ctrl-C reaches the whole process group)', async () => {
    const { out, code } = await runWithPool(`
      await pool.evaluate('t1', '1 + 1', {});
      for (const pid of pool.processIds()) process.kill(pid, 'SIGKILL');
      await pool.close(); // before their exits were seen, as when a Ctrl-C reached them too
      console.log('closed');
    `);
    expect(out).toContain('closed');
    expect(code).toBe(0);
  }, 30_000);

  it('keeps its sandbox processes through a SIGINT or SIGTERM sent to them: the pool stops them itself', async () => {
    const { out } = await runWithPool(`
      await pool.evaluate('t1', '1 + 1', {});
      // Until both said they are ready, which they do once their handlers are in place (the pool's own
      // flag: a process still starting would die of the signal, as it would in production).
      for (let i = 0; i < 200 && !pool['slots'].every((slot) => slot.ready); i++) await sleep(50);
      const before = pool.processIds();
      for (const pid of before) process.kill(pid, 'SIGINT');
      for (const pid of before) process.kill(pid, 'SIGTERM');
      await sleep(300);
      console.log(JSON.stringify({
        same: JSON.stringify(pool.processIds()) === JSON.stringify(before),
        replaced: pool.stats.workersReplaced,
        value: await pool.evaluate('t1', '2 + 3', {}),
      }));
      await pool.close();
      const gone = before.every((pid) => { try { process.kill(pid, 0); return false; } catch { return true; } });
      console.log(JSON.stringify({ gone }));
    `);
    const [state, after] = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(state).toEqual({ same: true, replaced: 0, value: 5 });
    expect(after).toEqual({ gone: true });
  }, 30_000);
});
