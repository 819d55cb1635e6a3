/**
 * bench/dispatch: outbound webhook delivery, in one run on one broker.
 *  1. Throughput: N events produced at once, delivered by the dispatcher (its own process, as in
 *     production: Kafka → store → signed POST) to a local subscriber, beside a bare loop of the same
 *     signed POSTs at the same concurrency, in its own process too (bare-loop-process.ts) — the ceiling
 *     of the HTTP part alone. BENCH_PAIRS (default 3)
 *     alternating pairs of each, after warm-up rounds that repeat until the dispatcher's CPU per
 *     delivery settles; the verdict is the median pair's ratio.
 *  2. Latency from produce to the subscriber receiving it at a steady 200 events/s, beside a bare
 *     kafkajs consumer that signs and POSTs each event as it reads it (no store, no retries).
 *   npm run bench:dispatch   (needs the local broker: npm run kafka:start)
 * BENCH_EVENTS (default 4000), BENCH_RATE (default 200), BENCH_SECONDS (default 10); BENCH_STORE=postgres
 * runs the dispatcher on a fresh PostgreSQL database (scripts/postgres.sh) instead of SQLite.
 * Every run checks its output: each event must reach each of its subscriptions (duplicates and retries do
 * not make up for a missing one), every bare POST must be answered 2xx. A broken run is repeated
 * (BENCH_RETRIES) and, still broken, its figures are INVALID.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ALL_TOPICS, changeEventKey, ensureTopics, TOPICS } from '@app/bus';
import { generateSecret } from '@app/delivery';
import { openStore, type StoreSettings } from '@app/store';
import { createTestDatabase } from '../../test/support/postgres-harness';
import { startGroupAtEnd } from '../../test/support/topic-recorder';
import { failureProblems, measureRound, missingProblems } from '../support/verdict';
import { printReport, type LatencyRun, type ThroughputPair, type ThroughputRun } from './report';
import {
  arrivalKey,
  CountingSubscriber,
  now,
  signedPoster,
  startBareLoopProcess,
  startDispatcherProcess,
  type BareLoopProcess,
} from './bench-support';
import { ticketEvent } from './ticket-event';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 4000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STORE = process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'sqlite';
const PER_SUBSCRIPTION = 4; // the dispatcher's default DISPATCH_CONCURRENCY_PER_SUBSCRIPTION
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const WARMUP_EVENTS = 1000;
const WARMUP_MAX_ROUNDS = Number(process.env.BENCH_WARMUP_MAX_ROUNDS ?? 8);

const kafka = new Kafka({
  brokers: BROKERS.split(','),
  clientId: 'bench-dispatch',
  logLevel: logLevel.NOTHING,
});
/** The bench tenant's id, set once the store has created it. */
let tenant = '';

/** An event of the bench tenant's. */
const event = (connectionId: string) => ticketEvent(tenant, connectionId);

async function produce(
  producer: Producer,
  connectionId: string,
  count: number,
): Promise<Map<string, number>> {
  const producedAt = new Map<string, number>();
  for (let sent = 0; sent < count; sent += 500) {
    const batch = Array.from({ length: Math.min(500, count - sent) }, () => event(connectionId));
    const at = now();
    batch.forEach((e) => producedAt.set(e.id, at));
    await producer.send({
      topic: TOPICS.tickets,
      acks: -1,
      messages: batch.map((e) => ({
        key: changeEventKey(connectionId, e.subject),
        value: JSON.stringify(e),
      })),
    });
  }
  return producedAt;
}

/** `count` events at `rate`/s, each stamped just before it is sent. */
async function producePaced(producer: Producer, connectionId: string): Promise<Map<string, number>> {
  const producedAt = new Map<string, number>();
  const sends: Promise<unknown>[] = [];
  const start = now();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const wait = start + (i * 1000) / RATE - now();
    if (wait > 0) await sleep(wait);
    const e = event(connectionId);
    producedAt.set(e.id, now());
    const value = JSON.stringify(e);
    sends.push(
      producer.send({
        topic: TOPICS.tickets,
        acks: -1,
        messages: [{ key: changeEventKey(connectionId, e.subject), value }],
      }),
    );
  }
  await Promise.all(sends);
  return producedAt;
}

/**
 * The HTTP part alone: `concurrency` workers POSTing signed bodies back to back over keep-alive, in a
 * process of their own (as the dispatcher is), not in this one, whose thread serves the subscriber.
 */
async function barePosts(
  loop: BareLoopProcess,
  url: string,
  total: number,
  concurrency: number,
): Promise<ThroughputRun> {
  const { perSecond, failed } = await loop.run(url, total, concurrency, tenant);
  return { perSecond, expected: total, arrived: total - failed };
}

