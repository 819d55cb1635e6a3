import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type GroupDescription } from 'kafkajs';
import { TOPICS } from '@app/bus';
import { signWebhook } from '@app/providers';
import { githubExamples } from '@app/sandbox';
import { waitUntil } from '../dispatch/dispatch-support';
import { startServer, type RunningServer } from '../support/child-app';
import { freePort } from '../support/gateway';
import { seedStore, startIngest, githubConnection, GITHUB_WEBHOOK_SCHEME } from '../support/stack';
import { startGroupAtEnd, TopicRecorder } from '../support/topic-recorder';
import { describeGroup } from './group-assignments';

/** Far longer than a restart takes, so a takeover that waited for the dead member's session cannot pass. */
const SESSION_TIMEOUT_MS = 45_000;
/** What a restarted member may take, kill to event, under ts-node on a busy 2-core machine. */
const TAKEOVER_LIMIT_MS = 25_000;

/**
 * Static group membership (KAFKA_GROUP_INSTANCE_ID, Kafka's KIP-345, sent by kafkajs through
 * patches/kafkajs+2.2.4.patch). Without it, a normalizer SIGKILLed and restarted at once still leaves its
 * partitions, and so its connections' events, waiting for the dead member's whole session timeout: the
 * fleet test measured 30–40 s without any event.
 */
describe('reliability: a normalizer restarted under its group instance id takes over at once', () => {
  jest.setTimeout(300_000);
  const brokers = process.env.KAFKA_BROKERS as string;
  const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const running: RunningServer[] = [];
  let closeIngest: (() => Promise<void>) | undefined;
  let recorder: TopicRecorder | undefined;
  let post: (n: number) => Promise<string>;
  let env: Record<string, string>;
  let groupId: string;

  const startNormalizer = async (instanceId: string, extra: Record<string, string> = {}) => {
    const normalizer = await startServer('test/support/normalizer-process.ts', {
      ...env,
      ...extra,
      KAFKA_GROUP_INSTANCE_ID: instanceId,
    });
    running.push(normalizer);
    return normalizer;
  };
  const eventOf = (deliveryId: string, timeoutMs: number) =>
    recorder!.waitFor((all) => all.some((m) => m.json.deliveryid === deliveryId), timeoutMs);
  const membersOf = () => describeGroup(kafka, groupId);

  beforeEach(async () => {
    const secret = `s-${randomUUID()}`;
    const seeded = await seedStore([githubConnection(secret)]);
    const connectionId = seeded.connectionIds[0];
    groupId = `static-membership-${randomUUID()}`;
    await startGroupAtEnd(kafka, groupId, [TOPICS.rawWebhooks]);
    env = {
      KAFKA_BROKERS: brokers,
      ...seeded.env,
      NORMALIZER_GROUP_ID: groupId,
      KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      LOG_LEVEL: 'error',
    };
    const ingest = await startIngest({ KAFKA_BROKERS: brokers, ...seeded.env });
    closeIngest = () => ingest.app.close();
    recorder = new TopicRecorder(brokers, [TOPICS.comments], (m) => m.json.connectionid === connectionId);
    await recorder.start();
    const [created] = githubExamples('issue_comment').filter((e) => e.action === 'created');
    post = async (n: number) => {
      const id = randomUUID();
      const body = Buffer.from(
        JSON.stringify({ ...created.payload, comment: { ...(created.payload.comment as object), id: n } }),
      );
      const answer = await fetch(`${ingest.url}/webhooks/${connectionId}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issue_comment',
          'x-github-delivery': id,
          'x-hub-signature-256': signWebhook(GITHUB_WEBHOOK_SCHEME, secret, body),
        },
      });
      expect(answer.status).toBe(202);
      return id;
    };
  });

  afterEach(async () => {
    for (const normalizer of running.splice(0)) await normalizer.stop();
    await recorder?.stop();
    await closeIngest?.();
  });

  it('gives a SIGKILLed member’s partitions to its restart under the same id, not after its session', async () => {
    const first = await startNormalizer('normalizer-1');
    await eventOf(await post(1), 60_000);
    const before = await membersOf();
    expect(before.members).toHaveLength(1);

    await first.kill();
    const killedAt = Date.now();
    const afterKill = await post(2); // accepted while no normalizer runs: it waits on the raw topic
    await startNormalizer('normalizer-1');
    await eventOf(afterKill, TAKEOVER_LIMIT_MS);
    const takeoverMs = Date.now() - killedAt;

    // The restart replaced the dead member (a new member id under the same instance id), not joined beside it.
    const after = await membersOf();
    console.log(
      `[reliability] static membership: event of a delivery posted after the SIGKILL read ${takeoverMs} ms ` +
        `after the kill (session timeout ${SESSION_TIMEOUT_MS} ms); group ${after.state} with ${after.members.length} member(s)`,
    );
    expect(takeoverMs).toBeLessThan(TAKEOVER_LIMIT_MS);
    expect(after.members).toHaveLength(1);
    expect(after.members[0].memberId).not.toBe(before.members[0].memberId);
  });

  it('still hands a cleanly stopped member’s partitions on at once (a static member leaves when it stops)', async () => {
    const leaving = await startNormalizer('normalizer-1');
    await startNormalizer('normalizer-2');
    let group: GroupDescription | undefined;
    const groupHas = (members: number) => async () => {
      group = await membersOf();
      return group.state === 'Stable' && group.members.length === members;
    };
    await waitUntil(groupHas(2), 60_000, () => `for 2 members: ${JSON.stringify(group)}`);

    await leaving.stop();
    running.splice(running.indexOf(leaving), 1);
    // Every partition is the survivor's again long before the session timeout: the stop left the group.
    await waitUntil(
      groupHas(1),
      TAKEOVER_LIMIT_MS,
      () => `for the stopped member to leave: ${JSON.stringify(group)}`,
    );
    await eventOf(await post(3), TAKEOVER_LIMIT_MS);
  });

  it('fences the older of two live instances under one id for good: it stops consuming and says so', async () => {
    const ports = [await freePort(), await freePort()];
    const readiness = async (port: number) => {
      const answer = await fetch(`http://127.0.0.1:${port}/health/ready`);
      return { status: answer.status, body: JSON.stringify(await answer.json()) };
    };
    await startNormalizer('normalizer-1', { HEALTH_PORT: String(ports[0]) });
    await eventOf(await post(4), 60_000);
    await startNormalizer('normalizer-1', { HEALTH_PORT: String(ports[1]) }); // a misconfigured second copy

    // The older one's next heartbeat is refused (FENCED_INSTANCE_ID); it must not rejoin and fence the newer
    // one in turn, or the two would take the partitions from each other for ever.
    await waitUntil(
      async () => (await readiness(ports[0])).status === 503,
      TAKEOVER_LIMIT_MS,
      () => 'for the older instance to report not ready',
    );
    await new Promise((r) => setTimeout(r, 10_000)); // several heartbeats: still the newer one's group
    const [older, newer] = [await readiness(ports[0]), await readiness(ports[1])];
    console.log(`[reliability] static membership, a duplicate id: older ${older.body}; newer ${newer.body}`);
    expect(older.status).toBe(503);
    expect(older.body).toContain('crashed');
    expect(newer.status).toBe(200);
    expect((await membersOf()).members).toHaveLength(1);
    await eventOf(await post(5), TAKEOVER_LIMIT_MS);
  });
});
