import type { Kafka, Producer } from 'kafkajs';

export interface OutboundMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
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

/**
 * An idempotent producer that waits for all in-sync replicas (acks -1). `publish` resolves only
 * once the broker acknowledged, which is what lets ingest answer 2xx and the normalizer commit.
 */
export class ReliableProducer {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly sendTimeoutMs = 5_000,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
    });
  }

  async publish(topic: string, messages: OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      await this.withDeadline(this.ensureConnected());
      await this.withDeadline(this.producer.send({ topic, acks: -1, messages }));
    } catch (error) {
      this.connected = undefined; // reconnect on the next call
      throw new PublishFailedError(topic, error);
    }
  }

  /** Several topics in one call; resolves when every write is acknowledged. */
  async publishAll(batches: { topic: string; messages: OutboundMessage[] }[]): Promise<void> {
    const nonEmpty = batches.filter((b) => b.messages.length > 0);
    if (nonEmpty.length === 0) return;
    try {
      await this.withDeadline(this.ensureConnected());
      await this.withDeadline(this.producer.sendBatch({ acks: -1, topicMessages: nonEmpty }));
    } catch (error) {
      this.connected = undefined;
      throw new PublishFailedError(nonEmpty.map((b) => b.topic).join(','), error);
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }

  private ensureConnected(): Promise<void> {
    this.connected ??= this.producer.connect();
    return this.connected;
  }

  private withDeadline<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no acknowledgement within ${this.sendTimeoutMs} ms`)),
        this.sendTimeoutMs,
      );
      promise.then(
        (v) => (clearTimeout(timer), resolve(v)),
        (e: unknown) => (clearTimeout(timer), reject(e)),
      );
    });
  }
}
