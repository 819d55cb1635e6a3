import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { encodeRawWebhook, TOPICS } from '@app/bus';
import { githubExamples } from '@app/sandbox';
import { BROKERS } from '../dispatch/dispatch-support';
import { openE2eStore } from '../support/e2e-store';
import { githubConnection, seedStore, startNormalizerApp, type SeededStore } from '../support/stack';
import { TopicRecorder } from '../support/topic-recorder';

/**
 * The normalizer keeps the connection a delivery names for NORMALIZER_READ_CACHE_MS (1 s by default)
 * instead of reading it (and opening its credentials) for every delivery. A change written by another
 * process must show within that bound: here a connection deleted straight in the store, after which a
 * delivery for it must be dead-lettered as unknown, not mapped.
 */
describe('normalizer: a connection changed elsewhere shows within its read cache bound', () => {
  let seeded: SeededStore;
  let connectionId: string;
  let normalizer: INestApplicationContext;
  let recorder: TopicRecorder;
  let producer: Producer;

  beforeAll(async () => {
    seeded = await seedStore([githubConnection('normalizer-cache-secret')]);
    connectionId = seeded.connectionIds[0];
    recorder = new TopicRecorder(BROKERS, [TOPICS.tickets, TOPICS.dlq], (m) =>
      JSON.stringify(m.json).includes(connectionId),
    );
    normalizer = await startNormalizerApp({ KAFKA_BROKERS: BROKERS, ...seeded.env });
    await recorder.start();
    producer = new Kafka({ brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await recorder?.stop();
    await normalizer?.close();
  });

  /** Writes a raw record as the ingest would, for this test's connection; returns its delivery id. */
  async function deliver(): Promise<string> {
    const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
    const deliveryId = randomUUID();
    await producer.send({
      topic: TOPICS.rawWebhooks,
      acks: -1,
      messages: [
        {
          key: connectionId,
          value: encodeRawWebhook({
            deliveryId,
            connectionId,
            tenantId: seeded.tenantId,
            provider: 'github',
            receivedAt: new Date().toISOString(),
            headers: { 'x-github-event': 'issues', 'x-github-delivery': deliveryId },
            body: JSON.stringify(opened.payload),
          }),
        },
      ],
    });
    return deliveryId;
  }

  const outcomeOf = (deliveryId: string) =>
    recorder.messages.find(
      (m) =>
        m.json.deliveryid === deliveryId ||
        (m.json.original as { deliveryId?: string } | undefined)?.deliveryId === deliveryId,
    );

  it('maps while the connection exists and dead-letters a delivery sent a bound after its deletion', async () => {
    const before = await deliver();
    await recorder.waitFor(() => outcomeOf(before) !== undefined, 60_000);
    expect(outcomeOf(before)?.topic).toBe(TOPICS.tickets);

    const store = await openE2eStore(seeded.env);
    try {
      await store.connections.delete(seeded.tenantId, connectionId);
    } finally {
      await store.close();
    }
    // The bound is 1 s from the read that filled the cache; a little more for the clock's granularity.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const after = await deliver();
    await recorder.waitFor(() => outcomeOf(after) !== undefined, 60_000);
    expect(outcomeOf(after)?.topic).toBe(TOPICS.dlq);
    expect(outcomeOf(after)?.json).toMatchObject({ code: 'unknown_connection' });
  });
});
