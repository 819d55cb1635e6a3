import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { ALL_TOPICS, ensureTopics, withDeadline } from '@app/bus';

export interface RecordedMessage {
  topic: string;
  partition: number;
  key: string | null;
  value: string;
  json: Record<string, unknown>;
  /** When the producer wrote it (the record's CreateTime, ms since the epoch). */
  timestamp: number;
}

/**
 * Reads topics from the beginning in a throw-away consumer group and keeps what passes the filter, so a
 * test can wait for the messages its own deliveries caused on a broker shared with other runs.
 */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly brokers: string,
    private readonly topics: string[],
    private readonly keep: (m: RecordedMessage) => boolean,
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'e2e-recorder',
      brokers: this.brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const groupId = `e2e-recorder-${randomUUID()}`;
    // Start at the current end of each topic: only what this test causes matters, and a broker shared
    // with earlier runs and benchmarks may hold a long history.
    await startGroupAtEnd(kafka, groupId, this.topics);
    // A short fetch wait: stopping waits for the fetch in progress.
    this.consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: false });
    const joined = new Promise<void>((resolve) => {
      const off = this.consumer!.on(this.consumer!.events.GROUP_JOIN, () => (off(), resolve()));
    });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const value = message.value?.toString('utf8') ?? '';
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(value) as Record<string, unknown>;
        } catch {
          /* kept as text */
        }
        const recorded = {
          topic,
          partition,
          key: message.key?.toString('utf8') ?? null,
          value,
          json,
          timestamp: Number(message.timestamp),
        };
        if (this.keep(recorded)) this.messages.push(recorded);
      },
    });
    await joined;
  }

  async waitFor(
    predicate: (all: RecordedMessage[]) => boolean,
    timeoutMs = 30_000,
  ): Promise<RecordedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for messages; recorded ${this.messages.length} so far`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.messages;
  }

  /** Bounded: a kafkajs member stuck rejoining can keep its disconnect waiting for good (kafkajs#1147). */
  async stop(): Promise<void> {
    if (this.consumer)
      await withDeadline(this.consumer.disconnect(), 15_000, undefined, 'recorder: no disconnect');
  }
}

/**
 * Commits the latest offsets for a new consumer group, so it starts at the end without a race (a consumer
 * told to start at the "latest" offset resolves it only when it joins, after the test may have produced).
 *
 * One short-lived member joins the group, handling nothing, and commits all the ends in one request.
 * Not kafkajs' admin.setOffsets: it joins the group once per topic and waits for a fetch round (about 5 s)
 * each time, so the 20 topics a dispatcher consumes took about 100 s here.
 */
export async function startGroupAtEnd(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: { topic: string; partitions: { partition: number; offset: string }[] }[];
  try {
    // Explicit high watermarks: kafkajs' resetOffsets commits -1, which a consumer reads as "no offset"
    // and then starts from the beginning.
    await ensureTopics(
      kafka,
      ALL_TOPICS.filter((t) => topics.includes(t.topic)),
    );
    ends = await Promise.all(
      topics.map(async (topic) => ({
        topic,
        // On a cluster just started, kafkajs may throw a TypeError here (a topic's metadata without its
        // partitions yet): retried like a refusal while leaders move.
        partitions: (await whileLeadersMove(() => admin.fetchTopicOffsets(topic), true)).map((p) => ({
          partition: p.partition,
          offset: p.high,
        })),
      })),
    );
  } finally {
    await admin.disconnect();
  }
  await commitAsMember(kafka, groupId, ends);
}

/** Joins the group once, consuming nothing, commits the given offsets and leaves. */
async function commitAsMember(
  kafka: Kafka,
  groupId: string,
  offsets: { topic: string; partitions: { partition: number; offset: string }[] }[],
): Promise<void> {
  // A short fetch wait: stopping waits for the fetch in progress.
  const member = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  await member.connect();
  try {
    await member.subscribe({ topics: offsets.map((t) => t.topic), fromBeginning: false });
    const joined = new Promise<void>((resolve) => {
      const off = member.on(member.events.GROUP_JOIN, () => (off(), resolve()));
    });
    // Whatever it fetches meanwhile (nothing: with no committed offset it starts at the end) is neither
    // handled nor committed. Not paused: kafkajs' pause throws while the group restarts after a failed
    // first join (a cluster whose coordinator is still being elected), which run() does not wait for.
    await member.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    await joined;
    await whileLeadersMove(
      () =>
        member.commitOffsets(
          offsets.flatMap(({ topic, partitions }) => partitions.map((p) => ({ topic, ...p }))),
        ),
      true, // also "not initialized" while the group restarts after a failed join
    );
  } finally {
    await member.disconnect();
  }
}

/**
 * Retries what a broker refuses while it is still electing leaders (a test before may have just
 * restarted it: "not the leader for that topic-partition"), for up to a minute; with `anyError`, whatever
 * the call throws (kafkajs' own errors on a cluster that is still starting).
 */
async function whileLeadersMove<T>(call: () => Promise<T>, anyError = false): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const retriable = anyError || (error as { retriable?: boolean }).retriable === true;
      if (!retriable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
