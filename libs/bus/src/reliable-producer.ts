import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import { PartitionAcks } from './partition-acks';
import { Logger } from '@nestjs/common';
import { settlesWithin, withDeadline } from './deadline';

export interface OutboundMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** One request to the broker, for metrics: messages per topic, how long until acknowledged, or failed. */
export interface SentBatch {
  messages: Record<string, number>;
  seconds: number;
  failed: boolean;
}

/** Raised when the broker did not acknowledge a write; callers answer 503 or retry, never drop. */
export class PublishFailedError extends Error {
  constructor(
    readonly topic: string,
    cause: unknown,
  ) {
    super(
      `Kafka did not acknowledge the write to ${topic}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'PublishFailedError';
  }
}

/** A queued write: `acked` settles with the broker's answer; `abandon` withdraws it if not yet sent. */
export interface PendingWrite {
  acked: Promise<void>;
  /** True when the write was withdrawn before it reached the broker (it will never be published). */
  abandon(): boolean;
}

interface QueuedWrite {
  topic: string;
  messages: OutboundMessage[];
  state: 'queued' | 'sending' | 'abandoned';
  resolve(): void;
  reject(error: unknown): void;
}

const MAX_WRITES_PER_BATCH = 500;
/** Well under the broker's default maximum message size (1 MiB) once framing is added. */
const MAX_BATCH_BYTES = 768 * 1024;

/** 10 s: a disconnect normally takes milliseconds; past this, stopping goes on without it. */
export const DISCONNECT_TIMEOUT_MS = 10_000;

const LOGGER = new Logger('ReliableProducer');

/**
 * An idempotent producer that waits for all in-sync replicas (acks -1). Concurrent writes are coalesced
 * into one request per round trip (kafkajs keeps one request in flight for idempotence), so throughput
 * comes from batching, not from parallel requests. A caller that stops waiting withdraws its write if it
 * has not been sent yet: during an outage, requests that were already answered 503 do not pile up and
 * flood the broker with duplicates when it comes back.
 */
export class ReliableProducer {
  /** Replaced after every failed send: see `startNewSession`. */
  private producer: Producer;
  private connected?: Promise<void>;
  private readonly queue: QueuedWrite[] = [];
  private flushing = false;
  private readonly sendListeners: ((sent: SentBatch) => void)[] = [];
  private readonly partitionAcks = new PartitionAcks();

  constructor(
    private readonly kafka: Kafka,
    private readonly sendTimeoutMs = 5_000,
  ) {
    this.producer = this.newProducer();
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
      createPartitioner: this.partitionAcks.partitioner,
    });
  }

  /** Queues a write; see PendingWrite. */
  enqueue(topic: string, messages: OutboundMessage[]): PendingWrite {
    let write!: QueuedWrite;
    const acked = new Promise<void>((resolve, reject) => {
      write = { topic, messages, state: 'queued', resolve, reject };
    });
    this.queue.push(write);
    void this.flush();
    return {
      acked,
      abandon: () => {
        if (write.state !== 'queued') return write.state === 'abandoned';
        write.state = 'abandoned';
        write.reject(new PublishFailedError(topic, new Error('withdrawn before it was sent')));
        return true;
      },
    };
  }

  /**
   * Connects now, in the background, instead of on the first write: an idempotent producer's connect asks
   * the broker for a producer id, and on a fresh 3-broker cluster (its transaction coordinator still
   * loading) that took 2.5 s, which the first writes waited through. Not repeated after a failed send: a
   * broker that is down would be asked again and again. A failed warm-up leaves the next write to connect
   * on a new session. Resolves true once connected.
   */
  warmUp(): Promise<boolean> {
    const session = this.producer;
    const connecting = (this.connected ??= session.connect());
    return connecting.then(
      () => true,
      () => {
        // A write that waited on the same connect has already started a new session.
        if (this.producer === session) this.startNewSession();
        return false;
      },
    );
  }

  /** Resolves once acknowledged; rejects (and withdraws the write if still queued) after the send timeout. */
  async publish(topic: string, messages: OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const pending = this.enqueue(topic, messages);
    await withDeadline(pending.acked, this.sendTimeoutMs, () => pending.abandon()).catch((error: unknown) => {
      throw error instanceof PublishFailedError ? error : new PublishFailedError(topic, error);
    });
  }

  /** Several topics in one call; resolves when every write is acknowledged. */
  async publishAll(batches: { topic: string; messages: OutboundMessage[] }[]): Promise<void> {
    const nonEmpty = batches.filter((b) => b.messages.length > 0);
    if (nonEmpty.length === 0) return;
    const pending = nonEmpty.map((b) => this.enqueue(b.topic, b.messages));
    await withDeadline(Promise.all(pending.map((p) => p.acked)), this.sendTimeoutMs, () =>
      pending.forEach((p) => p.abandon()),
    ).catch((error: unknown) => {
      throw error instanceof PublishFailedError
        ? error
        : new PublishFailedError(nonEmpty.map((b) => b.topic).join(','), error);
    });
  }

  /** Called after every request to the broker (metrics); a listener must not throw. */
  onSend(listener: (sent: SentBatch) => void): void {
    this.sendListeners.push(listener);
  }

  private reportSend(batch: QueuedWrite[], started: bigint, failed: boolean): void {
    if (this.sendListeners.length === 0) return;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const messages: Record<string, number> = {};
    for (const write of batch) messages[write.topic] = (messages[write.topic] ?? 0) + write.messages.length;
    for (const listener of this.sendListeners) listener({ messages, seconds, failed });
  }

  /**
   * Closes the connections; if kafkajs had not within `timeoutMs`, says so and resolves false (a
   * process that must stop does not hang on its client).
   */
  async disconnect(timeoutMs = DISCONNECT_TIMEOUT_MS): Promise<boolean> {
    const done = await settlesWithin(this.producer.disconnect(), timeoutMs);
    if (!done) LOGGER.warn({ msg: 'Kafka producer did not disconnect in time; stopping without it' });
    return done;
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        if (batch.length === 0) continue;
        for (const write of batch) write.state = 'sending';
        const started = process.hrtime.bigint();
        try {
          this.connected ??= this.producer.connect();
          await this.connected;
          const topicMessages = byTopic(batch);
          const answer = await this.producer.sendBatch({ acks: -1, topicMessages });
          const dropped = this.partitionAcks.unacknowledged(topicMessages, answer);
          if (dropped.length > 0)
            throw new Error(
              `no acknowledgement for ${dropped.join(', ')} (dropped by the client on a retry)`,
            );
          this.reportSend(batch, started, false);
          for (const write of batch) write.resolve();
        } catch (error) {
          this.reportSend(batch, started, true);
          this.startNewSession();
          for (const write of batch) write.reject(new PublishFailedError(write.topic, error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * A failed send is never followed by another send of the same idempotent session. When a produce
   * request fails, kafkajs gives its sequence numbers back (it counts them down again) although the
   * broker may have appended the batch (a response lost to a dying broker, a timeout): the next batch
   * would then go out with the sequence numbers of one already in the log, and a broker answers such a
   * batch as an acknowledged duplicate without writing it — a silent loss if it holds the same number of
   * records — or refuses everything after it as out of order. A new producer gets a new producer id from
   * the broker, so its sequences cannot collide with the old session's. The failed writes were rejected
   * (callers answer 503 or retry); if they did land, the retry is a duplicate with the same event ids.
   */
  private startNewSession(): void {
    const failed = this.producer;
    this.producer = this.newProducer();
    this.connected = undefined;
    void failed.disconnect().catch(() => undefined);
  }

  /**
   * The next writes to send together, bounded in count and bytes: a broker refuses a record batch over
   * its maximum message size, and one oversized batch would fail every write in it.
   */
  private takeBatch(): QueuedWrite[] {
    const batch: QueuedWrite[] = [];
    let bytes = 0;
    while (this.queue.length > 0 && batch.length < MAX_WRITES_PER_BATCH) {
      const next = this.queue[0];
      if (next.state !== 'queued') {
        this.queue.shift();
        continue;
      }
      const size = next.messages.reduce(
        (sum, m) => sum + Buffer.byteLength(m.value) + Buffer.byteLength(m.key),
        0,
      );
      if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
      batch.push(this.queue.shift() as QueuedWrite);
      bytes += size;
    }
    return batch;
  }
}

function byTopic(writes: QueuedWrite[]): TopicMessages[] {
  const grouped = new Map<string, OutboundMessage[]>();
  for (const write of writes) {
    const messages = grouped.get(write.topic) ?? [];
    messages.push(...write.messages);
    grouped.set(write.topic, messages);
  }
  return [...grouped].map(([topic, messages]) => ({ topic, messages }));
}
