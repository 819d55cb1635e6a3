/**
 * bench/pipeline: end-to-end latency from the webhook POST to the unified event readable on its topic, at
 * a steady BENCH_RATE events/s (default 1,000), with webhook-ingest and the normalizer each in their own
 * process and a reader of the tickets topic built like our own consumers (libs/bus's CommittingConsumer,
 * default settings: what the dispatcher would see). Targets: p50 <= 10 ms, p99 <= 50 ms. A warm-up at the
 * same rate comes first (BENCH_WARMUP_SECONDS, default 3) and is reported apart, so the figures are the
 * pipeline's steady state. Percentiles are over every delivery posted: a round where a post failed (error
 * or non-202) or an event never arrived within 30 s is run again (BENCH_RETRIES) and, still broken, makes
 * the verdict INVALID. A stage table (bench/pipeline/stages.ts) says where the time went.
 *   npm run bench:pipeline   (needs the local broker: npm run kafka:start)
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'undici';
import { CommittingConsumer, partitionsOf, TOPICS } from '@app/bus';
import { signWebhook } from '@app/providers';
import { githubExamples } from '@app/sandbox';
import { startServer } from '../../test/support/child-app';
import { seedStore, githubConnection, GITHUB_WEBHOOK_SCHEME } from '../../test/support/stack';
import { removeFreshStore } from '../../test/support/e2e-store';
import { startGroupAtEnd } from '../../test/support/topic-recorder';
import { nodeArgsFrom } from '../support/node-args';
import {
  localBrokerLogSince,
  localBrokerPid,
  machineCpuSeconds,
  processCpuSeconds,
} from '../support/process-cpu';
import { percentile } from '../support/stats';
import {
  failureProblems,
  measureRound,
  missingProblems,
  printVerdicts,
  verdictLine,
} from '../support/verdict';
import {
  exactStage,
  histogramStage,
  INGEST_STAGES,
  NORMALIZER_STAGES,
  printStages,
  scrapeMetrics,
} from './stages';
import { brokerHousekeeping, describeTail, tailReport, type TimedDelivery } from './tail-windows';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
/** Warm-up rounds at most (each WARMUP_SECONDS long), and how close the last three rounds' p50 must be to stop. */
const WARMUP_MAX_ROUNDS = Number(process.env.BENCH_WARMUP_MAX_ROUNDS ?? 30);
const WARMUP_SETTLED = 0.2;
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
/** Connections the deliveries take turns on (a connection's deliveries share one raw-topic partition). */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1);

