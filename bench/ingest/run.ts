/**
 * bench/ingest: signed GitHub deliveries against webhook-ingest, beside a bare Fastify + kafkajs baseline
 * doing the same work with the same producer settings and batching (baseline-server.ts), in the same run on
 * the same broker. Both servers start and warm up first; the maximum-rate rounds then alternate
 * (baseline, ingest, ingest, baseline, … BENCH_ROUNDS per side), so neither side gets the fresh broker or
 * the quiet minute. Prints req/s and p50/p99 per round, the throughput ratio (target >= 0.7x), and latency
 * at half of each one's maximum rate (target p99 <= 50 ms). A round with any error, timeout or non-2xx
 * answer is run again (BENCH_RETRIES) and, still broken, makes its verdicts INVALID.
 *   npm run bench:ingest   (needs the local broker: npm run kafka:start)
 */
import { createHmac, randomUUID } from 'node:crypto';
import { measureLoad, printTable, runLoad, type LoadResult } from '../support/load';
import { nodeArgsFrom } from '../support/node-args';
import { processCpuSeconds } from '../support/process-cpu';
import { median } from '../support/stats';
import { printVerdicts, verdictLine } from '../support/verdict';
import { startServer, type RunningServer } from '../../test/support/child-app';

const secret = 'bench-secret';
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as {
  name: string;
  examples: { action: string }[];
}[];
const body = Buffer.from(
  JSON.stringify(examples.find((e) => e.name === 'issues')!.examples.find((x) => x.action === 'opened')),
);
const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const request = () => ({
  method: 'POST' as const,
  headers: {
    'content-type': 'application/json',
    'x-github-event': 'issues',
    'x-github-delivery': randomUUID(),
    'x-hub-signature-256': signature,
  },
  body,
});

interface Side {
  name: string;
  url: string;
  pid: number;
  max: LoadResult[];
  /** The server's CPU microseconds per 2xx answer, in each maximum-rate round. */
  cpuPerRequest: number[];
}

const load = (side: Side, label: string, seconds: number, overallRate?: number) =>
  measureLoad({
    label: `${side.name} ${label}`,
    url: side.url,
    durationSeconds: seconds,
    connections,
    overallRate,
    request,
  });

const meanRate = (results: LoadResult[]) =>
  results.reduce((sum, r) => sum + r.requestsPerSecond, 0) / results.length;

async function main(): Promise<void> {
  console.log(
    `bench/ingest: ${duration}s per round, ${rounds} maximum-rate rounds per side (alternating), ` +
      `${connections} connections, body ${body.length} bytes`,
  );
  const servers: RunningServer[] = [];
  try {
    const start = async (name: string, entry: string, nodeArgs: string[] = []): Promise<Side> => {
      const server = await startServer(entry, { BENCH_SECRET: secret }, nodeArgs);
      servers.push(server);
      const pid = server.process.pid;
      if (pid === undefined) throw new Error(`${name} has no process id`);
      return {
        name,
        url: `${server.url}/webhooks/${server.extra || 'bench-github'}`,
        pid,
        max: [],
        cpuPerRequest: [],
      };
    };
    const baseline = await start(
      'baseline fastify+kafkajs',
      'bench/ingest/baseline-server.ts',
      nodeArgsFrom('BASELINE_NODE_ARGS'),
    );
    const ingest = await start(
      'webhook-ingest',
      'bench/ingest/ingest-server.ts',
      nodeArgsFrom('INGEST_NODE_ARGS'),
    );
    // Warm-ups are shown but not judged (and not run again): they are there to be the cold part.
    const warmUp = (side: Side) =>
      runLoad({ label: `${side.name} warm-up`, url: side.url, durationSeconds: 3, connections, request });
    const warmUps = [await warmUp(baseline), await warmUp(ingest)];
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? [baseline, ingest] : [ingest, baseline]) {
        const cpuBefore = await processCpuSeconds(side.pid);
        const result = await load(side, `max #${round + 1}`, duration);
        const cpu = (await processCpuSeconds(side.pid)) - cpuBefore;
        side.max.push(result);
        side.cpuPerRequest.push((cpu * 1e6) / Math.max(1, result.ok));
      }
    }
    const half = async (side: Side) => {
      const rate = Math.max(1, Math.round(meanRate(side.max) / 2));
      return load(side, `@50% (${rate}/s)`, duration, rate);
    };
    const ingestHalf = await half(ingest);
    const baselineHalf = await half(baseline);

    printTable([...warmUps, ...baseline.max, ...ingest.max, baselineHalf, ingestHalf]);
    console.log(
      `\nmean req/s at maximum: baseline ${meanRate(baseline.max).toFixed(0)}, ingest ${meanRate(ingest.max).toFixed(0)}`,
    );
    const cpu = (side: Side) => median(side.cpuPerRequest);
    console.log(
      `server CPU per request at maximum (median of rounds): baseline ${cpu(baseline).toFixed(0)} µs, ` +
        `ingest ${cpu(ingest).toFixed(0)} µs (${(cpu(baseline) / cpu(ingest)).toFixed(2)}x the baseline's efficiency)`,
    );
    const maxRounds = [...baseline.max, ...ingest.max];
    const lines = [
      verdictLine(
        {
          name: 'throughput ratio ingest/baseline',
          value: meanRate(ingest.max) / meanRate(baseline.max),
          format: (v) => `${v.toFixed(2)}x`,
          target: { atLeast: 0.7 },
        },
        maxRounds,
      ),
      verdictLine(
        {
          name: 'ingest p99 at half its maximum rate',
          value: ingestHalf.p99,
          format: (v) => `${v} ms`,
          target: { atMost: 50 },
        },
        [...ingest.max, ingestHalf],
      ),
      verdictLine(
        { name: 'baseline p99 at half its maximum rate', value: baselineHalf.p99, format: (v) => `${v} ms` },
        [...baseline.max, baselineHalf],
      ),
    ];
    printVerdicts(lines);
  } finally {
    for (const server of servers) await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
