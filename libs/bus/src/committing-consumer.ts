import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
}

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

/** Handles a run of consecutive messages of one partition; resolves once all its output is acknowledged. */
export type BatchHandler = (messages: ConsumedMessage[]) => Promise<void>;

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  /** Most messages handed to one BatchHandler call (and committed together). */
  maxBatchSize?: number;
}

/**
 * Runs a handler for the consumed messages and commits their offsets only after the handler resolved, i.e.
 * after everything it produced was acknowledged. A handler that throws leaves the offset uncommitted, so the
 * message is consumed again (at-least-once); consumers downstream deduplicate on the event id.
 */
export class CommittingConsumer {
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly options: ConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
    });
  }

  async start(handler: MessageHandler): Promise<void> {
    await this.startBatches(async (messages) => {
      for (const message of messages) await handler(message);
    });
  }

  /**
   * Hands runs of up to `maxBatchSize` messages to the handler and commits after each run, so throughput
   * does not pay one commit per message. A rebalance (stale batch) stops the run before more work is done
   * on partitions this member may no longer own.
   */
  async startBatches(handler: BatchHandler): Promise<void> {
    const chunkSize = this.options.maxBatchSize ?? 100;
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
        for (let i = 0; i < batch.messages.length; i += chunkSize) {
          if (!isRunning() || isStale()) return;
          const chunk = batch.messages.slice(i, i + chunkSize).map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString('utf8') ?? null,
            value: m.value?.toString('utf8') ?? '',
          }));
          await handler(chunk);
          const last = chunk[chunk.length - 1].offset;
          resolveOffset(last);
          // Kafka's committed offset is the NEXT offset to read.
          await this.consumer.commitOffsets([
            { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
          ]);
          await heartbeat();
        }
      },
    });
  }

  /** Resolves once the consumer has joined its group and owns partitions. */
  waitUntilJoined(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('consumer did not join its group in time')), timeoutMs);
      const remove = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        remove();
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}
