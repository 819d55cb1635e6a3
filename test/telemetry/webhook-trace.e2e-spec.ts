import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, ensureTopics, TOPICS } from '@app/bus';
import { signWebhook } from '@app/providers';
import { githubExamples } from '@app/sandbox';
import { DISPATCHER_TOPICS } from '../../apps/dispatcher/src/dispatcher.module';
import { startServer, type RunningServer } from '../support/child-app';
import { freshStoreEnv, openE2eStore } from '../support/e2e-store';
import { freePort } from '../support/gateway';
import { startOtlpReceiver, until, type ReceivedSpan } from '../support/otlp-receiver';
import { githubConnection, GITHUB_WEBHOOK_SCHEME } from '../support/stack';
import { startGroupAtEnd } from '../support/topic-recorder';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

/** A subscriber that keeps the headers of every delivery it is sent. */
function startSubscriber(): Promise<{ server: Server; url: string; received: Record<string, string>[] }> {
  const received: Record<string, string>[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(request.headers as Record<string, string>);
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received }),
    ),
  );
}

/**
 * One signed webhook through webhook-ingest, the normalizer and the dispatcher, each its own process
 * exporting spans over OTLP/HTTP (JSON) to a receiver in the test, as an operator's collector would get
 * them: one trace id from the ingest's SERVER span to the dispatcher's POST to the subscriber, each span
 * the child of the one before, and the subscriber is sent the POST span's `traceparent`. The workers'
 * health ports answer ready and count the event on `/metrics`.
 */
describe('tracing: one webhook is one trace across ingest, normalizer and dispatcher', () => {
  jest.setTimeout(180_000);
  const processes: RunningServer[] = [];
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;
  let subscriber: Awaited<ReturnType<typeof startSubscriber>> | undefined;

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    otlp?.server.closeAllConnections();
    otlp?.server.close();
    subscriber?.server.closeAllConnections();
    subscriber?.server.close();
  });

  it('links the spans of every app into one trace and hands its traceparent to the subscriber', async () => {
    const kafka = new Kafka({ brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });
    await ensureTopics(kafka, ALL_TOPICS);
    otlp = await startOtlpReceiver();
    subscriber = await startSubscriber();
    const storeEnv = freshStoreEnv('trace-e2e');
    const secret = `s-${randomUUID()}`;
    const store = await openE2eStore(storeEnv);
    const tenant = await store.tenants.create({ name: 'traced' });
    const connectionId = (await store.connections.create(tenant.id, githubConnection(secret))).id;
    await store.subscriptions.create(tenant.id, {
      url: subscriber.url,
      event_types: ['ticketing.comment.created'],
      connection_id: connectionId,
      secret: `whsec_${randomBytes(32).toString('base64')}`,
    });
    await store.close();

    const normalizerGroup = `trace-normalizer-${randomUUID()}`;
    const dispatcherGroup = `trace-dispatcher-${randomUUID()}`;
    await startGroupAtEnd(kafka, normalizerGroup, [TOPICS.rawWebhooks]);
    await startGroupAtEnd(kafka, dispatcherGroup, DISPATCHER_TOPICS);
    const env = {
      ...storeEnv,
      KAFKA_BROKERS: BROKERS,
      LOG_LEVEL: 'error',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      NORMALIZER_GROUP_ID: normalizerGroup,
      DISPATCH_GROUP_ID: dispatcherGroup,
      DISPATCH_ALLOW_HTTP: 'true',
      DISPATCH_ALLOWED_HOSTS: '127.0.0.1',
      DISPATCH_POLL_INTERVAL_MS: '100',
    };
    // The workers' health servers, where /metrics is served too.
    const health = { normalizer: await freePort(), dispatcher: await freePort() };
    for (const entry of ['normalizer', 'dispatcher'] as const) {
      const own = { HEALTH_PORT: String(health[entry]), HEALTH_HOST: '127.0.0.1' };
      processes.push(await startServer(`test/support/${entry}-process.ts`, { ...env, ...own }));
    }
    processes.push(await startServer('test/support/ingest-process.ts', env));
    const ingestUrl = processes[2].url;

    const [created] = githubExamples('issue_comment').filter((e) => e.action === 'created');
    const body = Buffer.from(JSON.stringify(created.payload));
    const answer = await fetch(`${ingestUrl}/webhooks/${connectionId}`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issue_comment',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': signWebhook(GITHUB_WEBHOOK_SCHEME, secret, body),
      },
    });
    expect(answer.status).toBe(202);

    const delivered = await until('the subscriber to be sent the event', () => subscriber!.received[0]);
    const spans = otlp.spans;
    const one = (what: string, match: (s: ReceivedSpan) => boolean) =>
      until(what, () => {
        const found = spans.filter(match);
        return found.length > 0 ? found : undefined;
      });
    const [server] = await one(
      'the ingest SERVER span',
      (s) => s.scope === 'webhook-ingest' && s.kind === SERVER,
    );
    const [post] = await one(
      'the dispatcher POST span',
      (s) => s.scope === 'dispatcher' && s.kind === CLIENT,
    );
    const trace = (await one('the whole trace', (s) => s.traceId === server.traceId)).filter(
      (s) => s.traceId === server.traceId,
    );
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const chain: ReceivedSpan[] = [];
    for (let span: ReceivedSpan | undefined = post; span; span = byId.get(span.parentSpanId))
      chain.push(span);

    // From the subscriber's POST back to the root: every hop is the child of the one before it.
    expect(chain.reverse().map((s) => [s.service, s.scope, s.kind, s.name])).toEqual([
      ['webhook-ingest', 'webhook-ingest', SERVER, 'POST /webhooks/:connectionId'],
      ['normalizer', 'normalizer', CONSUMER, `process ${TOPICS.rawWebhooks}`],
      ['normalizer', 'normalizer', PRODUCER, `create ${TOPICS.comments}`],
      ['dispatcher', 'dispatcher', CONSUMER, `process ${TOPICS.comments}`],
      ['dispatcher', 'dispatcher', CLIENT, 'POST'],
    ]);
    expect(server.parentSpanId).toBe('');
    expect(post.traceId).toBe(server.traceId);
    expect(server.attributes['http.response.status_code']).toBe(202);
    expect(post.attributes['http.response.status_code']).toBe(204);
    // The subscriber can continue the trace: it was sent the POST span's own context.
    expect(delivered.traceparent).toBe(`00-${post.traceId}-${post.spanId}-01`);

    // Both workers are ready (members of their groups) and count what they did on their health port.
    const metricsOf = async (port: number) => {
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    };
    expect(await metricsOf(health.normalizer)).toMatch(
      new RegExp(`bus_producer_messages_total\\{topic="${TOPICS.comments}",app="normalizer"\\} 1\\b`),
    );
    expect(await metricsOf(health.dispatcher)).toMatch(
      /dispatcher_delivery_attempts_total\{outcome="delivered",app="dispatcher"\} 1\b/,
    );
  });
});
