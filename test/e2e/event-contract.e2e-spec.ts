import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Parser, type Diagnostic } from '@asyncapi/parser';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CloudEvent } from 'cloudevents';
import { parse } from 'yaml';
import {
  createEventValidator,
  eventTypesOf,
  topicContracts,
  TOPICS,
  type AsyncApiDocument,
  type EventValidationError,
} from '@app/bus';
import { signWebhook } from '@app/providers';
import { corpusDeliveries, githubEventOf } from '@app/sandbox';
import {
  seedStore,
  startIngest,
  startNormalizerApp,
  type SeededStore,
  githubConnection,
  GITHUB_WEBHOOK_SCHEME,
} from '../support/stack';
import { TopicRecorder } from '../support/topic-recorder';

const ASYNCAPI_YAML = readFileSync(path.resolve(__dirname, '../../docs/asyncapi.yaml'), 'utf8');
const EVENT_TYPES = topicContracts().flatMap(eventTypesOf);
/**
 * What GitHub's issue and comment deliveries become: the ticket and comment changes (connection events
 * come from token refreshes, `synced` from snapshots, the other resources from other deliveries).
 */
const CHANGE_EVENT_TYPES = topicContracts()
  .filter((c) => c.kind === 'change-events')
  .flatMap(eventTypesOf)
  .filter((type) => /^ticketing\.(ticket|comment)\.(created|updated|deleted)$/.test(type));

describe('the AsyncAPI document (docs/asyncapi.yaml)', () => {
  it('parses and validates with the official AsyncAPI parser without errors or warnings', async () => {
    const { document, diagnostics } = await new Parser().parse(ASYNCAPI_YAML);
    const problems = diagnostics
      .filter((d: Diagnostic) => d.severity <= 1) // 0 error, 1 warning (2 information, 3 hint)
      .map((d: Diagnostic) => `${d.code} at ${d.path.join('/')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();
    expect(document?.version()).toBe('3.0.0');
    expect(document?.servers().get('local')?.protocol()).toBe('kafka');
  });

  it('covers every topic of TOPICS and every event type, seen through the parser', async () => {
    const { document } = await new Parser().parse(ASYNCAPI_YAML);
    const channels = document?.channels().all() ?? [];
    expect(channels.map((c) => c.address()).sort()).toEqual(Object.values(TOPICS).sort());
    for (const channel of channels) {
      const actions = channel
        .operations()
        .all()
        .map((o) => o.action());
      expect({ topic: channel.address(), actions: actions.sort() }).toEqual({
        topic: channel.address(),
        actions: ['receive', 'send'],
      });
      for (const message of channel.messages().all()) {
        expect(message.bindings().get('kafka')?.value()).toHaveProperty('key');
      }
    }
    const names = (document?.messages().all() ?? []).map((m) => m.name());
    expect(names).toEqual(expect.arrayContaining([...EVENT_TYPES, 'RawWebhookRecord', 'DeadLetterRecord']));
    expect(EVENT_TYPES).toEqual(
      expect.arrayContaining(
        ['ticket', 'comment'].flatMap((e) =>
          ['created', 'updated', 'deleted'].map((a) => `ticketing.${e}.${a}`),
        ),
      ),
    );
  });
});

describe('every message the stack produces matches the AsyncAPI document', () => {
  const brokers = process.env.KAFKA_BROKERS as string;
  const secret = `whsec-${randomUUID()}`;
  let seeded: SeededStore;
  let connectionId = '';
  let ingest: { app: NestFastifyApplication; url: string };
  let normalizer: INestApplicationContext;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    seeded = await seedStore([githubConnection(secret, { owner: 'Codertocat', repo: 'Hello-World' })]);
    connectionId = seeded.connectionIds[0];
    recorder = new TopicRecorder(brokers, Object.values(TOPICS), (m) => m.value.includes(connectionId));
    ingest = await startIngest({ KAFKA_BROKERS: brokers, ...seeded.env });
    normalizer = await startNormalizerApp({ KAFKA_BROKERS: brokers, ...seeded.env });
    await recorder.start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await normalizer?.close();
    await ingest?.app.close();
  });

  async function post(event: string, body: Buffer): Promise<string> {
    const deliveryId = randomUUID();
    const response = await fetch(`${ingest.url}/webhooks/${connectionId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': deliveryId,
        'x-hub-signature-256': signWebhook(GITHUB_WEBHOOK_SCHEME, secret, body),
      },
      body,
    });
    expect({ event, status: response.status }).toEqual({ event, status: 202 });
    return deliveryId;
  }

  it('validates every raw, unified and dead-letter message of the GitHub corpus deliveries', async () => {
    const corpus = corpusDeliveries('github');
    expect(corpus.length).toBeGreaterThan(10);
    const posted: string[] = [];
    for (const file of corpus) {
      posted.push(await post(githubEventOf(file), file.raw));
    }
    // An event the definition does not map: a dead letter, so the DLQ is checked too.
    const unmapped = await post(
      'star',
      Buffer.from('{"action":"created","starred_at":"2026-01-01T00:00:00Z"}'),
    );
    posted.push(unmapped);
    // Same connection → same raw partition → handled in order: once the sentinel's event is out,
    // everything posted before it was handled.
    const sentinel = await post('issues', corpus.find((f) => f.name === 'issues.opened.json')!.raw);
    posted.push(sentinel);
    await recorder.waitFor((all) =>
      all.some((m) => m.topic === TOPICS.tickets && m.json.deliveryid === sentinel),
    );
    await recorder.waitFor(
      (all) =>
        all.filter((m) => m.topic === TOPICS.rawWebhooks).length >= posted.length &&
        all.some((m) => m.topic === TOPICS.dlq && m.value.includes(unmapped)),
      10_000,
    );

    const validate = createEventValidator({ document: parse(ASYNCAPI_YAML) as AsyncApiDocument });
    const failures: { topic: string; key: string | null; errors: EventValidationError[] }[] = [];
    for (const message of recorder.messages) {
      const result = validate(message.topic, message.value, message.key);
      if (!result.valid) failures.push({ topic: message.topic, key: message.key, errors: result.errors });
      if (message.topic === TOPICS.tickets || message.topic === TOPICS.comments) {
        // The official CloudEvents SDK agrees that the envelope is a valid CloudEvent 1.0.
        expect(() => new CloudEvent(message.json, true)).not.toThrow();
      }
    }
    expect(failures).toEqual([]);

    const byTopic = (topic: string) => recorder.messages.filter((m) => m.topic === topic);
    expect(byTopic(TOPICS.rawWebhooks).map((m) => m.json.deliveryId)).toEqual(posted);
    const types = new Set([...byTopic(TOPICS.tickets), ...byTopic(TOPICS.comments)].map((m) => m.json.type));
    expect([...types].sort()).toEqual([...CHANGE_EVENT_TYPES].sort());
    const deadLetters = byTopic(TOPICS.dlq);
    expect(deadLetters.map((m) => (m.json.original as { deliveryId?: string }).deliveryId)).toEqual([
      unmapped,
    ]);
  });
});
