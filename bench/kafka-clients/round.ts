/**
 * One round of bench/kafka-clients, in its own process (CLIENT, MODE, RATE, SECONDS from the environment):
 * messages of ~6 KB (a raw webhook's size) sent at a steady rate, each awaited on its own as the ingest does,
 * with writes that wait while a send is in flight leaving together in the next one (the ingest's and
 * normalizer's producer does the same). `produce`: nothing reads, a message is done at its ack. `hop`: a
 * reader consumes the topic. `relay`: a relay consumes it,
 * produces each fetch's messages to a second topic, commits after the ack (the normalizer's loop without
 * the mapping), and the reader consumes the second topic. Prints `RESULT <json>`.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { percentile } from '../support/stats';
import {
  benchClient,
  CLIENTS,
  type BenchClient,
  type BusMessage,
  type ClientName,
  type ConsumedMessage,
} from './clients';

export interface RoundResult {
  client: ClientName;
  mode: 'hop' | 'relay' | 'produce';
  rate: number;
  sent: number;
  failedSends: number;
  failedCommits: number;
  read: number;
  ackP50: number;
  ackP99: number;
  readP50: number;
  readP99: number;
  /** CPU of this process (sender, relay and reader) per message sent, in ms. */
  cpuMsPerMessage: number;
}

const client = process.env.CLIENT as ClientName;
const mode = (['relay', 'produce'] as const).find((m) => m === process.env.MODE) ?? 'hop';
const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const PARTITIONS = 8;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const VALUE = JSON.stringify({ body: 'x'.repeat(6_000) });

async function main(): Promise<void> {
  if (!CLIENTS.includes(client)) throw new Error(`CLIENT must be one of ${CLIENTS.join(', ')}`);
  const run = `${client}-${mode}-${randomUUID().slice(0, 8)}`;
  const [input, output] = [`bench-clients-${run}-in`, `bench-clients-${run}-out`];
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [input, output].map((topic) => ({ topic, numPartitions: PARTITIONS })),
  });

  const bus = benchClient(client, brokers, PARTITIONS);
  const sender = sendingInTurns(bus, input);
  const sentAt = new Map<string, number>();
  const readLatencies: number[] = [];
  let measuring = false;
  let commitFailures = 0;
  const onRead = (messages: ConsumedMessage[]) => {
    const now = performance.now();
    for (const m of messages) {
      const at = sentAt.get(m.key);
      if (at === undefined) continue;
      sentAt.delete(m.key);
      if (m.key.startsWith('m-')) readLatencies.push(now - at);
    }
    return Promise.resolve();
  };

  if (mode === 'relay') {
    const relayOut = sendingInTurns(bus, output);
    await bus.consume(input, `${run}-relay`, async (messages) => {
      await Promise.all(messages.map((m) => relayOut.add({ key: m.key, value: m.value })));
      // Commit after produce, in the background as the bus's OffsetCommitter does: the last message of each
      // partition in what was handed over.
      const lastOfPartition = new Map(messages.map((m) => [m.partition, m]));
      void Promise.all([...lastOfPartition.values()].map((m) => m.commit())).catch(() => commitFailures++);
    });
    await bus.consume(output, `${run}-reader`, onRead);
  } else if (mode === 'hop') {
    await bus.consume(input, `${run}-reader`, onRead);
  }

  const ackLatencies: number[] = [];
  let failedSends = 0;
  const sendAtRate = async (prefix: string, seconds: number): Promise<number> => {
    const total = Math.round(RATE * seconds);
    const started = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
      for (; sent < due; sent++) {
        const key = `${prefix}${sent}`;
        const at = performance.now();
        sentAt.set(key, at);
        sender.add({ key, value: VALUE }).then(
          () => {
            if (measuring) ackLatencies.push(performance.now() - at);
            // Nothing reads in `produce`: the ack is where the message ends.
            if (mode === 'produce')
              void onRead([{ key, value: '', partition: 0, commit: () => Promise.resolve() }]);
          },
          () => failedSends++,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return total;
  };

  // Warm-up: the groups join and the JIT warms on the same path; not measured.
  await sendAtRate('w-', WARMUP_SECONDS);
  await waitFor(() => ![...sentAt.keys()].some((k) => k.startsWith('w-')), 30_000);
  failedSends = 0;
  measuring = true;
  const cpuBefore = process.cpuUsage();
  const sent = await sendAtRate('m-', SECONDS);
  await waitFor(() => readLatencies.length >= sent, 30_000);
  const cpu = process.cpuUsage(cpuBefore);
  measuring = false;

  const result: RoundResult = {
    client,
    mode,
    rate: RATE,
    sent,
    failedSends,
    failedCommits: commitFailures,
    read: readLatencies.length,
    ackP50: percentile(ackLatencies, 50),
    ackP99: percentile(ackLatencies, 99),
    readP50: percentile(readLatencies, 50),
    readP99: percentile(readLatencies, 99),
    cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / sent,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  await bus.close();
  await admin.deleteTopics({ topics: [input, output] }).catch(() => undefined);
  await admin.disconnect();
}

/**
 * Writes that wait while a send is in flight leave together in the next one, and a write finding nothing
 * in flight leaves at once: one request per round trip, as the bus's ReliableProducer sends.
 */
function sendingInTurns(bus: BenchClient, topic: string): { add(message: BusMessage): Promise<void> } {
  let waiting: { message: BusMessage; done(): void; fail(error: unknown): void }[] = [];
  let inFlight = false;
  const pump = (): void => {
    if (inFlight || waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    inFlight = true;
    bus
      .send(
        topic,
        batch.map((w) => w.message),
      )
      .then(
        () => batch.forEach((w) => w.done()),
        (error: unknown) => batch.forEach((w) => w.fail(error)),
      )
      .finally(() => {
        inFlight = false;
        pump();
      });
  };
  return {
    add: (message) =>
      new Promise<void>((done, fail) => {
        waiting.push({ message, done, fail });
        pump();
      }),
  };
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
