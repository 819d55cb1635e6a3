/**
 * bench/gateway: get-one and list-100 tickets through the gateway beside the same calls made directly to
 * the GitHub emulator, in the same run. Reports added latency (p50/p99, one connection) and throughput
 * (16 connections), for one gateway process and for GATEWAY_WORKERS = the machine's cores
 * (BENCH_GATEWAY_WORKERS overrides). Targets: added p50 <= 3 ms on get-one; list throughput >= 0.5x direct.
 *   npm run bench:gateway
 */
import { availableParallelism } from 'node:os';
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { startServer } from '../../test/support/child-app';
import { printTable, runLoad, type LoadResult } from '../support/load';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const workers = Number(process.env.BENCH_GATEWAY_WORKERS ?? availableParallelism());

async function main(): Promise<void> {
  const emulator = await startServer('bench/gateway/emulator-server.ts', {});
  // With the V8 flag the gateway runs with in scripts/start-stack.sh and docker-compose.yml.
  const startGateway = (count: number) =>
    startServer('bench/gateway/gateway-server.ts', {
      BENCH_EMULATOR_URL: emulator.url,
      BENCH_GATEWAY_WORKERS: String(count),
      NODE_OPTIONS: '--max-semi-space-size=64',
    });
  const gateways = [
    { name: 'gateway', server: await startGateway(1) },
    { name: `gateway ${workers} workers`, server: await startGateway(workers) },
  ];
  const repo = `${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}`;
  const direct = { authorization: `Bearer ${GITHUB_SEED_TOKEN}`, accept: 'application/vnd.github+json' };
  const get = (label: string, url: string, headers: Record<string, string>, connections: number) =>
    runLoad({
      label,
      url,
      durationSeconds: seconds,
      connections,
      request: () => ({ method: 'GET', headers }),
    });
  const rows: LoadResult[] = [];
  try {
    const cases = [
      [
        'get-one',
        `${repo}/issues/1`,
        (connection: string) => `/unified/ticketing/tickets/1?connection_id=${connection}`,
      ],
      [
        'list-100',
        `${repo}/issues?per_page=100&state=all&direction=asc`,
        (connection: string) => `/unified/ticketing/tickets?connection_id=${connection}&limit=100`,
      ],
    ] as const;
    for (const [name, directUrl, route] of cases) {
      await get('warm-up', directUrl, direct, 4);
      rows.push(await get(`${name} direct, 1 conn`, directUrl, direct, 1));
      rows.push(await get(`${name} direct, 16 conns`, directUrl, direct, 16));
      for (const gateway of gateways) {
        const [key, connection] = gateway.server.extra.split(',');
        const url = `${gateway.server.url}${route(connection)}`;
        const headers = { authorization: `Bearer ${key}` };
        await get('warm-up', url, headers, 4);
        rows.push(await get(`${name} ${gateway.name}, 1 conn`, url, headers, 1));
        rows.push(await get(`${name} ${gateway.name}, 16 conns`, url, headers, 16));
      }
    }
  } finally {
    for (const gateway of gateways) await gateway.server.stop();
    await emulator.stop();
  }
  console.log(`bench/gateway: ${seconds}s per run; the emulator and each gateway in their own processes`);
  printTable(rows);
  const find = (label: string) => rows.find((r) => r.label === label) as LoadResult;
  for (const { name } of gateways) {
    const added = (p: 'p50' | 'p99') =>
      find(`get-one ${name}, 1 conn`)[p] - find('get-one direct, 1 conn')[p];
    const ratio = (what: string) =>
      find(`${what} ${name}, 16 conns`).requestsPerSecond /
      find(`${what} direct, 16 conns`).requestsPerSecond;
    console.log(`\n${name}:`);
    console.log(
      `  get-one added latency: p50 +${added('p50').toFixed(2)} ms, p99 +${added('p99').toFixed(2)} ms (target p50 <= 3 ms) ${added('p50') <= 3 ? 'MET' : 'NOT MET'}`,
    );
    console.log(`  get-one throughput ratio gateway/direct: ${ratio('get-one').toFixed(2)}x`);
    console.log(
      `  list-100 throughput ratio gateway/direct: ${ratio('list-100').toFixed(2)}x (target >= 0.50x) ${ratio('list-100') >= 0.5 ? 'MET' : 'NOT MET'}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
