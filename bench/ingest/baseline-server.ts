/**
 * The baseline for bench/ingest: a bare Fastify route doing the ingest's hot path by hand and nothing else:
 * HMAC-SHA256 over the raw body compared in constant time, the body parsed as JSON, the delivery wrapped in
 * the same raw-webhook record, and a kafkajs write with the ingest's producer settings (idempotent, acks -1,
 * one request in flight) and the ingest's freedom to batch: concurrent deliveries go to the broker together,
 * one request per round trip. Like the ingest, it creates its topic before it serves, and its kafkajs
 * computes record batch checksums natively as the bus's does (useNativeCrc32c).
 */
import Fastify from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, encodeRawWebhook, ensureTopics, TOPICS, useNativeCrc32c } from '@app/bus';

const secret = process.env.BENCH_SECRET ?? 'bench-secret';

async function main(): Promise<void> {
  useNativeCrc32c();
  const kafka = new Kafka({
    clientId: 'bench-baseline',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    logLevel: logLevel.ERROR,
  });
  await ensureTopics(
    kafka,
    ALL_TOPICS.filter((t) => t.topic === TOPICS.rawWebhooks),
  );
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
  await producer.connect();
  const send = coalescing(async (messages: { key: string; value: string }[]) => {
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic: TOPICS.rawWebhooks, messages }] });
  });

  const app = Fastify({ bodyLimit: 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/webhooks/:connectionId', async (request, reply) => {
    const raw = request.body as Buffer;
    const header = String(request.headers['x-hub-signature-256'] ?? '');
    const expected = createHmac('sha256', secret).update(raw).digest();
    const provided = Buffer.from(header.replace(/^sha256=/, ''), 'hex');
    if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
      return reply.status(401).send({ statusCode: 401 });
    }
    const body = raw.toString('utf8');
    try {
      JSON.parse(body);
    } catch {
      return reply.status(400).send({ statusCode: 400 });
    }
    const { connectionId } = request.params as { connectionId: string };
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
    );
    const value = encodeRawWebhook({
      deliveryId: headers['x-github-delivery'],
      connectionId,
      tenantId: 'bench-tenant',
      provider: 'github',
      receivedAt: new Date().toISOString(),
      headers,
      body,
    });
    await send({ key: connectionId, value });
    return reply.status(202).send({ status: 'accepted' });
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`READY ${url}`);
  process.on(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => producer.disconnect())
        .then(() => process.exit(0)),
  );
}

/**
 * Writes sent while a request is on its way wait and leave together in the next one: with one request in
 * flight (idempotence), this is where throughput comes from, as in the ingest's producer.
 */
function coalescing<T>(write: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let waiting: { item: T; resolve(): void; reject(error: unknown): void }[] = [];
  let busy = false;
  const drain = async (): Promise<void> => {
    busy = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      await write(batch.map((w) => w.item)).then(
        () => batch.forEach((w) => w.resolve()),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      );
    }
    busy = false;
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!busy) void drain();
    });
}

void main();
