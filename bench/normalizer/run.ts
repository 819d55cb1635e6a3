/**
 * bench/normalizer: events/s from the raw topic to a unified topic, for the normalizer (definition engine)
 * beside the same consumer loop with a hand-written mapper (hand-written-loop.ts), over the same raw GitHub
 * deliveries in the same run. Target: normalizer >= 0.5x the baseline.
 * The raw topic gets BENCH_WARMUP_EVENTS deliveries (default 1,000) then BENCH_EVENTS measured ones
 * (default 20,000). Each round starts one side in a fresh process and group at the first of them, so it
 * warms up on the first ones; rounds alternate (baseline, normalizer, normalizer, baseline, …
 * BENCH_ROUNDS per side, default 2). Throughput is counted on each side's output topic, over the measured
 * deliveries' events: a delivery that was dead-lettered or lost is committed but produced nothing, and
 * makes the round INVALID (re-run up to BENCH_RETRIES times).
 *   npm run bench:normalizer   (needs the local broker: npm run kafka:start)
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, encodeRawWebhook, ensureTopics, TOPICS, type RawWebhookRecord } from '@app/bus';
import { githubExamples } from '@app/sandbox';
import { startServer } from '../../test/support/child-app';
import { removeFreshStore } from '../../test/support/e2e-store';
import { seedStore, githubConnection, type SeededStore } from '../../test/support/stack';
import {
  measureRound,
  missingProblems,
  printVerdicts,
  roundStatus,
  verdictLine,
  type Round,
} from '../support/verdict';
import { countOutput, outputRate, topicEnds, type Offsets } from './output-count';

const N = Number(process.env.BENCH_EVENTS ?? 20_000);
const WARMUP = Number(process.env.BENCH_WARMUP_EVENTS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const BASELINE_TOPIC = 'bench.baseline-tickets.v1';

/** Waits until the group has committed every raw offset up to `ends`; throws if it stops moving for 60 s. */
async function drain(groupId: string, ends: Offsets): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  let last = -1;
  let movedAt = Date.now();
  try {
    for (;;) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [TOPICS.rawWebhooks] });
      const behind = offsets.partitions.reduce(
        (sum, p) => sum + Math.max(0, (ends.get(p.partition) ?? 0) - Math.max(0, Number(p.offset))),
        0,
      );
      if (behind === 0) return;
      if (behind !== last) [last, movedAt] = [behind, Date.now()];
      if (Date.now() - movedAt > 60_000) throw new Error(`the group stalled ${behind} deliveries short`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await admin.disconnect();
  }
}

/** WARMUP + N raw deliveries at the end of the raw topic; the measured ones' delivery ids. */
async function produceDeliveries(seeded: SeededStore): Promise<Set<string>> {
  const connectionId = seeded.connectionIds[0];
  const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
  const measured = new Set<string>();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const total = WARMUP + N;
  // Sends of 100 (about 1.2 MB): three keys can hash to one partition, and one partition's batch must
  // stay under the topic's max.message.bytes.
  for (let i = 0; i < total; i += 100) {
    const messages = Array.from({ length: Math.min(100, total - i) }, (_, j) => {
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
      if (i + j >= WARMUP) measured.add(record.deliveryId);
      // Spread over partitions like many connections would be.
      return { key: `${connectionId}-${(i + j) % 3}`, value: encodeRawWebhook(record) };
    });
    await producer.send({ topic: TOPICS.rawWebhooks, acks: -1, messages });
  }
  await producer.disconnect();
  return measured;
}

interface Side {
  name: string;
  entry: string;
  output: string;
  env: Record<string, string>;
  rounds: Round<RoundResult>[];
}

interface RoundResult {
  eventsPerSecond: number;
  outputs: number;
  duplicates: number;
  seconds: number;
}

async function main(): Promise<void> {
  await ensureTopics(kafka, [...ALL_TOPICS, { topic: BASELINE_TOPIC, numPartitions: 3 } as never]);
  const seeded = await seedStore([githubConnection('s')]);
  const starts = await topicEnds(kafka, TOPICS.rawWebhooks);
  const measured = await produceDeliveries(seeded);
  const ends = await topicEnds(kafka, TOPICS.rawWebhooks);

  const env = { KAFKA_BROKERS: brokers, ...seeded.env, LOG_LEVEL: 'error' };
  const baseline: Side = {
    name: 'hand-written mapper (baseline)',
    entry: 'bench/normalizer/hand-written-loop.ts',
    output: BASELINE_TOPIC,
    env: { ...env, BENCH_OUTPUT_TOPIC: BASELINE_TOPIC },
    rounds: [],
  };
  const normalizer: Side = {
    name: 'normalizer (definition engine)',
    entry: 'test/support/normalizer-process.ts',
    output: TOPICS.tickets,
    env,
    rounds: [],
  };

  /** One side over all the deliveries, in a fresh process and group; counted on its output topic. */
  const runOnce = async (side: Side): Promise<RoundResult> => {
    const groupId = `bench-normalizer-${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({
      groupId,
      topic: TOPICS.rawWebhooks,
      partitions: [...starts].map(([partition, offset]) => ({ partition, offset: String(offset) })),
    });
    await admin.disconnect();
    const outputFrom = await topicEnds(kafka, side.output);
    const started = Date.now();
    const server = await startServer(side.entry, { ...side.env, NORMALIZER_GROUP_ID: groupId });
    try {
      await drain(groupId, ends);
    } finally {
      await server.stop();
    }
    const seconds = (Date.now() - started) / 1000;
    const outputTo = await topicEnds(kafka, side.output);
    const count = await countOutput(kafka, side.output, outputFrom, outputTo, measured);
    const eventsPerSecond = outputRate(count.firstAt.values());
    return { eventsPerSecond, outputs: count.firstAt.size, duplicates: count.duplicates, seconds };
  };

  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 === 0 ? [baseline, normalizer] : [normalizer, baseline]) {
      side.rounds.push(
        await measureRound(
          `${side.name} #${round + 1}`,
          () => runOnce(side),
          (r) => missingProblems(N, r.outputs, 'output events'),
        ),
      );
    }
  }

  console.log(
    `bench/normalizer: ${WARMUP} warm-up + ${N} measured raw GitHub deliveries, raw topic → unified topic, ` +
      `each round in its own process; events/s counted on the output topic`,
  );
  console.log('| round | events/s | output events | duplicates | seconds (with start-up) | round |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of [...baseline.rounds, ...normalizer.rounds]) {
    const { eventsPerSecond, outputs, duplicates, seconds } = r.result;
    console.log(
      `| ${r.label} | ${eventsPerSecond.toFixed(0)} | ${outputs} | ${duplicates} | ${seconds.toFixed(1)} | ${roundStatus(r)} |`,
    );
  }
  const mean = (side: Side) =>
    side.rounds.reduce((sum, r) => sum + r.result.eventsPerSecond, 0) / side.rounds.length;
  console.log(
    `\nmean events/s: baseline ${mean(baseline).toFixed(0)}, normalizer ${mean(normalizer).toFixed(0)}`,
  );
  printVerdicts([
    verdictLine(
      {
        name: 'ratio normalizer/baseline',
        value: mean(normalizer) / mean(baseline),
        format: (v) => `${v.toFixed(2)}x`,
        target: { atLeast: 0.5 },
      },
      [...baseline.rounds, ...normalizer.rounds],
    ),
  ]);
  removeFreshStore(seeded.env);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
