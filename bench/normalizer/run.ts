/**
 * bench/normalizer: events/s from the raw topic to a unified topic, for the normalizer (definition engine)
 * beside the same consumer loop with a hand-written mapper, each over the same N raw GitHub deliveries
 * in the same run. Target: normalizer >= 0.5x the baseline.
 *   npm run bench:normalizer   (needs the local broker: npm run kafka:start)
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, encodeRawWebhook, ensureTopics, TOPICS, type RawWebhookRecord } from '@app/bus';
import { githubExamples } from '@app/sandbox';
import { startServer } from '../../test/support/child-app';
import { seedStore, githubConnection } from '../../test/support/stack';
import { startGroupAtEnd } from '../../test/support/topic-recorder';

const N = Number(process.env.BENCH_EVENTS ?? 20_000);
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const BASELINE_TOPIC = 'bench.baseline-tickets.v1';

/** Waits until the group has committed every raw offset; events/s counted from its first commit. */
async function drain(
  groupId: string,
  ends: Map<number, number>,
  starts: Map<number, number>,
): Promise<{ seconds: number; eventsPerSecond: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const total = [...ends].reduce((sum, [p, end]) => sum + end - (starts.get(p) ?? 0), 0);
  let firstAt = 0;
  let firstDone = 0;
  try {
    for (;;) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [TOPICS.rawWebhooks] });
      const done = offsets.partitions.reduce(
        (sum, p) => sum + Math.max(0, Number(p.offset) - (starts.get(p.partition) ?? 0)),
        0,
      );
      if (done > 0 && firstAt === 0) {
        firstAt = Date.now();
        firstDone = done;
      }
      if (done >= total) {
        const seconds = Math.max(0.001, (Date.now() - firstAt) / 1000);
        return { seconds, eventsPerSecond: (total - firstDone) / seconds };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  await ensureTopics(kafka, [...ALL_TOPICS, { topic: BASELINE_TOPIC, numPartitions: 3 } as never]);
  const seeded = await seedStore([githubConnection('s')]);
  const connectionId = seeded.connectionIds[0];
  const normalizerGroup = `bench-normalizer-${randomUUID()}`;
  const baselineGroup = `bench-baseline-${randomUUID()}`;
  for (const group of [normalizerGroup, baselineGroup])
    await startGroupAtEnd(kafka, group, [TOPICS.rawWebhooks]);
  const admin = kafka.admin();
  await admin.connect();
  const starts = new Map(
    (await admin.fetchTopicOffsets(TOPICS.rawWebhooks)).map((o) => [o.partition, Number(o.high)]),
  );

  const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  // Sends of 100 (about 1.2 MB): three keys can hash to one partition, and one partition's batch must
  // stay under the topic's max.message.bytes.
  for (let i = 0; i < N; i += 100) {
    const messages = Array.from({ length: Math.min(100, N - i) }, (_, j) => {
      const record: RawWebhookRecord = {
        deliveryId: randomUUID(),
        connectionId,
        tenantId: seeded.tenantId,
        provider: 'github',
        receivedAt: new Date().toISOString(),
        headers: { 'x-github-event': 'issues' },
        body: JSON.stringify({
          ...opened.payload,
          issue: { ...(opened.payload.issue as object), number: i + j + 1 },
        }),
      };
      // Spread over partitions like many connections would be.
      return { key: `${connectionId}-${(i + j) % 3}`, value: encodeRawWebhook(record) };
    });
    await producer.send({ topic: TOPICS.rawWebhooks, acks: -1, messages });
  }
  await producer.disconnect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(TOPICS.rawWebhooks)).map((o) => [o.partition, Number(o.high)]),
  );
  await admin.disconnect();

  const env = { KAFKA_BROKERS: brokers, ...seeded.env, LOG_LEVEL: 'error' };
  const baseline = await startServer('bench/normalizer/hand-written-loop.ts', {
    ...env,
    NORMALIZER_GROUP_ID: baselineGroup,
    BENCH_OUTPUT_TOPIC: BASELINE_TOPIC,
  });
  const baselineResult = await drain(baselineGroup, ends, starts);
  await baseline.stop();
  const normalizer = await startServer('test/support/normalizer-process.ts', {
    ...env,
    NORMALIZER_GROUP_ID: normalizerGroup,
  });
  const normalizerResult = await drain(normalizerGroup, ends, starts);
  await normalizer.stop();

  console.log(
    `bench/normalizer: ${N} raw GitHub deliveries, raw topic → tickets topic, each consumer in its own process`,
  );
  console.log('| loop | events/s | seconds |');
  console.log('| --- | ---: | ---: |');
  console.log(
    `| hand-written mapper (baseline) | ${baselineResult.eventsPerSecond.toFixed(0)} | ${baselineResult.seconds.toFixed(1)} |`,
  );
  console.log(
    `| normalizer (definition engine) | ${normalizerResult.eventsPerSecond.toFixed(0)} | ${normalizerResult.seconds.toFixed(1)} |`,
  );
  const ratio = normalizerResult.eventsPerSecond / baselineResult.eventsPerSecond;
  console.log(
    `\nratio normalizer/baseline: ${ratio.toFixed(2)}x (target >= 0.50x) ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
