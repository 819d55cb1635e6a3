import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { TOPICS } from '@app/bus';
import { ProviderRegistry, signWebhook } from '@app/providers';
import { githubExamples } from '@app/sandbox';
import { githubConnection, seedStore, startIngest, startNormalizerApp } from '../support/stack';
import { TopicRecorder } from '../support/topic-recorder';

type Hmac = Parameters<typeof signWebhook>[0];
const registry = new ProviderRegistry();
const github = registry.get('github').webhooks!.verification as Hmac;
const zendesk = registry.get('zendesk').webhooks!.verification as Hmac;

describe('reliability: forged, tampered, stale and replayed deliveries', () => {
  const brokers = process.env.KAFKA_BROKERS as string;
  let normalizer: INestApplicationContext | undefined;
  let closeIngest: (() => Promise<void>) | undefined;
  let recorder: TopicRecorder | undefined;

  afterAll(async () => {
    await recorder?.stop();
    await normalizer?.close();
    await closeIngest?.();
  });

  it('rejects or deduplicates every one of them and publishes none', async () => {
    const secret = `s-${randomUUID()}`;
    const seeded = await seedStore([
      githubConnection(secret),
      {
        provider: 'zendesk',
        settings: { subdomain: 'acme' },
        credentials: { email: 'a@b.c', api_token: 't' },
        webhookSecret: secret,
      },
    ]);
    const [githubConnectionId, zendeskConnectionId] = seeded.connectionIds;
    const ingest = await startIngest({ KAFKA_BROKERS: brokers, ...seeded.env });
    closeIngest = () => ingest.app.close();
    normalizer = await startNormalizerApp({ KAFKA_BROKERS: brokers, ...seeded.env });
    recorder = new TopicRecorder(
      brokers,
      [TOPICS.rawWebhooks, TOPICS.tickets, TOPICS.comments, TOPICS.dlq],
      (m) => [githubConnectionId, zendeskConnectionId].some((c) => m.value.includes(c)),
    );
    await recorder.start();

    const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
    const body = Buffer.from(JSON.stringify(opened.payload));
    const githubPost = (deliveryId: string, payload: Buffer, signature: string) =>
      fetch(`${ingest.url}/webhooks/${githubConnectionId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': deliveryId,
          'x-hub-signature-256': signature,
        },
        body: payload,
      });
    const zendeskPost = (deliveryId: string, payload: Buffer, signedAt: Date, signWith = secret) => {
      const headers: Record<string, string> = {
        'x-zendesk-webhook-signature-timestamp': signedAt.toISOString(),
        'x-zendesk-webhook-invocation-id': deliveryId,
      };
      headers['x-zendesk-webhook-signature'] = signWebhook(zendesk, signWith, payload, headers);
      return fetch(`${ingest.url}/webhooks/${zendeskConnectionId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
      });
    };
    const zendeskBody = Buffer.from(
      JSON.stringify({
        type: 'zen:event-type:ticket.deleted',
        id: randomUUID(),
        detail: { id: '42' },
        event: {},
      }),
    );

    const forged = randomUUID();
    const tampered = randomUUID();
    const stale = randomUUID();
    const future = randomUUID();
    const wrongKey = randomUUID();
    const attempts: [string, Promise<Response>, number][] = [
      [
        'forged (another secret)',
        githubPost(forged, body, signWebhook(github, 'attacker-secret', body)),
        401,
      ],
      [
        'tampered (signature of the original body)',
        githubPost(
          tampered,
          Buffer.from(body.toString().replace('Spelling', 'Spilling')),
          signWebhook(github, secret, body),
        ),
        401,
      ],
      [
        'stale timestamp (10 min old)',
        zendeskPost(stale, zendeskBody, new Date(Date.now() - 10 * 60_000)),
        401,
      ],
      [
        'timestamp from the future',
        zendeskPost(future, zendeskBody, new Date(Date.now() + 10 * 60_000)),
        401,
      ],
      [
        'zendesk signed with another key',
        zendeskPost(wrongKey, zendeskBody, new Date(), 'attacker-secret'),
        401,
      ],
    ];
    for (const [label, pending, status] of attempts) {
      const response = await pending;
      expect({ label, status: response.status }).toEqual({ label, status });
    }

    // A genuine delivery, then its replays: accepted once, deduplicated after.
    const genuine = randomUUID();
    expect((await githubPost(genuine, body, signWebhook(github, secret, body))).status).toBe(202);
    const replays = await Promise.all(
      Array.from({ length: 5 }, () => githubPost(genuine, body, signWebhook(github, secret, body))),
    );
    expect(replays.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);

    // Ordering per connection: once this sentinel is published, everything before it was handled.
    const sentinel = randomUUID();
    expect((await githubPost(sentinel, body, signWebhook(github, secret, body))).status).toBe(202);
    await recorder.waitFor((all) =>
      all.some((m) => m.topic === TOPICS.tickets && m.json.deliveryid === sentinel),
    );

    const published = (id: string) => recorder!.messages.filter((m) => m.value.includes(id));
    for (const id of [forged, tampered, stale, future, wrongKey]) expect(published(id)).toEqual([]);
    expect(published(genuine).filter((m) => m.topic === TOPICS.rawWebhooks)).toHaveLength(1);
    expect(published(genuine).filter((m) => m.topic === TOPICS.tickets)).toHaveLength(1);
    console.log(
      `[reliability] forged/tampered/stale: ${attempts.length} refused with 401, 5 replays answered 200 and not published`,
    );
  });
});