/** Kafka → sign → POST with nothing in between: the floor under the dispatcher's latency. */
async function bareConsumer(url: string, connectionId: string) {
  const groupId = `bench-bare-${randomUUID()}`;
  await startGroupAtEnd(kafka, groupId, [TOPICS.tickets]);
  const consumer = kafka.consumer({ groupId });
  const post = signedPoster(url, 16);
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPICS.tickets] });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message }) => {
      const body = message.value?.toString('utf8') ?? '';
      const parsed = JSON.parse(body) as { id: string; connectionid: string };
      if (parsed.connectionid !== connectionId) return;
      const status = await post.send(parsed.id, body).catch(() => 0);
      if (status < 200 || status > 299) throw new Error(`the subscriber answered ${status}`);
    },
  });
  await joined;
  return { stop: async () => (await consumer.disconnect(), post.close()) };
}

const throughputProblems = (r: ThroughputRun) => missingProblems(r.expected, r.arrived, 'deliveries');
const latencyProblems = (r: LatencyRun) => missingProblems(r.expected, r.latencies.length, 'deliveries');

function latencies(producedAt: Map<string, number>, firstSeen: Map<string, number>): number[] {
  return [...producedAt].flatMap(([id, at]) =>
    firstSeen.has(id) ? [(firstSeen.get(id) as number) - at] : [],
  );
}

