/**
 * bench/pipeline: end-to-end latency from the webhook POST to the unified event readable on its topic, at
 * a steady 200 events/s, with webhook-ingest and the normalizer each in their own process and a consumer
 * reading the tickets topic. Targets: p50 <= 30 ms, p99 <= 150 ms. A warm-up at the same rate comes first
 * (BENCH_WARMUP_SECONDS, default 3) and is reported apart, so the figures are the pipeline's steady state.
 * Percentiles are over every delivery posted: a round where a post failed (error or non-202) or an event
 * never arrived within 30 s is run again (BENCH_RETRIES) and, still broken, makes the verdict INVALID.
 *   npm run bench:pipeline   (needs the local broker: npm run kafka:start)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@app/bus';
import { signWebhook } from '@app/providers';
import { githubExamples } from '@app/sandbox';
import { startServer } from '../../test/support/child-app';
import { seedStore, githubConnection, GITHUB_WEBHOOK_SCHEME } from '../../test/support/stack';
import { startGroupAtEnd } from '../../test/support/topic-recorder';
import { percentile } from '../support/stats';
import {
  failureProblems,
  measureRound,
  missingProblems,
  printVerdicts,
  verdictLine,
} from '../support/verdict';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

async function main(): Promise<void> {
  const secret = 'bench-secret';
  const seeded = await seedStore([githubConnection(secret)]);
  const connectionId = seeded.connectionIds[0];
  const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const normalizerGroup = `bench-pipeline-${randomUUID()}`;
  await startGroupAtEnd(kafka, normalizerGroup, [TOPICS.rawWebhooks]);
  const env = { KAFKA_BROKERS: brokers, ...seeded.env, LOG_LEVEL: 'error' };
  const ingest = await startServer('test/support/ingest-process.ts', env);
  const normalizer = await startServer('test/support/normalizer-process.ts', {
    ...env,
    NORMALIZER_GROUP_ID: normalizerGroup,
  });

  const sentAt = new Map<string, number>();
  const latencyOf = new Map<string, number>();
  const readerGroup = `bench-pipeline-reader-${randomUUID()}`;
  await startGroupAtEnd(kafka, readerGroup, [TOPICS.tickets]);
  const reader = kafka.consumer({ groupId: readerGroup, maxWaitTimeInMs: 5 });
  await reader.connect();
  await reader.subscribe({ topics: [TOPICS.tickets] });
  const joined = new Promise<void>((resolve) => {
    const off = reader.on(reader.events.GROUP_JOIN, () => (off(), resolve()));
  });
  await reader.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value?.toString() ?? '{}') as { deliveryid?: string };
      const sent = event.deliveryid ? sentAt.get(event.deliveryid) : undefined;
      if (event.deliveryid && sent !== undefined) latencyOf.set(event.deliveryid, performance.now() - sent);
    },
  });
  await joined;

  const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
  let number = 0;
  /** POSTs `count` signed deliveries at RATE per second; resolves once every event was read, or 30 s after the last post. */
  const sendAtRate = async (count: number): Promise<{ ids: string[]; failed: number; arrived: number }> => {
    const started = performance.now();
    const posts: Promise<unknown>[] = [];
    const ids: string[] = [];
    let failed = 0;
    for (let i = 0; i < count; i++) {
      const wait = started + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = randomUUID();
      number += 1;
      const body = Buffer.from(
        JSON.stringify({ ...opened.payload, issue: { ...(opened.payload.issue as object), number } }),
      );
      sentAt.set(id, performance.now());
      ids.push(id);
      posts.push(
        fetch(`${ingest.url}/webhooks/${connectionId}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'issues',
            'x-github-delivery': id,
            'x-hub-signature-256': signWebhook(GITHUB_WEBHOOK_SCHEME, secret, body),
          },
          body,
        }).then(
          (r) => void (r.status === 202 || failed++),
          () => void failed++,
        ),
      );
    }
    await Promise.all(posts);
    const deadline = Date.now() + 30_000;
    while (ids.some((id) => !latencyOf.has(id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return { ids, failed, arrived: ids.filter((id) => latencyOf.has(id)).length };
  };
  // Warm-up at the same rate, not counted: the processes' JIT and the normalizer's first fetches
  // (it has just joined its group) would otherwise measure start-up, not the pipeline.
  const warmup = await sendAtRate(RATE * WARMUP_SECONDS);
  const count = RATE * SECONDS;
  const round = await measureRound(
    `${count} deliveries at ${RATE}/s`,
    () => sendAtRate(count),
    (r) => [...failureProblems(r.failed, count, 'posts'), ...missingProblems(count, r.arrived, 'events')],
  );
  const { ids, failed } = round.result;
  const latenciesOf = (of: string[]) =>
    of.flatMap((id) => (latencyOf.has(id) ? [latencyOf.get(id) as number] : [])).sort((a, b) => a - b);
  const latencies = latenciesOf(ids);
  const warm = latenciesOf(warmup.ids);
  await reader.disconnect();
  await normalizer.stop();
  await ingest.stop();

  const pct = (p: number) => percentile(latencies, p);
  console.log(
    `bench/pipeline: ${count} GitHub webhooks at ${RATE}/s after a ${WARMUP_SECONDS} s warm-up at the same rate ` +
      `(not counted); ingest and normalizer in their own processes`,
  );
  console.log(
    `warm-up (not judged): ${warmup.ids.length} deliveries, ${warm.length} events read, ${warmup.failed} failed posts, ` +
      `p50 ${percentile(warm, 50)?.toFixed(1)} ms, p99 ${percentile(warm, 99)?.toFixed(1)} ms (cold processes, group just joined)`,
  );
  console.log('| deliveries | events read | failed posts | p50 ms | p90 ms | p99 ms | max ms |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const fixed = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));
  console.log(
    `| ${count} | ${latencies.length} | ${failed} | ${fixed(pct(50))} | ${fixed(pct(90))} | ${fixed(pct(99))} | ${fixed(latencies.at(-1))} |`,
  );
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const lines = [
    verdictLine({ name: 'p50', value: pct(50), format: ms, target: { atMost: 30 } }, [round]),
    verdictLine({ name: 'p99', value: pct(99), format: ms, target: { atMost: 150 } }, [round]),
  ];
  console.log('');
  printVerdicts(lines);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
