import { Partitioners, type ICustomPartitioner, type RecordMetadata } from 'kafkajs';

/**
 * Checks that the broker acknowledged every partition a batch was written to. kafkajs 2.2.4 can resolve a
 * `sendBatch` without writing some of its messages: when a request to one broker fails and the retry finds
 * that partition's new leader among the brokers that already answered the first attempt, it skips that
 * broker and the partition's messages are silently dropped (seen in the fleet test: a broker revived, one
 * partition's events of a run missing, the run committed). Knowing the partition kafkajs chose for each
 * message (the default partitioner, wrapped), a write whose partition is absent from the answer is treated
 * as not acknowledged, so the caller retries as for any failed write (same event ids).
 */
export class PartitionAcks {
  private readonly chosen = new WeakMap<object, number>();

  /** kafkajs's default partitioner, remembering its choice per message object. */
  readonly partitioner: ICustomPartitioner = () => {
    const choose = Partitioners.DefaultPartitioner();
    return (args) => {
      const partition = choose(args);
      this.chosen.set(args.message, partition);
      return partition;
    };
  };

  /** `topic/partition` of every message whose partition the answer does not acknowledge. */
  unacknowledged(
    written: readonly { topic: string; messages: readonly object[] }[],
    answer: readonly RecordMetadata[],
  ): string[] {
    const acknowledged = new Set(
      answer.filter((r) => r.errorCode === 0).map((r) => `${r.topicName}/${r.partition}`),
    );
    const missing = new Set<string>();
    for (const { topic, messages } of written)
      for (const message of messages) {
        const target = `${topic}/${this.chosen.get(message) ?? '?'}`;
        if (!acknowledged.has(target)) missing.add(target);
      }
    return [...missing];
  }
}
