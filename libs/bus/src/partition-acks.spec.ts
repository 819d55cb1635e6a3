import type { RecordMetadata } from 'kafkajs';
import { PartitionAcks } from './partition-acks';

const metadata = [0, 1, 2].map((partitionId) => ({
  partitionId,
  leader: 1,
  partitionErrorCode: 0,
  replicas: [1],
  isr: [1],
}));
const answerFor = (topic: string, partitions: number[], errorCode = 0): RecordMetadata[] =>
  partitions.map((partition) => ({ topicName: topic, partition, errorCode }));

describe('PartitionAcks', () => {
  const messages = Array.from({ length: 30 }, (_, i) => ({ key: `con:${i}`, value: `{"n":${i}}` }));

  function choose(acks: PartitionAcks): Map<number, number> {
    const partition = acks.partitioner();
    const counts = new Map<number, number>();
    for (const message of messages) {
      const p = partition({ topic: 't', partitionMetadata: metadata, message });
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    return counts;
  }

  it('accepts an answer that acknowledges every partition the messages went to', () => {
    const acks = new PartitionAcks();
    const used = [...choose(acks).keys()];
    expect(used.length).toBeGreaterThan(1); // the keys spread over partitions
    expect(acks.unacknowledged([{ topic: 't', messages }], answerFor('t', used))).toEqual([]);
  });

  it("names a partition kafkajs wrote to but the broker's answer leaves out (a dropped retry)", () => {
    const acks = new PartitionAcks();
    const [dropped, ...kept] = [...choose(acks).keys()].sort();
    expect(acks.unacknowledged([{ topic: 't', messages }], answerFor('t', kept))).toEqual([`t/${dropped}`]);
  });

  it('treats a partition answered with an error code as not acknowledged', () => {
    const acks = new PartitionAcks();
    const used = [...choose(acks).keys()].sort();
    const answer = [...answerFor('t', used.slice(1)), ...answerFor('t', used.slice(0, 1), 6)];
    expect(acks.unacknowledged([{ topic: 't', messages }], answer)).toEqual([`t/${used[0]}`]);
  });
});
