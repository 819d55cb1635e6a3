/**
 * bench/ingest: signed GitHub deliveries against webhook-ingest, beside the bare Fastify + kafkajs
 * baseline, in the same run on the same broker. Prints req/s and p50/p99 for both, the throughput ratio
 * (target >= 0.7x), and latency at half of each one's maximum rate.
 *   npm run bench:ingest   (needs the local broker: npm run kafka:start)
 */
import { createHmac, randomUUID } from 'node:crypto';
import { printTable, runLoad, type LoadResult } from '../support/load';
import { startServer } from '../../test/support/child-app';

const secret = 'bench-secret';
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

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

async function measure(label: string, entry: string): Promise<LoadResult[]> {
  const server = await startServer(entry, { BENCH_SECRET: secret });
  try {
    const url = `${server.url}/webhooks/${server.extra || 'bench-github'}`;
    await runLoad({ label: `${label} warm-up`, url, durationSeconds: 2, connections, request });
    const max = await runLoad({
      label: `${label} max`,
      url,
      durationSeconds: duration,
      connections,
      request,
    });
    const half = await runLoad({
      label: `${label} @50% (${Math.round(max.requestsPerSecond / 2)}/s)`,
      url,
      durationSeconds: duration,
      connections,
      overallRate: Math.max(1, Math.round(max.requestsPerSecond / 2)),
      request,
    });
    return [max, half];
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log(`bench/ingest: ${duration}s per run, ${connections} connections, body ${body.length} bytes`);
  const baseline = await measure('baseline fastify+kafkajs', 'bench/ingest/baseline-server.ts');
  const ingest = await measure('webhook-ingest', 'bench/ingest/ingest-server.ts');
  printTable([...baseline, ...ingest]);
  const ratio = ingest[0].requestsPerSecond / baseline[0].requestsPerSecond;
  console.log(
    `\nthroughput ratio ingest/baseline: ${ratio.toFixed(2)}x (target >= 0.70x) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`,
  );
  console.log(
    `p99 at half max rate: ${ingest[1].p99} ms (target <= 50 ms) ${ingest[1].p99 <= 50 ? 'MET' : 'NOT MET'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
