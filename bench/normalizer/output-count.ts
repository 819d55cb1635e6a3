/**
 * What a consumer under test actually produced: the events on its output topic between two offset
 * snapshots, kept when they answer one of the bench's deliveries. Throughput is counted here, on the
 * output, not from committed input offsets: a delivery that was dead-lettered is committed too, but it
 * produced nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

export type Offsets = Map<number, number>;

export async function topicEnds(kafka: Kafka, topic: string): Promise<Offsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

export interface OutputCount {
  /** Broker timestamp (ms) of the first event seen for each delivery id. */
  firstAt: Map<string, number>;
  /** Events for deliveries already seen (a redelivery's second output). */
  duplicates: number;
}

/** Reads `topic` from `from` up to `to` (exclusive) and counts the events whose deliveryid is in `deliveries`. */
export async function countOutput(
  kafka: Kafka,
  topic: string,
  from: Offsets,
  to: Offsets,
  deliveries: ReadonlySet<string>,
): Promise<OutputCount> {
  const count: OutputCount = { firstAt: new Map(), duplicates: 0 };
  const open = new Set([...to].filter(([p, end]) => end > (from.get(p) ?? 0)).map(([p]) => p));
  if (open.size === 0) return count;
  const groupId = `bench-output-count-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({
    groupId,
    topic,
    partitions: [...to.keys()].map((partition) => ({ partition, offset: String(from.get(partition) ?? 0) })),
  });
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic] });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachBatch: async ({ batch }) => {
          const end = to.get(batch.partition) ?? 0;
          for (const message of batch.messages) {
            if (Number(message.offset) >= end) break;
            const event = JSON.parse(message.value?.toString('utf8') ?? '{}') as { deliveryid?: string };
            const id = event.deliveryid;
            if (id === undefined || !deliveries.has(id)) continue;
            if (count.firstAt.has(id)) count.duplicates += 1;
            else count.firstAt.set(id, Number(message.timestamp));
          }
          if (Number(batch.lastOffset()) >= end - 1) open.delete(batch.partition);
          if (open.size === 0) resolve();
        },
      });
    });
    await withTimeout(done, 120_000, `reading ${topic} did not reach its end`);
  } finally {
    await consumer.disconnect();
  }
  return count;
}

/**
 * Output events per second between the first and the last output: the events stamped at the first
 * instant were done when the clock started, so they are not counted.
 */
export function outputRate(stamps: Iterable<number>): number {
  const sorted = [...stamps].sort((a, b) => a - b);
  if (sorted.length < 2) return Number.NaN;
  const [first, last] = [sorted[0], sorted[sorted.length - 1]];
  const after = sorted.filter((t) => t > first).length;
  return last > first ? after / ((last - first) / 1000) : Number.NaN;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
