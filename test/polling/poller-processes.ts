import type { ChildProcess } from 'node:child_process';
import type { CycleReport } from '@app/polling';
import { spawnTypeScript } from '../support/child-app';

/** A poller in its own process and the cycle reports it printed. */
export interface PollerProcess {
  cycles: CycleReport[];
  process: ChildProcess;
  /** SIGKILL: a crash, nothing gets to finish or release its lease. */
  kill(): Promise<void>;
  /** SIGTERM: running cycles finish and release their leases. */
  stop(): Promise<void>;
}

export async function startPollerProcess(env: Record<string, string>): Promise<PollerProcess> {
  const child = spawnTypeScript('test/support/poller-process.ts', env, ['ignore', 'pipe', 'inherit']);
  const cycles: CycleReport[] = [];
  let buffered = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('poller did not become ready')), 60_000);
    child.once('exit', (code) => reject(new Error(`poller exited with ${code} before it was ready`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith('READY ')) {
          clearTimeout(timer);
          resolve();
        } else if (line.startsWith('CYCLE ')) cycles.push(JSON.parse(line.slice(6)) as CycleReport);
      }
    });
  });
  await ready;
  const signal = (name: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(name);
    });
  return { cycles, process: child, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

/** Waits until `done()` holds, polling every 100 ms; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  done: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
