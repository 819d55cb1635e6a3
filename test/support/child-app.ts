import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import * as path from 'node:path';
import { settlesWithin } from '@app/bus';

const ROOT = path.resolve(__dirname, '../..');

export interface RunningServer {
  url: string;
  /** Whatever the server printed after its URL on the READY line (e.g. an id it created). */
  extra: string;
  process: ChildProcess;
  /**
   * SIGTERM and wait: a graceful shutdown. After `graceMs` (default 30 s, beyond the apps' own 20-s
   * bound) it is SIGKILLed, as an orchestrator would, and a warning names it; resolves false then.
   */
  stop(graceMs?: number): Promise<boolean>;
  /** SIGKILL and wait: a crash, nothing gets to finish. */
  kill(): Promise<void>;
}

/**
 * Runs a TypeScript entry (a path from the repository root) in its own Node process through ts-node,
 * with the repository's path aliases, the current environment and `env` over it.
 */
export function spawnTypeScript(
  entry: string,
  env: Record<string, string>,
  stdio: StdioOptions,
  /** Flags for Node itself that NODE_OPTIONS refuses (e.g. --cpu-prof). */
  nodeArgs: string[] = [],
): ChildProcess {
  return spawn(
    process.execPath,
    [
      ...nodeArgs,
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      path.join(ROOT, entry),
    ],
    { cwd: ROOT, env: { ...process.env, ...env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') }, stdio },
  );
}

/**
 * Starts a TypeScript entry in its own Node process (so the load generator does not share its event
 * loop) and resolves once it prints `READY <url>`.
 */
export function startServer(
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<RunningServer> {
  const child = spawnTypeScript(entry, env, ['ignore', 'pipe', 'inherit'], nodeArgs);
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${entry} did not become ready`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /READY (\S+) ?(\S*)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({
          url: match[1],
          extra: match[2],
          process: child,
          stop: (graceMs = 30_000) => stopChild(child, entry, graceMs),
          kill: () => signalChild(child, 'SIGKILL'),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)));
  });
}

async function stopChild(child: ChildProcess, entry: string, graceMs: number): Promise<boolean> {
  if (await settlesWithin(signalChild(child, 'SIGTERM'), graceMs)) return true;
  console.warn(`${entry} (pid ${child.pid}) had not exited ${graceMs} ms after SIGTERM: SIGKILLed`);
  await signalChild(child, 'SIGKILL');
  return false;
}

/** Sends the signal and resolves once the child has exited (at once if it already has). */
export function signalChild(child: ChildProcess, name: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(name);
  });
}
