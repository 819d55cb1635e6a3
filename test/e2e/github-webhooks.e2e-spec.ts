import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { deterministicEventId, TOPICS } from '@app/bus';
import { signWebhook } from '@app/providers';
import { corpusDeliveries, githubEventOf, githubExamples } from '@app/sandbox';
import { createRecordValidator } from '@app/unified-models';
import {
  seedStore,
  startIngest,
  startNormalizerApp,
  type SeededStore,
  githubConnection,
  GITHUB_WEBHOOK_SCHEME,
} from '../support/stack';
import { TopicRecorder, type RecordedMessage } from '../support/topic-recorder';

const brokers = process.env.KAFKA_BROKERS as string;
let connectionId = '';
let seeded: SeededStore;
const secret = `whsec-${randomUUID()}`;

interface Delivery {
  label: string;
  event: string;
  deliveryId: string;
  body: Buffer;
  payload: Record<string, unknown>;
}

function delivery(label: string, event: string, payload: Record<string, unknown>, raw?: Buffer): Delivery {
  return {
    label,
    event,
    deliveryId: randomUUID(),
    body: raw ?? Buffer.from(JSON.stringify(payload)),
    payload,
  };
}

function post(
  url: string,
  d: Delivery,
  overrides: Record<string, string | undefined> = {},
  target = connectionId,
) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': d.event,
    'x-github-delivery': d.deliveryId,
    'x-hub-signature-256': signWebhook(GITHUB_WEBHOOK_SCHEME, secret, d.body),
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return fetch(`${url}/webhooks/${target}`, { method: 'POST', headers, body: d.body });
}

const isAboutPullRequest = (payload: Record<string, unknown>): boolean =>
  typeof payload.issue === 'object' && payload.issue !== null && 'pull_request' in payload.issue;

/** GitHub's `issues.pinned` example omits `state`: an issue without `closed_at` is open. */
const stateOf = (issue: { state?: string; closed_at?: string | null }): string =>
  issue.state ?? (issue.closed_at ? 'closed' : 'open');

const expectedType = (event: string, action: string): string =>
  event === 'issues'
    ? `ticketing.ticket.${action === 'opened' ? 'created' : ['deleted', 'transferred'].includes(action) ? 'deleted' : 'updated'}`
    : `ticketing.comment.${action === 'created' ? 'created' : action === 'deleted' ? 'deleted' : 'updated'}`;

