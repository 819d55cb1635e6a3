/**
 * bench/dispatch: outbound webhook delivery, in one run on one broker.
 *  1. Throughput: N events produced at once, delivered by the dispatcher (its own process, as in
 *     production: Kafka → store → signed POST) to a local subscriber, beside a bare loop of the same
 *     signed POSTs at the same concurrency — the ceiling of the HTTP part alone.
 *  2. Latency from produce to the subscriber receiving it at a steady 200 events/s, beside a bare
 *     kafkajs consumer that signs and POSTs each event as it reads it (no store, no retries).
 *   npm run bench:dispatch   (needs the local broker: npm run kafka:start)
 * BENCH_EVENTS (default 4000), BENCH_RATE (default 200), BENCH_SECONDS (default 10); BENCH_STORE=postgres
 * runs the dispatcher on a fresh PostgreSQL database (scripts/postgres.sh) instead of SQLite.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ALL_TOPICS, buildChangeEvent, changeEventKey, ensureTopics, TOPICS } from '@app/bus';
import { generateSecret } from '@app/delivery';
import { openStore, type StoreSettings } from '@app/store';
import { createTestDatabase } from '../../test/support/postgres-harness';
import { startGroupAtEnd } from '../../test/support/topic-recorder';
import { percentile } from '../support/stats';
import { CountingSubscriber, now, signedPoster, startDispatcherProcess } from './bench-support';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 4000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STORE = process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'sqlite';
const PER_SUBSCRIPTION = 4; // the dispatcher's default DISPATCH_CONCURRENCY_PER_SUBSCRIPTION

const kafka = new Kafka({
  brokers: BROKERS.split(','),
  clientId: 'bench-dispatch',
  logLevel: logLevel.NOTHING,
});
/** The bench tenant's id, set once the store has created it. */
let tenant = '';

/** A realistic unified ticket event (about 1.4 kB), as the normalizer publishes it. */
function event(connectionId: string) {
  const remoteId = String(Math.floor(Math.random() * 1e9));
  return buildChangeEvent({
    tenantId: tenant,
    connectionId,
    provider: 'github',
    deliveryId: randomUUID(),
    entity: 'ticket',
    action: 'updated',
    remoteId,
    time: new Date().toISOString(),
    data: {
      id: remoteId,
      name: 'Spelling error in the README file',
      description: 'It looks like you accidentally spelled "commit" with two "t"s. '.repeat(8),
      status: { id: 'open', name: 'open', category: 'open' },
      assignees: [{ id: '21031067', name: 'Codertocat' }],
      tags: [{ id: 'bug', name: 'bug' }],
      created_at: '2019-05-15T15:20:18.000Z',
      updated_at: new Date().toISOString(),
      remote_data: { number: 1, state: 'open', locked: false, comments: 0 },
    },
  });
}

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

/** The HTTP part alone: `concurrency` workers POSTing signed bodies back to back over keep-alive. */
async function barePosts(url: string, total: number, concurrency: number): Promise<number> {
  const post = signedPoster(url, concurrency);
  let next = 0;
  const start = now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const e = event('con_bare');
        await post.send(e.id, JSON.stringify(e));
      }
    }),
  );
  post.close();
  return (total / (now() - start)) * 1000;
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
      await post.send(parsed.id, body);
    },
  });
  await joined;
  return { stop: async () => (await consumer.disconnect(), post.close()) };
}

function latencies(producedAt: Map<string, number>, firstSeen: Map<string, number>): number[] {
  return [...producedAt].map(([id, at]) => (firstSeen.get(id) ?? Number.NaN) - at);
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
  const SQLITE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'bench-dispatch-')), 'store.sqlite');
  return {
    env: { STORE_DRIVER: 'sqlite', SQLITE_PATH, ENCRYPTION_KEYS },
    dropDatabase: async () => undefined,
  };
}

async function main(): Promise<void> {
  console.log(
    `bench/dispatch: store ${STORE}; ${EVENTS} events for throughput; ${RATE}/s for ${SECONDS} s for latency`,
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
  const subscribe = (connectionId: string) =>
    store.subscriptions.create(tenant, {
      url,
      event_types: ['ticketing.ticket.*'],
      connection_id: connectionId,
      secret: generateSecret(),
    });
  await subscribe(one);
  for (let i = 0; i < 4; i++) await subscribe(four);
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
  const producer = kafka.producer();
  await producer.connect();
  try {
    let expected = 0;
    await produce(producer, one, 200); // warm-up: connections, JIT, SQLite pages
    await subscriber.until((expected += 200));

    const run = async (connectionId: string, fanOut: number) => {
      const start = now();
      await produce(producer, connectionId, EVENTS);
      await subscriber.until((expected += EVENTS * fanOut));
      return ((EVENTS * fanOut) / (now() - start)) * 1000;
    };
    const dispatched1 = await run(one, 1);
    const dispatched4 = await run(four, 4);
    const bare1 = await barePosts(url, EVENTS, PER_SUBSCRIPTION);
    const bare4 = await barePosts(url, EVENTS * 4, PER_SUBSCRIPTION * 4);

    const paced = await producePaced(producer, one);
    await subscriber.until((expected += paced.size));
    while (latencies(paced, subscriber.firstSeen).some(Number.isNaN)) await sleep(50);
    const dispatcherLatency = latencies(paced, subscriber.firstSeen);
    const floor = await bareConsumer(url, bare);
    const pacedBare = await producePaced(producer, bare);
    while (latencies(pacedBare, subscriber.firstSeen).some(Number.isNaN)) await sleep(50);
    const bareLatency = latencies(pacedBare, subscriber.firstSeen);
    await floor.stop();

    console.log('\nThroughput (deliveries/s, subscriber answers 200 at once)\n');
    console.log('| run | in flight | deliveries | deliveries/s |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| bare signed POST loop | ${PER_SUBSCRIPTION} | ${EVENTS} | ${bare1.toFixed(0)} |`);
    console.log(
      `| dispatcher, 1 subscription | ${PER_SUBSCRIPTION} | ${EVENTS} | ${dispatched1.toFixed(0)} |`,
    );
    console.log(`| bare signed POST loop | ${PER_SUBSCRIPTION * 4} | ${EVENTS * 4} | ${bare4.toFixed(0)} |`);
    console.log(
      `| dispatcher, 4 subscriptions | ${PER_SUBSCRIPTION * 4} | ${EVENTS * 4} | ${dispatched4.toFixed(0)} |`,
    );
    console.log(
      `\nratio dispatcher/bare: ${(dispatched1 / bare1).toFixed(2)}x (1 subscription), ${(dispatched4 / bare4).toFixed(2)}x (4 subscriptions)`,
    );

    const row = (label: string, values: number[]) =>
      `| ${label} | ${values.length} | ${percentile(values, 50).toFixed(1)} | ${percentile(values, 99).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`;
    console.log(`\nLatency, produced → received, at ${RATE} events/s for ${SECONDS} s (ms)\n`);
    console.log('| run | events | p50 | p99 | max |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(row('bare kafkajs consumer → signed POST', bareLatency));
    console.log(row('dispatcher (Kafka → store → signed POST)', dispatcherLatency));
    console.log(
      `\nratio dispatcher/bare: p50 ${(percentile(dispatcherLatency, 50) / percentile(bareLatency, 50)).toFixed(2)}x, p99 ${(percentile(dispatcherLatency, 99) / percentile(bareLatency, 99)).toFixed(2)}x`,
    );
  } finally {
    await producer.disconnect();
    await dispatcher.stop();
    await subscriber.close();
    await dropDatabase();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
