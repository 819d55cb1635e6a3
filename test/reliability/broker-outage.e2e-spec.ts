import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { deterministicEventId, TOPICS } from '@app/bus';
import { signWebhook } from '@app/providers';
import { githubExamples } from '@app/sandbox';
import { startServer, type RunningServer } from '../support/child-app';
import { seedStore, githubConnection, GITHUB_WEBHOOK_SCHEME } from '../support/stack';
import { startGroupAtEnd, TopicRecorder } from '../support/topic-recorder';
import { closeInTurn } from '../support/close-in-turn';
import { assertLocalBroker, startBroker, stopBroker } from './broker-control';
import { compareEventSets } from './event-sets';
import { sendSteadily, sleep } from './retrying-provider';

const COUNT = Number(process.env.RELIABILITY_DELIVERIES ?? 5000);
const RATE = Number(process.env.RELIABILITY_RATE ?? 250);

describe('reliability: the broker stops for 10 s in the middle of a steady stream of webhooks', () => {
  jest.setTimeout(300_000);
  const brokers = process.env.KAFKA_BROKERS as string;
  // The apps run in their own processes, as in production: a close that hangs (one did, in CI, with
  // both in the test's process) is then bounded as an orchestrator bounds it, and named.
  let normalizer: RunningServer | undefined;
  let ingest: RunningServer | undefined;
  let recorder: TopicRecorder | undefined;

  afterAll(async () => {
    await closeInTurn([
      ['broker start', () => startBroker()], // whatever happened, leave the broker running for the next tests
      ['recorder', () => recorder?.stop()],
      ['normalizer', () => normalizer?.stop()],
      ['ingest', () => ingest?.stop()],
    ]);
  });

  it('yields exactly one set of unified events for every distinct delivery id', async () => {
    assertLocalBroker();
    const secret = `s-${randomUUID()}`;
    const seeded = await seedStore([githubConnection(secret)]);
    const connectionId = seeded.connectionIds[0];
    const env = { KAFKA_BROKERS: brokers, ...seeded.env, LOG_LEVEL: 'error' };
    const running = await startServer('test/support/ingest-process.ts', {
      ...env,
      INGEST_PUBLISH_TIMEOUT_MS: '1000',
      INGEST_RETRY_AFTER_SECONDS: '1',
    });
    ingest = running;
    const groupId = `reliability-outage-${randomUUID()}`;
    await startGroupAtEnd(new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }), groupId, [
      TOPICS.rawWebhooks,
    ]);
    normalizer = await startServer('test/support/normalizer-process.ts', {
      ...env,
      NORMALIZER_GROUP_ID: groupId,
    });
    recorder = new TopicRecorder(brokers, [TOPICS.tickets], (m) => m.json.connectionid === connectionId);
    await recorder.start();

    const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
    const deliveries = Array.from({ length: COUNT }, (_, i) => {
      const payload = {
        ...opened.payload,
        issue: { ...(opened.payload.issue as object), number: i + 1, title: `Outage ticket ${i + 1}` },
      };
      return { id: randomUUID(), number: String(i + 1), body: Buffer.from(JSON.stringify(payload)) };
    });
    const sending = sendSteadily({
      count: COUNT,
      ratePerSecond: RATE,
      request: (i) => ({
        url: `${running.url}/webhooks/${connectionId}`,
        body: deliveries[i].body,
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': deliveries[i].id,
          'x-hub-signature-256': signWebhook(GITHUB_WEBHOOK_SCHEME, secret, deliveries[i].body),
        },
      }),
    });
    await sleep(((COUNT / RATE) * 1000) / 4);
    const outageStarted = Date.now();
    stopBroker();
    await sleep(10_000);
    startBroker();
    const outageMs = Date.now() - outageStarted;
    const report = await sending;

    const expected = new Map(
      deliveries.map((d) => [
        d.id,
        deterministicEventId({ connectionId, deliveryId: d.id, entity: 'ticket', remoteId: d.number }),
      ]),
    );
    await recorder.waitFor((all) => new Set(all.map((m) => m.json.deliveryid)).size >= COUNT, 180_000);
    const { idsByDelivery, wrong, distinctEvents } = compareEventSets(recorder.messages, expected);
    console.log(
      `[reliability] broker outage: ${COUNT} deliveries at ${RATE}/s, broker down ${(outageMs / 1000).toFixed(1)} s; ` +
        `${report.attempts} HTTP attempts ${JSON.stringify(report.byStatus)}; gave up ${report.gaveUp.length}; ` +
        `${recorder.messages.length} events read, ${distinctEvents} distinct ids, ${idsByDelivery.size} delivery ids, ${wrong.length} wrong or missing`,
    );
    expect(report.gaveUp).toEqual([]);
    expect(report.byStatus['503'] ?? 0).toBeGreaterThan(0); // the outage was felt, and answered 503
    expect(wrong).toEqual([]);
    expect(idsByDelivery.size).toBe(COUNT);
    expect(distinctEvents).toBe(COUNT);
  });
});
