/**
 * The baseline for bench/ingest: a bare Fastify route doing the same work as webhook-ingest's hot path
 * (HMAC-SHA256 over the raw body compared in constant time, then a kafkajs send with the same producer
 * settings: idempotent, acks -1) and nothing else.
 */
import Fastify from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

const secret = process.env.BENCH_SECRET ?? 'bench-secret';
const topic = process.env.BENCH_TOPIC ?? 'ticketing.raw-webhooks.v1';

async function main(): Promise<void> {
  const kafka = new Kafka({
    clientId: 'bench-baseline',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.ERROR,
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const app = Fastify({ bodyLimit: 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/webhooks/:connectionId', async (request, reply) => {
    const body = request.body as Buffer;
    const header = String(request.headers['x-hub-signature-256'] ?? '');
    const expected = createHmac('sha256', secret).update(body).digest();
    const provided = Buffer.from(header.replace(/^sha256=/, ''), 'hex');
    if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
      return reply.status(401).send({ statusCode: 401 });
    }
    const { connectionId } = request.params as { connectionId: string };
    await producer.send({ topic, acks: -1, messages: [{ key: connectionId, value: body }] });
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

void main();
