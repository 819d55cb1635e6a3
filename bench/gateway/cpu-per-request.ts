/**
 * bench/gateway CPU cost: the CPU time one gateway process spends per request it serves (get-one and
 * list-100, 16 connections), and the emulator's per direct request beside it. CPU time per request moves
 * far less than throughput when other work shares the machine, so it is the figure to compare changes by
 * (bench:gateway's ratios are taken in a quiet window).
 *   npx ts-node -T -r tsconfig-paths/register bench/gateway/cpu-per-request.ts
 * BENCH_SECONDS (default 10) per case. Each case runs at a fixed rate (BENCH_RATE_GET_ONE, default 500/s;
 * BENCH_RATE_LIST, default 40/s) that a loaded machine still serves, so that every version compared does
 * the same work per wake-up (saturated, the CPU per request falls as batching grows and follows the load).
 * GATEWAY_NODE_ARGS adds flags to the gateway's Node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: the
 * profile is written when the gateway stops at the end).
 */
import { readFileSync } from 'node:fs';
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import type { RunningServer } from '../../test/support/child-app';
import { runLoad } from '../support/load';
import { nodeArgsFrom } from '../support/node-args';
import { startGatewayUnderBench } from './bench-servers';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const getOneRate = Number(process.env.BENCH_RATE_GET_ONE ?? 500);
const listRate = Number(process.env.BENCH_RATE_LIST ?? 40);
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU time the process has used so far, in microseconds. */
function cpuMicros(server: RunningServer): number {
  const stat = readFileSync(`/proc/${server.process.pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / TICKS_PER_SECOND;
}

async function measure(
  label: string,
  server: RunningServer,
  url: string,
  headers: Record<string, string>,
  overallRate: number,
): Promise<string> {
  const load = (durationSeconds: number) =>
    runLoad({
      label,
      url,
      durationSeconds,
      connections: 16,
      overallRate,
      request: () => ({ method: 'GET', headers }),
    });
  await load(3);
  const before = cpuMicros(server);
  const result = await load(seconds);
  const spent = cpuMicros(server) - before;
  const broken = result.problems.length > 0 ? ` (BROKEN: ${result.problems.join('; ')})` : '';
  return (
    `| ${label} | ${result.requestsPerSecond.toFixed(0)} | ${result.ok} | ` +
    `${(spent / Math.max(result.ok, 1)).toFixed(0)} |${broken}`
  );
}

async function main(): Promise<void> {
  const { emulator, gateway, key, connection } = await startGatewayUnderBench(
    nodeArgsFrom('GATEWAY_NODE_ARGS'),
  );
  const repo = `${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}`;
  const direct = { authorization: `Bearer ${GITHUB_SEED_TOKEN}`, accept: 'application/vnd.github+json' };
  const viaGateway = { authorization: `Bearer ${key}` };
  const tickets = `${gateway.url}/unified/ticketing/tickets`;
  const rows: string[] = [];
  try {
    rows.push(
      await measure('get-one direct (emulator CPU)', emulator, `${repo}/issues/1`, direct, getOneRate),
    );
    rows.push(
      await measure(
        'get-one gateway',
        gateway,
        `${tickets}/1?connection_id=${connection}`,
        viaGateway,
        getOneRate,
      ),
    );
    rows.push(
      await measure(
        'list-100 direct (emulator CPU)',
        emulator,
        `${repo}/issues?per_page=100&state=all&direction=asc`,
        direct,
        listRate,
      ),
    );
    rows.push(
      await measure(
        'list-100 gateway',
        gateway,
        `${tickets}?connection_id=${connection}&limit=100`,
        viaGateway,
        listRate,
      ),
    );
  } finally {
    await gateway.stop();
    await emulator.stop();
  }
  console.log(
    `bench/gateway CPU per request: ${seconds}s per case, 16 connections, get-one at ${getOneRate}/s, ` +
      `list-100 at ${listRate}/s, after a 3 s warm-up`,
  );
  console.log('| case | req/s | 2xx | CPU µs per request |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
