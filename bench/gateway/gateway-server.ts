/**
 * The gateway as it runs in production, with BENCH_TENANTS tenants (default 1), each with one GitHub
 * connection to the bench emulator; prints `READY <url> key,connection[,key,connection...]`.
 * BENCH_GATEWAY_WORKERS=1 is one process (GATEWAY_WORKERS=1, the default); more runs that many workers
 * under the same cluster primary apps/gateway/src/main.ts uses, over one SQLite store.
 * Fair-use limits are off unless the caller's environment sets them (bench/gateway measures one
 * tenant's throughput; bench/noisy-neighbour sets them).
 */
import 'reflect-metadata';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { jsonLogger, superviseWorkers } from '@app/http';
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { loadConfig } from '@app/config';
import { openStore } from '@app/store';
import { startGateway } from '../../test/support/gateway';
import { GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { runLanePrimary, startLaneWorker } from '../../apps/gateway/src/tenant-lanes/lane-primary';

const workers = Number(process.env.BENCH_GATEWAY_WORKERS ?? 1);
const tenants = Number(process.env.BENCH_TENANTS ?? 1);
const LIMITS_OFF = {
  TENANT_RATE_LIMIT_PER_SECOND: '0',
  TENANT_MAX_CONCURRENT_REQUESTS: '0',
  API_KEY_RATE_LIMIT_PER_SECOND: '0',
  API_KEY_MAX_CONCURRENT_REQUESTS: '0',
  // Whatever tenant-isolation settings the caller gives win.
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => /^(TENANT_|API_KEY_)/.test(entry[0]) && entry[1] !== undefined,
    ),
  ),
};
/** The store's directory when this process made one (no SQLITE_PATH given): removed when it stops. */
let ownStoreDir: string | undefined;
const storePath = (): string => {
  if (process.env.SQLITE_PATH) return process.env.SQLITE_PATH;
  ownStoreDir ??= mkdtempSync(path.join(tmpdir(), 'bench-gw-'));
  return path.join(ownStoreDir, 'store.sqlite');
};
const exitRemovingStore = (): never => {
  if (ownStoreDir) rmSync(ownStoreDir, { recursive: true, force: true });
  process.exit(0);
};
const env = (): Record<string, string> => ({
  ...LIMITS_OFF,
  LOG_LEVEL: 'error',
  PROVIDER_TIMEOUT_MS: '15000',
  SQLITE_PATH: storePath(),
  ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `k1:${randomBytes(32).toString('base64')}`,
  ADMIN_API_KEY: process.env.ADMIN_API_KEY ?? `admin-${randomBytes(24).toString('hex')}`,
});

/** BENCH_EMULATOR_URLS gives each tenant its own provider (as tenants' accounts are); else all share one. */
const providerOf = (i: number): string => {
  const providers = (process.env.BENCH_EMULATOR_URLS ?? process.env.BENCH_EMULATOR_URL ?? '').split(',');
  return providers[i % providers.length];
};

interface Created {
  id: string;
  api_key: { secret: string };
}

async function post(url: string, key: string, body: unknown): Promise<Created> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Created;
}

/** A GitHub connection of the tenant whose key this is, to its bench provider. */
async function connect(url: string, key: string, provider: string): Promise<string> {
  const connection = await post(`${url}/connections`, key, {
    provider: 'github',
    settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: provider },
    credentials: { token: GITHUB_SEED_TOKEN },
  });
  return connection.id;
}

/** Creates the bench tenants and their connections over HTTP, as a user would: `key,connection,…`. */
async function provision(url: string, adminKey: string): Promise<string> {
  const created: string[] = [];
  for (let i = 0; i < tenants; i++) {
    const key = (await post(`${url}/admin/tenants`, adminKey, { name: `bench ${i}` })).api_key
      .secret as string;
    created.push(`${key},${await connect(url, key, providerOf(i))}`);
  }
  return created.join(',');
}

/**
 * BENCH_LANE_TENANTS=<index>[,<index>…]: those tenants get a lane of their own (GATEWAY_TENANT_LANES,
 * one worker, on the CPUs BENCH_LANE_CPUS lists if set), the others the BENCH_GATEWAY_WORKERS default
 * workers (GATEWAY_DEFAULT_LANE_CPUS from the environment), under the primary main.ts uses.
 * Lanes name tenants, so the tenants and their keys are written to the store before the gateway starts
 * (as an operator's would exist); their connections are then made over HTTP.
 */
async function runWithLanes(laneTenants: number[]): Promise<void> {
  const settings: Record<string, string> = {
    ...env(),
    PROVIDER_BASE_URL_ALLOWLIST: '127.0.0.1',
    GATEWAY_WORKERS: String(workers),
  };
  const store = await openStore({
    STORE_DRIVER: 'sqlite',
    SQLITE_PATH: settings.SQLITE_PATH,
    ENCRYPTION_KEYS: settings.ENCRYPTION_KEYS,
  });
  const made: { id: string; key: string }[] = [];
  for (let i = 0; i < tenants; i++) {
    const tenant = await store.tenants.create({ name: `bench ${i}` });
    made.push({ id: tenant.id, key: (await store.apiKeys.issue(tenant.id, { name: 'bench' })).secret });
  }
  await store.close();
  const cpus = process.env.BENCH_LANE_CPUS ? `@${process.env.BENCH_LANE_CPUS}` : '';
  const lanes = `bench:1${cpus}=${laneTenants.map((i) => made[i].id).join(',')}`;
  const withLanes = { ...settings, GATEWAY_TENANT_LANES: lanes };
  const config = loadConfig('gateway', GatewayConfig, { ...process.env, ...withLanes, GATEWAY_PORT: '0' });
  const running = await runLanePrimary(config, jsonLogger('error'), withLanes);
  const created: string[] = [];
  for (const [i, { key }] of made.entries())
    created.push(`${key},${await connect(running.url, key, providerOf(i))}`);
  console.log(`READY ${running.url} ${created.join(',')}`);
  process.on('SIGTERM', () => void running.stop().then(exitRemovingStore));
}

async function main(): Promise<void> {
  if (cluster.isWorker && process.env.GATEWAY_LANE) {
    return startLaneWorker(loadConfig('gateway', GatewayConfig, process.env));
  }
  const laneTenants = (process.env.BENCH_LANE_TENANTS ?? '').split(',').filter(Boolean).map(Number);
  if (laneTenants.length > 0) return runWithLanes(laneTenants);
  if (workers > 1 && cluster.isPrimary) {
    const shared = env();
    const running = await superviseWorkers({ workers, logger: jsonLogger('error'), env: shared });
    const url = `http://127.0.0.1:${running.address!.port}`;
    console.log(`READY ${url} ${await provision(url, shared.ADMIN_API_KEY)}`);
    process.on('SIGTERM', () => void running.stop().then(exitRemovingStore));
    return;
  }
  const settings = env();
  // A cluster worker listens on the port its primary shares (port 0 is resolved once, by the primary).
  const gateway = await startGateway(settings);
  if (cluster.isWorker) return;
  console.log(`READY ${gateway.url} ${await provision(gateway.url, settings.ADMIN_API_KEY)}`);
  process.on('SIGTERM', () => void gateway.close().then(exitRemovingStore));
}

void main();
