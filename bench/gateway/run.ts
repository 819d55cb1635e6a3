/**
 * bench/gateway: get-one and list-100 tickets through the gateway beside the same calls made directly to
 * the GitHub emulator, in the same run. Reports added latency (p50/p99, one connection) and throughput
 * (16 connections), for one gateway process and for GATEWAY_WORKERS = the machine's cores
 * (BENCH_GATEWAY_WORKERS overrides). Targets (issue 15): added p50 <= 3 ms on get-one; get-one throughput
 * >= 0.3x direct and list-100 >= 0.7x direct. bench/gateway/cpu-per-request.ts gives the CPU per request.
 * Every side of a case warms up before any is measured; a round with any error, timeout or non-2xx answer
 * is run again (BENCH_RETRIES) and, still broken, makes the verdicts resting on it INVALID.
 *   npm run bench:gateway
 */
import { availableParallelism } from 'node:os';
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { startServer } from '../../test/support/child-app';
import { measureLoad, printTable, runLoad, type LoadResult } from '../support/load';
import { printVerdicts, verdictLine } from '../support/verdict';

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
    measureLoad({
      label,
      url,
      durationSeconds: seconds,
      connections,
      request: () => ({ method: 'GET', headers }),
    });
  // Warm-ups are not judged: they are there to be the cold part.
  const warmUp = (url: string, headers: Record<string, string>) =>
    runLoad({
      label: 'warm-up',
      url,
      durationSeconds: Math.min(seconds, 3),
      connections: 4,
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
      const sides = [
        { name: 'direct', url: directUrl, headers: direct },
        ...gateways.map((gateway) => {
          const [key, connection] = gateway.server.extra.split(',');
          const url = `${gateway.server.url}${route(connection)}`;
          return { name: gateway.name, url, headers: { authorization: `Bearer ${key}` } };
        }),
      ];
      for (const side of sides) await warmUp(side.url, side.headers);
      for (const side of sides) {
        rows.push(await get(`${name} ${side.name}, 1 conn`, side.url, side.headers, 1));
        rows.push(await get(`${name} ${side.name}, 16 conns`, side.url, side.headers, 16));
      }
    }
  } finally {
    for (const gateway of gateways) await gateway.server.stop();
    await emulator.stop();
  }
  console.log(`bench/gateway: ${seconds}s per run; the emulator and each gateway in their own processes`);
  printTable(rows);
  const find = (label: string) => rows.find((r) => r.label === label) as LoadResult;
  const lines: string[] = [];
  for (const { name } of gateways) {
    const getOne = [find('get-one direct, 1 conn'), find(`get-one ${name}, 1 conn`)];
    const added = (p: 'p50' | 'p99') => getOne[1][p] - getOne[0][p];
    const ratio = (what: string) => {
      const pair = [find(`${what} ${name}, 16 conns`), find(`${what} direct, 16 conns`)];
      return { value: pair[0].requestsPerSecond / pair[1].requestsPerSecond, pair };
    };
    const ms = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)} ms`;
    const times = (v: number) => `${v.toFixed(2)}x`;
    const [getRatio, listRatio] = [ratio('get-one'), ratio('list-100')];
    lines.push(
      `\n${name}:`,
      verdictLine(
        { name: '  get-one added p50', value: added('p50'), format: ms, target: { atMost: 3 } },
        getOne,
      ),
      verdictLine({ name: '  get-one added p99', value: added('p99'), format: ms }, getOne),
      verdictLine(
        {
          name: '  get-one throughput ratio gateway/direct',
          value: getRatio.value,
          format: times,
          target: { atLeast: 0.3 },
        },
        getRatio.pair,
      ),
      verdictLine(
        {
          name: '  list-100 throughput ratio gateway/direct',
          value: listRatio.value,
          format: times,
          target: { atLeast: 0.7 },
        },
        listRatio.pair,
      ),
    );
  }
  printVerdicts(lines);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
