/**
 * The two Kafka clients under evaluation, behind the same three operations the bus needs: an idempotent
 * producer (acks all, one request in flight: both clients force that with idempotence), and a group
 * consumer that hands over messages and commits an offset when told to. Nothing here is tuned for either
 * side: both use their library's defaults for fetching (minBytes 1, maxWait 5 s) and the same settings
 * where the bus sets one.
 */
import { Kafka, logLevel } from 'kafkajs';
import { useNativeCrc32c } from '@app/bus';
import {
  Consumer,
  Producer,
  stringDeserializers,
  stringSerializers,
  type Message as PlatformaticMessage,
} from '@platformatic/kafka';

export const CLIENTS = ['kafkajs', 'platformatic'] as const;
export type ClientName = (typeof CLIENTS)[number];

export interface BusMessage {
  key: string;
  value: string;
}

/** A consumed message, and how to commit the group's offset past it. */
export interface ConsumedMessage extends BusMessage {
  partition: number;
  commit(): Promise<void>;
}

export interface BenchClient {
  /** Resolves once the broker acknowledged every message (acks all). */
  send(topic: string, messages: BusMessage[]): Promise<void>;
  /** Subscribes a new group from the earliest offset; `onMessages` gets what each fetch brought. */
  consume(
    topic: string,
    groupId: string,
    onMessages: (messages: ConsumedMessage[]) => Promise<void>,
  ): Promise<void>;
  close(): Promise<void>;
}

/** `partitions`: how many partitions kafkajs hands out at once (the normalizer: all of them). */
export function benchClient(name: ClientName, brokers: string[], partitions: number): BenchClient {
  return name === 'kafkajs' ? kafkajsClient(brokers, partitions) : platformaticClient(brokers);
}

function kafkajsClient(brokers: string[], partitions: number): BenchClient {
  useNativeCrc32c(); // as the bus's kafkajs runs
  const kafka = new Kafka({ clientId: 'bench-kafka-clients', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumers: ReturnType<Kafka['consumer']>[] = [];
  let connected: Promise<void> | undefined;
  return {
    async send(topic, messages) {
      await (connected ??= producer.connect());
      await producer.send({ topic, acks: -1, messages });
    },
    async consume(topic, groupId, onMessages) {
      const consumer = kafka.consumer({ groupId });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        // As the normalizer runs: every partition handled at once, each in order.
        partitionsConsumedConcurrently: partitions,
        // Offsets are resolved (the next fetch moves on) once a batch was handled; committed when told.
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch }) => {
          const handed = batch.messages.map((m) => ({
            key: m.key?.toString() ?? '',
            value: m.value?.toString() ?? '',
            partition: batch.partition,
            commit: async () => {
              await consumer.commitOffsets([
                { topic, partition: batch.partition, offset: (BigInt(m.offset) + 1n).toString() },
              ]);
            },
          }));
          await onMessages(handed);
        },
      });
    },
    async close() {
      await Promise.all(consumers.map((c) => c.disconnect()));
      await producer.disconnect();
    },
  };
}

function platformaticClient(brokers: string[]): BenchClient {
  const producer = new Producer({
    clientId: 'bench-kafka-clients',
    bootstrapBrokers: brokers,
    serializers: stringSerializers,
    idempotent: true,
    acks: -1,
  });
  const consumers: Consumer<string, string, string, string>[] = [];
  const streams: { close(): Promise<void> }[] = [];
  return {
    async send(topic, messages) {
      await producer.send({ messages: messages.map((m) => ({ topic, key: m.key, value: m.value })) });
    },
    async consume(topic, groupId, onMessages) {
      const consumer = new Consumer({
        clientId: 'bench-kafka-clients',
        groupId,
        bootstrapBrokers: brokers,
        deserializers: stringDeserializers,
        autocommit: false,
      });
      consumers.push(consumer);
      const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
      streams.push(stream);
      // The stream hands over one message at a time and keeps fetching meanwhile (its prefetch).
      stream.on('data', (m: PlatformaticMessage<string, string, string, string>) => {
        void onMessages([
          { key: m.key, value: m.value, partition: m.partition, commit: () => Promise.resolve(m.commit()) },
        ]);
      });
    },
    async close() {
      await Promise.all(streams.map((s) => s.close()));
      await Promise.all(consumers.map((c) => c.close(true)));
      await producer.close();
    },
  };
}