describe('GitHub webhooks end to end (ingest → Kafka → normalizer → unified topics)', () => {
  let ingest: { app: NestFastifyApplication; url: string };
  let normalizer: INestApplicationContext;
  let recorder: TopicRecorder;
  beforeAll(async () => {
    seeded = await seedStore([githubConnection(secret, { owner: 'Codertocat', repo: 'Hello-World' })]);
    connectionId = seeded.connectionIds[0];
    recorder = new TopicRecorder(brokers, [TOPICS.tickets, TOPICS.comments, TOPICS.dlq], (m) =>
      JSON.stringify(m.json).includes(connectionId),
    );
    ingest = await startIngest({ KAFKA_BROKERS: brokers, ...seeded.env });
    normalizer = await startNormalizerApp({ KAFKA_BROKERS: brokers, ...seeded.env });
    await recorder.start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await normalizer?.close();
    await ingest?.app.close();
  });

  const eventsFor = (deliveryId: string): RecordedMessage[] =>
    recorder.messages.filter((m) => m.json.deliveryid === deliveryId && m.topic !== TOPICS.dlq);

  it('turns official GitHub examples and real corpus deliveries into unified CloudEvents', async () => {
    const official = [
      ...githubExamples('issues').filter((e) =>
        ['opened', 'edited', 'deleted', 'labeled', 'assigned', 'reopened'].includes(e.action),
      ),
      ...githubExamples('issue_comment'),
    ].map((e) => delivery(`octokit ${e.event}.${e.action}`, e.event, e.payload));
    const corpus = corpusDeliveries('github').map((f) =>
      delivery(`corpus ${f.name}`, githubEventOf(f), f.json as Record<string, unknown>, f.raw),
    );
    expect(corpus.some((d) => d.payload.action === 'closed')).toBe(true);
    // GitHub sends issues and issue_comment events for pull requests too; they are not tickets.
    const dropped = corpus.filter((d) => isAboutPullRequest(d.payload));
    expect(dropped.length).toBeGreaterThan(0);
    const deliveries = [...official, ...corpus.filter((d) => !dropped.includes(d))];

    for (const d of [...deliveries, ...dropped]) {
      const response = await post(ingest.url, d);
      expect({ label: d.label, status: response.status }).toEqual({ label: d.label, status: 202 });
      expect(await response.json()).toEqual({ status: 'accepted', deliveryId: d.deliveryId });
    }
    // Same connection → same raw partition → handled in order: once the sentinel's event is out, every
    // dropped delivery before it has been handled too.
    const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
    const sentinel = delivery('sentinel', 'issues', opened.payload);
    expect((await post(ingest.url, sentinel)).status).toBe(202);
    await recorder.waitFor(() => [...deliveries, sentinel].every((d) => eventsFor(d.deliveryId).length > 0));
    for (const d of dropped) {
      const anything = recorder.messages.filter(
        (m) =>
          m.json.deliveryid === d.deliveryId ||
          (m.json.original as { deliveryId?: string } | undefined)?.deliveryId === d.deliveryId,
      );
      expect({ label: d.label, published: anything }).toEqual({ label: d.label, published: [] });
    }

    const validTicket = createRecordValidator('tickets');
    const validComment = createRecordValidator('comments');
    for (const d of deliveries) {
      const events = eventsFor(d.deliveryId);
      expect(events).toHaveLength(1);
      const [message] = events;
      const event = message.json as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const action = String(d.payload.action);
      expect(event).toMatchObject({
        specversion: '1.0',
        type: expectedType(d.event, action),
        source: `/connections/${connectionId}`,
        datacontenttype: 'application/json',
        tenantid: seeded.tenantId,
        connectionid: connectionId,
        provider: 'github',
      });
      const record = event.data;
      expect(message.key).toBe(`${connectionId}:${record.id}`);
      expect(event.id).toBe(
        deterministicEventId({
          connectionId,
          deliveryId: d.deliveryId,
          entity: d.event === 'issues' ? 'ticket' : 'comment',
          remoteId: record.id,
        }),
      );

      if (d.event === 'issues') {
        const issue = d.payload.issue as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        expect(message.topic).toBe(TOPICS.tickets);
        expect(validTicket(record)).toMatchObject({ valid: true });
        expect(record).toMatchObject({
          id: String(issue.number),
          number: String(issue.number),
          name: issue.title,
          description: issue.body ?? null,
          ticket_url: issue.html_url,
          created_at: issue.created_at,
          updated_at: issue.updated_at,
          completed_at: issue.closed_at ?? null,
          created_by: { id: String(issue.user.id), name: issue.user.login, type: 'user' },
          status: {
            id: stateOf(issue),
            category: stateOf(issue) === 'open' ? 'open' : expect.stringMatching(/done|cancelled/),
          },
          workspace: { id: issue.repository_url.split('/repos/')[1] },
        });
        expect(record.tags.map((t: { name: string }) => t.name)).toEqual(
          (issue.labels ?? []).map((l: { name: string }) => l.name),
        );
        expect(record.assignees.map((a: { id: string }) => a.id)).toEqual(
          (issue.assignees ?? []).map((a: { id: number }) => String(a.id)),
        );
        expect(record.remote_data).toEqual(issue);
      } else {
        const comment = d.payload.comment as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        expect(message.topic).toBe(TOPICS.comments);
        expect(validComment(record)).toMatchObject({ valid: true });
        expect(record).toMatchObject({
          id: String(comment.id),
          body: comment.body,
          author: { id: String(comment.user.id), name: comment.user.login, type: 'user' },
          ticket: { id: String((d.payload.issue as { number: number }).number) },
          is_private: false,
          created_at: comment.created_at,
        });
      }
    }
  });

  it('refuses bad input with a clear JSON error and publishes nothing for it', async () => {
    const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
    const wrongSignature = delivery('wrong signature', 'issues', opened.payload);
    const missingSignature = delivery('missing signature', 'issues', opened.payload);
    const unknownConnection = delivery('unknown connection', 'issues', opened.payload);
    const notJson = delivery('not json', 'issues', {}, Buffer.from('{"action": "opened",'));
    const tooLarge = delivery('too large', 'issues', { action: 'opened', padding: 'x'.repeat(1024 * 1024) });
    const unmapped = delivery('unmapped event type', 'star', {
      action: 'created',
      starred_at: '2026-01-01T00:00:00Z',
    });

    const cases: [Delivery, Promise<Response>, number, RegExp][] = [
      [
        wrongSignature,
        post(ingest.url, wrongSignature, {
          'x-hub-signature-256': signWebhook(GITHUB_WEBHOOK_SCHEME, 'not-the-secret', wrongSignature.body),
        }),
        401,
        /signature/i,
      ],
      [
        missingSignature,
        post(ingest.url, missingSignature, { 'x-hub-signature-256': undefined }),
        401,
        /signature/i,
      ],
      [unknownConnection, post(ingest.url, unknownConnection, {}, 'no-such-connection'), 404, /connection/i],
      [notJson, post(ingest.url, notJson), 400, /JSON/],
      [tooLarge, post(ingest.url, tooLarge), 413, /large/i],
    ];
    for (const [d, pending, status, message] of cases) {
      const response = await pending;
      const body = (await response.json()) as { statusCode: number; error: string; message: string };
      expect({ label: d.label, status: response.status }).toEqual({ label: d.label, status });
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(body.statusCode).toBe(status);
      expect(typeof body.error).toBe('string');
      expect(body.message).toMatch(message);
    }

    // Just under the 1 MiB limit: accepted and published whole.
    const nearLimit = delivery('near the size limit', 'issues', {
      ...opened.payload,
      issue: { ...(opened.payload.issue as object), body: 'x'.repeat(1024 * 1024 - 20_000) },
    });
    expect((await post(ingest.url, nearLimit)).status).toBe(202);

    const unmappedResponse = await post(ingest.url, unmapped);
    expect(unmappedResponse.status).toBe(202);

    // Same connection → same raw partition → processed in order: once the sentinel's event is out,
    // every earlier delivery has been handled.
    const sentinel = delivery('sentinel', 'issues', opened.payload);
    expect((await post(ingest.url, sentinel)).status).toBe(202);
    await recorder.waitFor(() => eventsFor(sentinel.deliveryId).length === 1);
    expect(eventsFor(nearLimit.deliveryId)).toHaveLength(1);
    expect(
      (eventsFor(nearLimit.deliveryId)[0].json.data as { description: string }).description,
    ).toHaveLength(1024 * 1024 - 20_000);

    // A provider's redelivery of the same delivery id: 200, nothing published again.
    const replay = await post(ingest.url, sentinel);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: 'duplicate', deliveryId: sentinel.deliveryId });
    const after = delivery('after the replay', 'issues', opened.payload);
    expect((await post(ingest.url, after)).status).toBe(202);
    await recorder.waitFor(() => eventsFor(after.deliveryId).length === 1);
    expect(eventsFor(sentinel.deliveryId)).toHaveLength(1);

    const metrics = await (await fetch(`${ingest.url}/metrics`)).text();
    expect(metrics).toMatch(
      /ingest_webhooks_duplicates_total\{provider="github",app="webhook-ingest"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /ingest_webhooks_rejected_total\{provider="github",reason="bad_signature",app="webhook-ingest"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /ingest_webhooks_rejected_total\{provider="unknown",reason="unknown_connection",app="webhook-ingest"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /ingest_webhooks_published_total\{provider="github",app="webhook-ingest"\} [1-9]/,
    );
    expect(metrics).toMatch(/ingest_webhook_duration_seconds_bucket/);

    const dead = recorder.messages.filter(
      (m) =>
        m.topic === TOPICS.dlq &&
        (m.json.original as { deliveryId?: string })?.deliveryId === unmapped.deliveryId,
    );
    expect(dead).toHaveLength(1);
    expect(dead[0].json).toMatchObject({
      code: 'unmapped_event',
      reason: expect.stringContaining('x-github-event=star'),
    });
    for (const d of [wrongSignature, missingSignature, unknownConnection, notJson, tooLarge, unmapped]) {
      expect({ label: d.label, events: eventsFor(d.deliveryId) }).toEqual({ label: d.label, events: [] });
    }
  });

  it('answers 503 with Retry-After when the broker cannot acknowledge, and publishes nothing', async () => {
    const offline = await startIngest({
      KAFKA_BROKERS: '127.0.0.1:1',
      ...seeded.env,
      INGEST_PUBLISH_TIMEOUT_MS: '1500',
    });
    try {
      const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
      const d = delivery('broker down', 'issues', opened.payload);
      const started = Date.now();
      const response = await post(offline.url, d);
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await response.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(eventsFor(d.deliveryId)).toEqual([]);
    } finally {
      await offline.app.close();
    }
  });
});
