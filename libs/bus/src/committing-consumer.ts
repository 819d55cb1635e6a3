import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
}

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
}

/**
 * Runs a handler for each message and commits its offset only after the handler resolved, i.e. after
 * everything it produced was acknowledged. A handler that throws leaves the offset uncommitted, so the
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
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async (payload: EachMessagePayload) => {
        const { topic, partition, message } = payload;
        await handler({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? '',
        });
        // Kafka's committed offset is the NEXT offset to read.
        await this.consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
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