async function main(): Promise<void> {
  const secret = 'bench-secret';
  const seeded = await seedStore(Array.from({ length: CONNECTIONS }, () => githubConnection(secret)));
  const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const normalizerGroup = `bench-pipeline-${randomUUID()}`;
  await startGroupAtEnd(kafka, normalizerGroup, [TOPICS.rawWebhooks]);
  const env = { KAFKA_BROKERS: brokers, ...seeded.env, LOG_LEVEL: 'error' };
  // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: where each app's CPU per webhook goes.
  const ingest = await startServer('test/support/ingest-process.ts', env, nodeArgsFrom('INGEST_NODE_ARGS'));
  const healthPort = await freePort();
  const normalizer = await startServer(
    'test/support/normalizer-process.ts',
    {
      ...env,
      NORMALIZER_GROUP_ID: normalizerGroup,
      HEALTH_PORT: String(healthPort),
    },
    nodeArgsFrom('NORMALIZER_NODE_ARGS'),
  );

  const sentAt = new Map<string, number>();
  const latencyOf = new Map<string, number>();
  /** POST → 202 (the ingest answers after Kafka's ack), per delivery. */
  const answeredIn = new Map<string, number>();
  /** The event record's timestamp (the normalizer's producer) → read here, per delivery. */
  const readAfterProduce = new Map<string, number>();
  const readerGroup = `bench-pipeline-reader-${randomUUID()}`;
  await startGroupAtEnd(kafka, readerGroup, [TOPICS.tickets]);
  // The reader counts toward the measured latency, so it is a consumer as ours are, not a tuned one.
  const reader = new CommittingConsumer(kafka, {
    groupId: readerGroup,
    topics: [TOPICS.tickets],
    partitionsInParallel: partitionsOf(TOPICS.tickets), // as the normalizer reads its topic
  });
  const joined = reader.waitUntilJoined();
  await reader.startBatches(async (messages) => {
    const now = performance.now();
    const wall = Date.now();
    for (const message of messages) {
      const event = JSON.parse(message.value) as { deliveryid?: string };
      const sent = event.deliveryid ? sentAt.get(event.deliveryid) : undefined;
      if (!event.deliveryid || sent === undefined || latencyOf.has(event.deliveryid)) continue;
      latencyOf.set(event.deliveryid, now - sent);
      readAfterProduce.set(event.deliveryid, wall - Number(message.timestamp));
    }
  });
  await joined;

  const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
  // undici's pool rather than fetch: the load generator shares the two cores with what it measures, and
  // fetch costs several times the CPU per request (its streams and spec machinery) for the same POST.
  const issueOpened = openedBodies(opened.payload);
  const poster = new Pool(ingest.url, { connections: 64, pipelining: 1 });
  const webhookPaths = seeded.connectionIds.map((id) => `/webhooks/${id}`);
  let number = 0;
  const latenciesOf = (of: string[]) =>
    of.flatMap((id) => (latencyOf.has(id) ? [latencyOf.get(id) as number] : [])).sort((a, b) => a - b);
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
      const body = issueOpened(number);
      const sent = performance.now();
      sentAt.set(id, sent);
      ids.push(id);
      posts.push(
        poster
          .request({
            path: webhookPaths[number % webhookPaths.length],
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-github-event': 'issues',
              'x-github-delivery': id,
              'x-hub-signature-256': signWebhook(GITHUB_WEBHOOK_SCHEME, secret, body),
            },
            body,
          })
          .then(async (r) => {
            await r.body.dump();
            answeredIn.set(id, performance.now() - sent);
            if (r.statusCode !== 202) failed++;
          })
          .catch(() => void failed++),
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
  // (it has just joined its group) would otherwise measure start-up, not the pipeline. A broker that
  // has just started takes a minute or more of load to reach its steady state (its JIT: first runs
  // after a start measured p50 34, then 11, then 8 ms), so warm-up rounds repeat until three in a row
  // agree on p50 within WARMUP_SETTLED, or WARMUP_MAX_ROUNDS ran.
  const warmups: { ids: string[]; failed: number; p50?: number; p99?: number }[] = [];
  for (let settled = false; !settled && warmups.length < WARMUP_MAX_ROUNDS;) {
    const warmup = await sendAtRate(RATE * WARMUP_SECONDS);
    const warm = latenciesOf(warmup.ids);
    warmups.push({ ...warmup, p50: percentile(warm, 50), p99: percentile(warm, 99) });
    const lastThree = warmups.slice(-3).flatMap((w) => (w.p50 === undefined ? [] : [w.p50]));
    settled =
      lastThree.length === 3 &&
      Math.max(...lastThree) - Math.min(...lastThree) <= WARMUP_SETTLED * Math.max(...lastThree);
  }
  const count = RATE * SECONDS;
  const normalizerMetrics = `http://127.0.0.1:${healthPort}/metrics`;
  const ingestMetrics = `${ingest.url}/metrics`;
  let before = { normalizer: '', ingest: '' };
  // Where the two cores go over the judged attempt: the apps, the broker (when it is the local one, whose
  // pid scripts/kafka.sh keeps), this process (the generator and the reader) and the machine as a whole.
  const brokerPid = await localBrokerPid();
  const cpuNow = () => cpuSnapshot(ingest.process.pid!, normalizer.process.pid!, brokerPid);
  let cpuUsed: CpuSnapshot | undefined;
  const round = await measureRound(
    `${count} deliveries at ${RATE}/s`,
    async () => {
      // Read right before each attempt, so the stage table covers the judged attempt only.
      before = {
        normalizer: await scrapeMetrics(normalizerMetrics),
        ingest: await scrapeMetrics(ingestMetrics),
      };
      const cpuBefore = await cpuNow();
      const sent = await sendAtRate(count);
      cpuUsed = cpuSince(cpuBefore, await cpuNow());
      return sent;
    },
    (r) => [...failureProblems(r.failed, count, 'posts'), ...missingProblems(count, r.arrived, 'events')],
  );
  const after = {
    normalizer: await scrapeMetrics(normalizerMetrics),
    ingest: await scrapeMetrics(ingestMetrics),
  };
  const { ids, failed } = round.result;
  const latencies = latenciesOf(ids);
  await reader.stop();
  await poster.close();
  await normalizer.stop();
  await ingest.stop();
  removeFreshStore(seeded.env);

  const pct = (p: number) => percentile(latencies, p);
  console.log(
    `bench/pipeline: ${count} GitHub webhooks at ${RATE}/s after ${warmups.length} warm-up rounds of ${WARMUP_SECONDS} s at the same rate ` +
      `(not counted); ingest and normalizer in their own processes; ${CONNECTIONS} connection(s) taking turns`,
  );
  warmups.forEach((w, i) =>
    console.log(
      `warm-up ${i + 1} (not judged): ${w.ids.length} deliveries, ${w.failed} failed posts, ` +
        `p50 ${w.p50?.toFixed(1)} ms, p99 ${w.p99?.toFixed(1)} ms`,
    ),
  );
  console.log('| deliveries | events read | failed posts | p50 ms | p90 ms | p99 ms | max ms |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const fixed = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));
  console.log(
    `| ${count} | ${latencies.length} | ${failed} | ${fixed(pct(50))} | ${fixed(pct(90))} | ${fixed(pct(99))} | ${fixed(latencies.at(-1))} |`,
  );
  const exact = (of: Map<string, number>) => ids.flatMap((id) => (of.has(id) ? [of.get(id) as number] : []));
  console.log('');
  console.log(
    'Where the time went (measured round; histogram percentiles are interpolated in their buckets):',
  );
  printStages([
    exactStage('POST → 202 (ingest answers after the Kafka ack)', 'delivery', exact(answeredIn)),
    ...INGEST_STAGES.map((spec) => histogramStage(spec, before.ingest, after.ingest)),
    ...NORMALIZER_STAGES.map((spec) => histogramStage(spec, before.normalizer, after.normalizer)),
    exactStage('event record → read by the reader (produce ack, fetch)', 'event', exact(readAfterProduce)),
    exactStage('POST → event read (judged)', 'event', latencies),
  ]);
  if (cpuUsed) printCpu(cpuUsed, count);
  await printTail(
    ids.flatMap((id) =>
      latencyOf.has(id)
        ? [
            {
              sentAtMs: performance.timeOrigin + (sentAt.get(id) as number),
              latencyMs: latencyOf.get(id) as number,
              answeredMs: answeredIn.get(id),
            },
          ]
        : [],
    ),
  );
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const lines = [
    verdictLine({ name: 'p50', value: pct(50), format: ms, target: { atMost: 10 } }, [round]),
    verdictLine({ name: 'p99', value: pct(99), format: ms, target: { atMost: 50 } }, [round]),
  ];
  console.log('');
  printVerdicts(lines);
}

/**
 * The sample delivery with its issue's number set (so every delivery is a distinct ticket), from the
 * payload serialized once: JSON.stringify of the whole 12 KB payload per post cost this process ~30 µs a
 * delivery on the two cores it shares with what it measures. The bytes are those JSON.stringify gives.
 */
function openedBodies(payload: Record<string, unknown>): (number: number) => Buffer {
  const marker = -9_876_543_210;
  const text = JSON.stringify({ ...payload, issue: { ...(payload.issue as object), number: marker } });
  const [before, after, ...rest] = text.split(`"number":${marker}`);
  if (after === undefined || rest.length > 0)
    throw new Error('the sample payload has no single issue number');
  return (number) => Buffer.from(`${before}"number":${number}${after}`);
}

/** CPU seconds so far: the two apps, the broker (undefined: not the local one), this process, the machine. */
interface CpuSnapshot {
  ingest: number;
  normalizer: number;
  broker?: number;
  bench: number;
  machine: { busy: number; total: number };
}

async function cpuSnapshot(
  ingestPid: number,
  normalizerPid: number,
  brokerPid?: number,
): Promise<CpuSnapshot> {
  const own = process.cpuUsage();
  return {
    ingest: await processCpuSeconds(ingestPid),
    normalizer: await processCpuSeconds(normalizerPid),
    broker: brokerPid === undefined ? undefined : await processCpuSeconds(brokerPid),
    bench: (own.user + own.system) / 1e6,
    machine: await machineCpuSeconds(),
  };
}

function cpuSince(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  return {
    ingest: after.ingest - before.ingest,
    normalizer: after.normalizer - before.normalizer,
    broker:
      after.broker === undefined || before.broker === undefined ? undefined : after.broker - before.broker,
    bench: after.bench - before.bench,
    machine: {
      busy: after.machine.busy - before.machine.busy,
      total: after.machine.total - before.machine.total,
    },
  };
}

/** CPU per webhook by process, and how busy the machine was: near 100 %, every stage's tail is queueing. */
function printCpu(used: CpuSnapshot, webhooks: number): void {
  const perWebhook = (seconds: number) => `${((seconds * 1e6) / webhooks).toFixed(0)} µs`;
  const broker = used.broker === undefined ? 'not measured (not the local broker)' : perWebhook(used.broker);
  console.log(
    `CPU per webhook over the measured round: ingest ${perWebhook(used.ingest)}, normalizer ${perWebhook(used.normalizer)}, ` +
      `broker ${broker}, this bench's generator and reader ${perWebhook(used.bench)}; ` +
      `the machine was ${((used.machine.busy / used.machine.total) * 100).toFixed(0)} % busy ` +
      `(${(used.machine.busy / (used.machine.total / cpus().length)).toFixed(2)} of ${cpus().length} cores)`,
  );
}

/** Which quarter-seconds the tail came from, and what the local broker did just before them. */
async function printTail(deliveries: TimedDelivery[]): Promise<void> {
  // A loop, not Math.min(...all): spreading a long round's 100,000+ times overflows the call stack.
  let first = Infinity;
  let last = -Infinity;
  for (const { sentAtMs } of deliveries) {
    first = Math.min(first, sentAtMs);
    last = Math.max(last, sentAtMs);
  }
  const log = await localBrokerLogSince(first - 1000);
  const housekeeping = log === undefined ? [] : brokerHousekeeping(log, first - 1000, last + 1000);
  console.log('');
  for (const line of describeTail(tailReport(deliveries, housekeeping))) console.log(line);
  if (log === undefined) console.log("  (the broker's log was not read: not the local broker)");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
