/**
 * bench/gateway: get-one and list-100 tickets through the gateway beside the same calls made directly to
 * the GitHub emulator, in the same run. Reports added latency (p50/p99, one connection) and throughput
 * (16 connections). Targets: added p50 <= 3 ms on get-one; list throughput >= 0.5x direct.
 *   npm run bench:gateway
 */
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { startServer } from '../../test/support/child-app';
import { printTable, runLoad, type LoadResult } from '../support/load';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);

async function main(): Promise<void> {
  const emulator = await startServer('bench/gateway/emulator-server.ts', {});
  // With the V8 flag the gateway runs with in scripts/start-stack.sh and docker-compose.yml.
  const gateway = await startServer('bench/gateway/gateway-server.ts', {
    BENCH_EMULATOR_URL: emulator.url,
    NODE_OPTIONS: '--max-semi-space-size=64',
  });
  const [key, connection] = gateway.extra.split(',');
  const repo = `${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}`;
  const direct = { authorization: `Bearer ${GITHUB_SEED_TOKEN}`, accept: 'application/vnd.github+json' };
  const viaGateway = { authorization: `Bearer ${key}` };
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
        `${gateway.url}/unified/ticketing/tickets/1?connection_id=${connection}`,
      ],
      [
        'list-100',
        `${repo}/issues?per_page=100&state=all&direction=asc`,
        `${gateway.url}/unified/ticketing/tickets?connection_id=${connection}&limit=100`,
      ],
    ] as const;
    for (const [name, directUrl, gatewayUrl] of cases) {
      await get('warm-up', directUrl, direct, 4);
      await get('warm-up', gatewayUrl, viaGateway, 4);
      rows.push(await get(`${name} direct, 1 conn`, directUrl, direct, 1));
      rows.push(await get(`${name} gateway, 1 conn`, gatewayUrl, viaGateway, 1));
      rows.push(await get(`${name} direct, 16 conns`, directUrl, direct, 16));
      rows.push(await get(`${name} gateway, 16 conns`, gatewayUrl, viaGateway, 16));
    }
  } finally {
    await gateway.stop();
    await emulator.stop();
  }
  console.log(`bench/gateway: ${seconds}s per run; the emulator and the gateway each in their own process`);
  printTable(rows);
  const find = (label: string) => rows.find((r) => r.label === label) as LoadResult;
  const addedP50 = find('get-one gateway, 1 conn').p50 - find('get-one direct, 1 conn').p50;
  const addedP99 = find('get-one gateway, 1 conn').p99 - find('get-one direct, 1 conn').p99;
  const listRatio =
    find('list-100 gateway, 16 conns').requestsPerSecond /
    find('list-100 direct, 16 conns').requestsPerSecond;
  const getRatio =
    find('get-one gateway, 16 conns').requestsPerSecond / find('get-one direct, 16 conns').requestsPerSecond;
  console.log(
    `\nget-one added latency: p50 +${addedP50.toFixed(2)} ms, p99 +${addedP99.toFixed(2)} ms (target p50 <= 3 ms) ${addedP50 <= 3 ? 'MET' : 'NOT MET'}`,
  );
  console.log(`get-one throughput ratio gateway/direct: ${getRatio.toFixed(2)}x`);
  console.log(
    `list-100 throughput ratio gateway/direct: ${listRatio.toFixed(2)}x (target >= 0.50x) ${listRatio >= 0.5 ? 'MET' : 'NOT MET'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
