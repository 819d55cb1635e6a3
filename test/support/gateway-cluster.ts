import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort, waitUntil } from '../dispatch/dispatch-support';
import { spawnTypeScript } from './child-app';

export interface GatewayCluster {
  primary: ChildProcess;
  url: string;
  /** Everything the primary and its workers logged so far (stdout and stderr). */
  log(): string;
  /** SIGTERM to the primary; resolves with its exit code (null if it had already exited). */
  stop(): Promise<number | null>;
}

/**
 * The production entry point (apps/gateway/src/main.ts) with `GATEWAY_WORKERS` workers under a cluster
 * primary, on a fresh SQLite store; resolves once the workers listen.
 */
export async function startGatewayCluster(
  adminKey: string,
  env: Record<string, string> = {},
  /** What the primary logs once it serves (tenant lanes: it listens itself, after its workers are ready). */
  readyLog = '"workers listening"',
): Promise<GatewayCluster> {
  const port = env.GATEWAY_PORT ? Number(env.GATEWAY_PORT) : await freePort();
  let log = '';
  const primary = spawnTypeScript(
    'apps/gateway/src/main.ts',
    {
      GATEWAY_WORKERS: '2',
      GATEWAY_PORT: String(port),
      LOG_LEVEL: 'info',
      ADMIN_API_KEY: adminKey,
      SQLITE_PATH: path.join(mkdtempSync(path.join(tmpdir(), 'gateway-cluster-')), 'store.sqlite'),
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      ...env,
    },
    ['ignore', 'pipe', 'pipe'],
  );
  // Errors (a worker's death) are logged to stderr, the rest to stdout.
  for (const stream of [primary.stdout!, primary.stderr!])
    stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitUntil(() => log.includes(readyLog), 60_000);
  return {
    primary,
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    stop: () => {
      if (primary.exitCode !== null || primary.signalCode !== null) return Promise.resolve(primary.exitCode);
      const exited = new Promise<number | null>((done) => primary.once('exit', (code) => done(code)));
      primary.kill('SIGTERM');
      return exited;
    },
  };
}