/** A fresh SQLite file, or with BENCH_STORE=postgres a fresh PostgreSQL database (scripts/postgres.sh). */
async function benchStore(): Promise<{
  env: StoreSettings & Record<string, string>;
  dropDatabase(): Promise<void>;
}> {
  const ENCRYPTION_KEYS = `b:${randomBytes(32).toString('base64')}`;
  if (STORE === 'postgres') {
    const database = await createTestDatabase();
    if (database.kind !== 'database') throw new Error('the bench needs a role that may create databases');
    return {
      env: { STORE_DRIVER: 'postgres', DATABASE_URL: database.url, SQLITE_PATH: '-', ENCRYPTION_KEYS },
      dropDatabase: database.drop,
    };
  }
  const directory = mkdtempSync(path.join(tmpdir(), 'bench-dispatch-'));
  return {
    env: { STORE_DRIVER: 'sqlite', SQLITE_PATH: path.join(directory, 'store.sqlite'), ENCRYPTION_KEYS },
    dropDatabase: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

/**
 * Not judged: the dispatcher's JIT (its compiler threads were a fifth of its CPU in a first round of
 * 4,000) and SQLite's pages. Rounds on both connections repeat until the dispatcher's CPU per
 * delivery of the last two agrees within 10 % on each, as a long-running dispatcher's would; the bare
 * loop gets a round too.
 */
async function warmUp(
  one: () => Promise<ThroughputRun>,
  four: () => Promise<ThroughputRun>,
  bare: () => Promise<ThroughputRun>,
): Promise<void> {
  const cpu: [number[], number[]] = [[], []];
  const settled = (values: number[]) =>
    values.length >= 2 && Math.abs(values.at(-1)! - values.at(-2)!) <= 0.1 * values.at(-2)!;
  for (let round = 1; round <= WARMUP_MAX_ROUNDS && !(settled(cpu[0]) && settled(cpu[1])); round++) {
    const runs = [await one(), await four()];
    runs.forEach((run, i) => {
      if (run.arrived < run.expected)
        throw new Error(`warm-up ${round}: ${run.expected - run.arrived} missing`);
      cpu[i].push(run.cpuMsPerDelivery!);
    });
    console.log(
      `warm-up ${round} (not judged): dispatcher CPU ms/delivery ${cpu[0].at(-1)!.toFixed(3)} (1 subscription), ${cpu[1].at(-1)!.toFixed(3)} (4)`,
    );
  }
  await bare();
}

async function main(): Promise<void> {
  console.log(
    `bench/dispatch: store ${STORE}; ${PAIRS} alternating pairs of ${EVENTS} events for throughput; ${RATE}/s for ${SECONDS} s for latency`,
  );
  await ensureTopics(kafka, ALL_TOPICS);
  const subscriber = new CountingSubscriber();
  const url = await subscriber.listen();

  const { env, dropDatabase } = await benchStore();
  const store = await openStore(env);
  tenant = (await store.tenants.create({ name: 'bench' })).id;
  const connection = () =>
    store.connections.create(tenant, { provider: 'github', settings: {}, credentials: {} });
  const [one, four, bare] = [(await connection()).id, (await connection()).id, (await connection()).id];
  // Each subscription has its own URL, so the subscriber can tell which one a delivery was for.
  const subscriptionUrl = (name: string) => `${url}?subscription=${name}`;
  const subscribe = (connectionId: string, name: string) =>
    store.subscriptions.create(tenant, {
      url: subscriptionUrl(name),
      event_types: ['ticketing.ticket.*'],
      connection_id: connectionId,
      secret: generateSecret(),
    });
  await subscribe(one, 'one');
  for (let i = 0; i < 4; i++) await subscribe(four, `four-${i}`);
  await store.close();

  const group = `bench-dispatcher-${randomUUID()}`;
  await startGroupAtEnd(kafka, group, [TOPICS.tickets, TOPICS.comments]);
  const dispatcher = await startDispatcherProcess({
    ...env,
    KAFKA_BROKERS: BROKERS,
    DISPATCH_GROUP_ID: group,
    DISPATCH_ALLOW_HTTP: 'true',
    DISPATCH_ALLOWED_HOSTS: '127.0.0.1',
  });
  const bareLoop = await startBareLoopProcess();
  const producer = kafka.producer();
  await producer.connect();
  const pathOf = (name: string) => new URL(subscriptionUrl(name)).pathname + `?subscription=${name}`;
  /** Waits for every event of `producedAt` at every subscription named. */
  const arrivals = (producedAt: Map<string, number>, names: string[], timeoutMs?: number) =>
    subscriber.awaitAll(
      [...producedAt.keys()].flatMap((id) => names.map((name) => arrivalKey(pathOf(name), id))),
      timeoutMs,
    );
  try {
    const throughputRound = (connectionId: string, names: string[], count: number) => async () => {
      const cpuBefore = await dispatcher.cpuSeconds();
      const start = now();
      const producedAt = await produce(producer, connectionId, count);
      const { missing, lastAt } = await arrivals(producedAt, names);
      // Read after the last arrival: the group commits of the round's attempts are (nearly) done.
      await sleep(200);
      const cpuMs = ((await dispatcher.cpuSeconds()) - cpuBefore) * 1000;
      const expected = count * names.length;
      return {
        perSecond: (expected / (lastAt - start)) * 1000,
        expected,
        arrived: expected - missing,
        cpuMsPerDelivery: cpuMs / expected,
      } satisfies ThroughputRun;
    };
    const ONE = ['one'];
    const FOUR = ['four-0', 'four-1', 'four-2', 'four-3'];
    // The bare loop warms up at both concurrencies it is measured at.
    const warmBare = async () => {
      await barePosts(bareLoop, subscriptionUrl('bare-loop'), WARMUP_EVENTS * 4, PER_SUBSCRIPTION);
      return barePosts(bareLoop, subscriptionUrl('bare-loop'), WARMUP_EVENTS * 4, PER_SUBSCRIPTION * 4);
    };
    await warmUp(
      throughputRound(one, ONE, WARMUP_EVENTS),
      throughputRound(four, FOUR, WARMUP_EVENTS),
      warmBare,
    );

    const dispatched = (connectionId: string, names: string[], pair: number) =>
      measureRound(
        `dispatcher, ${names.length} subscription(s), pair ${pair}`,
        throughputRound(connectionId, names, EVENTS),
        throughputProblems,
      );
    const bareRun = (total: number, concurrency: number, pair: number) =>
      measureRound(
        `bare signed POST loop, ${concurrency} in flight, pair ${pair}`,
        () => barePosts(bareLoop, subscriptionUrl('bare-loop'), total, concurrency),
        (r) => failureProblems(r.expected - r.arrived, r.expected, 'posts'),
      );
    // Alternating, so a slower stretch of the machine falls on both sides of a ratio.
    const pairs: ThroughputPair[] = [];
    for (let pair = 1; pair <= PAIRS; pair++) {
      pairs.push({
        dispatched1: await dispatched(one, ONE, pair),
        bare1: await bareRun(EVENTS, PER_SUBSCRIPTION, pair),
        bare4: await bareRun(EVENTS * 4, PER_SUBSCRIPTION * 4, pair),
        dispatched4: await dispatched(four, FOUR, pair),
      });
    }

    const paced = (label: string, connectionId: string, name: string) =>
      measureRound(
        label,
        async (): Promise<LatencyRun> => {
          const producedAt = await producePaced(producer, connectionId);
          await arrivals(producedAt, [name], 30_000);
          return { latencies: latencies(producedAt, subscriber.firstSeen), expected: producedAt.size };
        },
        latencyProblems,
      );
    const dispatcherLatency = await paced('dispatcher latency', one, 'one');
    const floor = await bareConsumer(subscriptionUrl('bare-consumer'), bare);
    const bareLatency = await paced('bare consumer latency', bare, 'bare-consumer').finally(() =>
      floor.stop(),
    );

    printReport(
      { pairs, bareLatency, dispatcherLatency },
      { perSubscription: PER_SUBSCRIPTION, rate: RATE, seconds: SECONDS },
    );
  } finally {
    await producer.disconnect();
    await dispatcher.stop();
    await bareLoop.stop();
    await subscriber.close();
    await dropDatabase();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
