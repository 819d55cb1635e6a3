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
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { jsonLogger, superviseWorkers } from '@app/http';
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { startGateway } from '../../test/support/gateway';

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
const env = (): Record<string, string> => ({
  ...LIMITS_OFF,
  LOG_LEVEL: 'error',
  PROVIDER_TIMEOUT_MS: '15000',
  SQLITE_PATH:
    process.env.SQLITE_PATH ?? path.join(mkdtempSync(path.join(tmpdir(), 'bench-gw-')), 'store.sqlite'),
  ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `k1:${randomBytes(32).toString('base64')}`,
  ADMIN_API_KEY: process.env.ADMIN_API_KEY ?? `admin-${randomBytes(24).toString('hex')}`,
});

/** Creates the bench tenants and their connections over HTTP, as a user would. */
async function provision(url: string, adminKey: string): Promise<string> {
  const created: string[] = [];
  // BENCH_EMULATOR_URLS gives each tenant its own provider (as tenants' accounts are); else all share one.
  const providers = (process.env.BENCH_EMULATOR_URLS ?? process.env.BENCH_EMULATOR_URL ?? '').split(',');
  for (let i = 0; i < tenants; i++) {
    created.push(await provisionTenant(url, adminKey, `bench ${i}`, providers[i % providers.length]));
  }
  return created.join(',');
}

async function provisionTenant(
  url: string,
  adminKey: string,
  name: string,
  provider: string,
): Promise<string> {
  const post = async (route: string, key: string, body: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; api_key: { secret: string } };
  };
  const key = (await post('/admin/tenants', adminKey, { name })).api_key.secret;
  const connection = await post('/connections', key, {
    provider: 'github',
    settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: provider },
    credentials: { token: GITHUB_SEED_TOKEN },
  });
  return `${key},${connection.id}`;
}

async function main(): Promise<void> {
  if (workers > 1 && cluster.isPrimary) {
    const shared = env();
    const running = await superviseWorkers({ workers, logger: jsonLogger('error'), env: shared });
    const url = `http://127.0.0.1:${running.address.port}`;
    console.log(`READY ${url} ${await provision(url, shared.ADMIN_API_KEY)}`);
    process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
    return;
  }
  const settings = env();
  // A cluster worker listens on the port its primary shares (port 0 is resolved once, by the primary).
  const gateway = await startGateway(settings);
  if (cluster.isWorker) return;
  console.log(`READY ${gateway.url} ${await provision(gateway.url, settings.ADMIN_API_KEY)}`);
  process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
}

void main();
