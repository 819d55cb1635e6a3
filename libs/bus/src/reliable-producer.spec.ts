import type { Kafka, ProducerConfig, ProducerBatch, RecordMetadata } from 'kafkajs';
import { PublishFailedError, ReliableProducer } from './reliable-producer';

const metadata = [0, 1].map((partitionId) => ({
  partitionId,
  leader: 1,
  partitionErrorCode: 0,
  replicas: [1],
  isr: [1],
}));

/**
 * A stand-in for kafkajs's producer (the broker is not what is tested here): it partitions through the
 * partitioner it was given and answers each batch as the broker would, or fails while `failing` is set.
 */
class FakeProducer {
  readonly sent: string[] = [];
  connects = 0;
  disconnected = false;
  failing = false;

  constructor(private readonly config: ProducerConfig) {}

  async connect(): Promise<void> {
    this.connects += 1;
  }
  async disconnect(): Promise<void> {
    this.disconnected = true;
  }
  async sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    if (this.failing) throw new Error('Connection error: connect ECONNREFUSED');
    const partition = this.config.createPartitioner!();
    const answer: RecordMetadata[] = [];
    for (const { topic, messages } of batch.topicMessages ?? []) {
      for (const message of messages) {
        answer.push({
          topicName: topic,
          partition: partition({ topic, partitionMetadata: metadata, message }),
          errorCode: 0,
        });
        this.sent.push(String(message.value));
      }
    }
    return answer;
  }
}

function fakeKafka() {
  const producers: FakeProducer[] = [];
  const kafka = {
    producer: (config: ProducerConfig) => {
      const producer = new FakeProducer(config);
      producers.push(producer);
      return producer;
    },
  } as unknown as Kafka;
  return { kafka, producers };
}

const write = (value: string) => [{ key: 'con_1', value }];

describe('ReliableProducer', () => {
  it('keeps one idempotent session while sends succeed', async () => {
    const { kafka, producers } = fakeKafka();
    const producer = new ReliableProducer(kafka);
    await producer.publish('t', write('a'));
    await producer.publish('t', write('b'));
    expect(producers).toHaveLength(1);
    expect(producers[0].sent).toEqual(['a', 'b']);
    expect(producers[0].connects).toBe(1);
  });

  it('never sends again on a session whose send failed: the next write goes out on a new producer', async () => {
    const { kafka, producers } = fakeKafka();
    const producer = new ReliableProducer(kafka);
    await producer.publish('t', write('a'));
    producers[0].failing = true;
    await expect(producer.publish('t', write('b'))).rejects.toBeInstanceOf(PublishFailedError);
    // kafkajs gave back the failed batch's sequence numbers: reusing the session could make the broker
    // take a new batch for the failed one and acknowledge it unwritten.
    expect(producers).toHaveLength(2);
    expect(producers[0].disconnected).toBe(true);

    await producer.publish('t', write('c'));
    expect(producers[0].sent).toEqual(['a']);
    expect(producers[1].sent).toEqual(['c']);
    expect(producers[1].connects).toBe(1);
  });

  it('connects on warm-up, so the first write does not wait for the connect', async () => {
    const { kafka, producers } = fakeKafka();
    const producer = new ReliableProducer(kafka);
    await expect(producer.warmUp()).resolves.toBe(true);
    expect(producers[0].connects).toBe(1);
    await producer.publish('t', write('a'));
    expect(producers[0].connects).toBe(1);
    expect(producers[0].sent).toEqual(['a']);
  });

  it('leaves the next write to connect on a new session after a failed warm-up', async () => {
    const { kafka, producers } = fakeKafka();
    const producer = new ReliableProducer(kafka);
    producers[0].connect = () => Promise.reject(new Error('no broker'));
    await expect(producer.warmUp()).resolves.toBe(false);
    expect(producers).toHaveLength(2);
    expect(producers[0].disconnected).toBe(true);
    expect(producers[1].connects).toBe(0); // no connect again until a write asks for one
    await producer.publish('t', write('a'));
    expect(producers[1].connects).toBe(1);
    expect(producers[1].sent).toEqual(['a']);
  });

  it('starts a new session after a failed connect too', async () => {
    const { kafka, producers } = fakeKafka();
    const producer = new ReliableProducer(kafka);
    producers[0].connect = () => Promise.reject(new Error('no broker'));
    await expect(producer.publish('t', write('a'))).rejects.toBeInstanceOf(PublishFailedError);
    await producer.publish('t', write('b'));
    expect(producers).toHaveLength(2);
    expect(producers[1].sent).toEqual(['b']);
  });

  it('stops waiting for a disconnect that never ends, and says so', async () => {
    const { kafka, producers } = fakeKafka();
    const producer = new ReliableProducer(kafka);
    await expect(producer.disconnect(50)).resolves.toBe(true);
    producers[0].disconnect = () => new Promise<void>(() => undefined);
    const started = Date.now();
    await expect(producer.disconnect(50)).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
