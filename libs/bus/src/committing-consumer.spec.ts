import type { ConsumerConfig, Kafka } from 'kafkajs';
import { CommittingConsumer, FETCH_WAIT_MS } from './committing-consumer';

/** A stand-in for kafkajs's consumer: only what construction and stopping touch. */
function fakeKafka(disconnect: () => Promise<void>) {
  const configs: ConsumerConfig[] = [];
  const kafka = {
    consumer: (config: ConsumerConfig) => {
      configs.push(config);
      return {
        on: () => () => undefined,
        events: {},
        disconnect,
        commitOffsets: () => Promise.resolve(),
      };
    },
  } as unknown as Kafka;
  return { kafka, configs };
}

describe('CommittingConsumer', () => {
  it('fetches with a short wait, so an idle member leaves its group quickly', () => {
    const { kafka, configs } = fakeKafka(() => Promise.resolve());
    new CommittingConsumer(kafka, { groupId: 'g', topics: ['t'] });
    new CommittingConsumer(kafka, { groupId: 'g', topics: ['t'], fetchWaitMs: 200 });
    expect(configs.map((c) => c.maxWaitTimeInMs)).toEqual([FETCH_WAIT_MS, 200]);
    expect(FETCH_WAIT_MS).toBeLessThan(5_000); // kafkajs' default, which every stop waited through
  });

  it('joins under a group instance id only when given one (static membership)', () => {
    const { kafka, configs } = fakeKafka(() => Promise.resolve());
    new CommittingConsumer(kafka, { groupId: 'g', topics: ['t'] });
    new CommittingConsumer(kafka, { groupId: 'g', topics: ['t'], groupInstanceId: 'normalizer-1' });
    expect(configs.map((c) => c.groupInstanceId)).toEqual([undefined, 'normalizer-1']);
  });

  it('resolves true once kafkajs has left the group', async () => {
    let left = false;
    const { kafka } = fakeKafka(async () => void (left = true));
    await expect(new CommittingConsumer(kafka, { groupId: 'g', topics: ['t'] }).stop(1_000)).resolves.toBe(
      true,
    );
    expect(left).toBe(true);
  });

  it('stops waiting for a disconnect that never ends (kafkajs#1147), and says so', async () => {
    const { kafka } = fakeKafka(() => new Promise<void>(() => undefined));
    const consumer = new CommittingConsumer(kafka, { groupId: 'g', topics: ['t'] });
    const started = Date.now();
    await expect(consumer.stop(50)).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a disconnect that fails is not a timeout: stopping goes on without a warning', async () => {
    const { kafka } = fakeKafka(() => Promise.reject(new Error('connection closed')));
    await expect(new CommittingConsumer(kafka, { groupId: 'g', topics: ['t'] }).stop(1_000)).resolves.toBe(
      true,
    );
  });
});
