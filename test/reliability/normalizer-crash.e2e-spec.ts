import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { deterministicEventId, TOPICS } from '@app/bus';
import { signWebhook } from '@app/providers';
import { githubExamples } from '@app/sandbox';
import { startServer, type RunningServer } from '../support/child-app';
import { seedStore, startIngest, githubConnection, GITHUB_WEBHOOK_SCHEME } from '../support/stack';
import { startGroupAtEnd, TopicRecorder } from '../support/topic-recorder';
import { compareEventSets } from './event-sets';
import { sendSteadily } from './retrying-provider';

const COUNT = Number(process.env.RELIABILITY_CRASH_DELIVERIES ?? 3000);

describe('reliability: the normalizer is killed (SIGKILL) mid-stream and restarted', () => {
  jest.setTimeout(300_000);
  const brokers = process.env.KAFKA_BROKERS as string;
  let normalizer: RunningServer | undefined;
  let closeIngest: (() => Promise<void>) | undefined;
  let recorder: TopicRecorder | undefined;

  afterAll(async () => {
    await normalizer?.stop();
    await recorder?.stop();
    await closeIngest?.();
  });

  it('loses no event, and every redelivered event carries the same id', async () => {
    const secret = `s-${randomUUID()}`;
    const seeded = await seedStore([githubConnection(secret)]);
    const connectionId = seeded.connectionIds[0];
    const groupId = `reliability-normalizer-${randomUUID()}`;
    await startGroupAtEnd(new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }), groupId, [
      TOPICS.rawWebhooks,
    ]);
    const env = { KAFKA_BROKERS: brokers, ...seeded.env, NORMALIZER_GROUP_ID: groupId, LOG_LEVEL: 'error' };
    const ingest = await startIngest({ KAFKA_BROKERS: brokers, ...seeded.env });
    closeIngest = () => ingest.app.close();
    recorder = new TopicRecorder(brokers, [TOPICS.comments], (m) => m.json.connectionid === connectionId);
    await recorder.start();

    // Everything is accepted first (the raw topic holds the backlog), then the normalizer works through it.
    const [created] = githubExamples('issue_comment').filter((e) => e.action === 'created');
    const deliveries = Array.from({ length: COUNT }, (_, i) => {
      const payload = {
        ...created.payload,
        comment: { ...(created.payload.comment as object), id: 900_000 + i, body: `crash test ${i}` },
      };
      return { id: randomUUID(), remoteId: String(900_000 + i), body: Buffer.from(JSON.stringify(payload)) };
    });
    const report = await sendSteadily({
      count: COUNT,
      ratePerSecond: 1000,
      request: (i) => ({
        url: `${ingest.url}/webhooks/${connectionId}`,
        body: deliveries[i].body,
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issue_comment',
          'x-github-delivery': deliveries[i].id,
          'x-hub-signature-256': signWebhook(GITHUB_WEBHOOK_SCHEME, secret, deliveries[i].body),
        },
      }),
    });
    expect(report.gaveUp).toEqual([]);

    normalizer = await startServer('test/support/normalizer-process.ts', env);
    const firstRun = await recorder.waitFor((all) => all.length >= COUNT / 10, 120_000);
    const seenBeforeCrash = firstRun.length;
    await normalizer.kill();
    const lagAtCrash = await lagOf(brokers, groupId);
    normalizer = await startServer('test/support/normalizer-process.ts', env);

    const expected = new Map(
      deliveries.map((d) => [
        d.id,
        deterministicEventId({ connectionId, deliveryId: d.id, entity: 'comment', remoteId: d.remoteId }),
      ]),
    );
    await recorder.waitFor((all) => new Set(all.map((m) => m.json.deliveryid)).size >= COUNT, 180_000);
    const { idsByDelivery, wrong, distinctEvents } = compareEventSets(recorder.messages, expected);
    const redelivered = recorder.messages.length - distinctEvents;
    console.log(
      `[reliability] normalizer crash: ${COUNT} deliveries; killed after ${seenBeforeCrash} events; ` +
        `${lagAtCrash} raw deliveries left uncommitted; ` +
        `${recorder.messages.length} events read, ${redelivered} redelivered (same ids), ${wrong.length} wrong or missing`,
    );
    expect(wrong).toEqual([]);
    expect(idsByDelivery.size).toBe(COUNT);
    expect(lagAtCrash).toBeGreaterThan(0); // the kill really happened mid-stream
  });
});

/** Raw deliveries the group has not committed yet. */
async function lagOf(brokers: string, groupId: string): Promise<number> {
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(TOPICS.rawWebhooks);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [TOPICS.rawWebhooks] });
    return ends.reduce((lag, end) => {
      const at = committed.partitions.find((p) => p.partition === end.partition)?.offset ?? '0';
      return lag + Math.max(0, Number(end.high) - Math.max(0, Number(at)));
    }, 0);
  } finally {
    await admin.disconnect();
  }
}
