import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, ensureTopics, TOPICS } from '@app/bus';
import { DISPATCHER_TOPICS } from '../../apps/dispatcher/src/dispatcher.module';
import { spawnTypeScript } from '../support/child-app';
import { startGroupAtEnd, TopicRecorder } from '../support/topic-recorder';
import { DEMO_PROVIDERS } from '@app/sandbox/demo';

const brokers = process.env.KAFKA_BROKERS as string;
const ROOT = path.resolve(__dirname, '../..');
// Every provider the demo runs: a ticket created through each must reach Kafka and a subscriber.
const PROVIDERS = DEMO_PROVIDERS.map((d) => d.provider);
const APPS = ['gateway', 'webhook-ingest', 'normalizer', 'dispatcher', 'sandbox'] as const;

async function freePort(port = 0): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return bound;
}

/**
 * The first of `count` consecutive free ports, below the kernel's ephemeral range (32768+), where
 * outgoing connections of other tests could take one of them between our probe and the sandbox's bind.
 */
async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const probes = await Promise.allSettled(Array.from({ length: count }, (_, i) => freePort(base + i)));
    if (probes.every((p) => p.status === 'fulfilled')) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

/**
 * Stops a child as Ctrl-C does; resolves with how it ended: exit code 0, or the signal re-raised after a
 * clean close (Nest's HTTP apps do that).
 */
function interrupt(child: ChildProcess): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.kill('SIGINT');
  });
}

/**
 * The demo as `npm start` runs it (the five apps as separate processes, SQLite, the local broker), stopped
 * with Ctrl-C and started again on the same data and consumer groups: a ticket created on each demo
 * provider must reach Kafka and an HTTP subscriber within 5 s, before and after the restart.
 */
describe('the demo stack across a restart', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'demo-restart-'));
  const demoEnvFile = path.join(dir, 'demo.env');
  const received: { body: Record<string, unknown>; at: number }[] = [];
  let subscriber: Server;
  let recorder: TopicRecorder;
  let env: Record<string, string>;
  let children: ChildProcess[] = [];
  let healthPorts: Record<string, string> = {};
  let urls: { gateway: string; ingest: string; normalizer: string; dispatcher: string };

  beforeAll(async () => {
    const demoPorts = DEMO_PROVIDERS.map((d) => d.port);
    const [gatewayPort, ingestPort, normalizerPort, dispatcherPort, emulatorBase] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      // The sandbox puts every emulator at its fixed demo port plus one offset.
      freePortBlock(Math.max(...demoPorts) - Math.min(...demoPorts) + 1),
    ]);
    urls = {
      gateway: `http://127.0.0.1:${gatewayPort}`,
      ingest: `http://127.0.0.1:${ingestPort}`,
      normalizer: `http://127.0.0.1:${normalizerPort}/health/ready`,
      dispatcher: `http://127.0.0.1:${dispatcherPort}/health/ready`,
    };
    const groups = {
      normalizer: `e2e-restart-n-${randomUUID()}`,
      dispatcher: `e2e-restart-d-${randomUUID()}`,
    };
    const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    await ensureTopics(kafka, ALL_TOPICS);
    // The groups are new: start them at the topics' end, not at a shared broker's whole history.
    await startGroupAtEnd(kafka, groups.normalizer, [TOPICS.rawWebhooks]);
    await startGroupAtEnd(kafka, groups.dispatcher, DISPATCHER_TOPICS);
    env = {
      KAFKA_BROKERS: brokers,
      LOG_LEVEL: 'info',
      SQLITE_PATH: path.join(dir, 'store.sqlite'),
      ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
      ADMIN_API_KEY: `admin-${randomBytes(24).toString('hex')}`,
      PROVIDER_BASE_URL_ALLOWLIST: '127.0.0.1',
      DISPATCH_ALLOW_HTTP: 'true',
      DISPATCH_ALLOWED_HOSTS: '127.0.0.1,localhost',
      KAFKA_SESSION_TIMEOUT_MS: '10000',
      GATEWAY_PORT: String(gatewayPort),
      INGEST_PORT: String(ingestPort),
      NORMALIZER_GROUP_ID: groups.normalizer,
      DISPATCH_GROUP_ID: groups.dispatcher,
      SANDBOX_INGEST_URL: urls.ingest,
      SANDBOX_DEMO_ENV: demoEnvFile,
      // The emulators' fixed ports (4101–4103) moved out of the way of a demo running on this machine.
      SANDBOX_PORT_OFFSET: String(emulatorBase - Math.min(...DEMO_PROVIDERS.map((d) => d.port))),
    };
    healthPorts = { normalizer: String(normalizerPort), dispatcher: String(dispatcherPort) };

    subscriber = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        received.push({ body: JSON.parse(Buffer.concat(chunks).toString()), at: Date.now() });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
    recorder = new TopicRecorder(brokers, [TOPICS.tickets], (m) => m.value.includes('restart-probe'));
    await recorder.start();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => interrupt(c)));
    await recorder?.stop();
    await new Promise((resolve) => subscriber?.close(resolve));
    // The temp folder stays: its app logs explain a failure.
  });

  /** Starts the five apps, then waits as `npm start` does before its banner; returns the wait in ms. */
  async function startStack(round: string): Promise<number> {
    rmSync(demoEnvFile, { force: true });
    const started = Date.now();
    children = APPS.map((app) => {
      const healthPort = healthPorts[app];
      const child = spawnTypeScript(
        `apps/${app}/src/main.ts`,
        { ...env, ...(healthPort ? { HEALTH_PORT: healthPort } : {}) },
        ['ignore', 'pipe', 'pipe'],
      );
      const log = createWriteStream(path.join(dir, `${app}.${round}.log`));
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
      return child;
    });
    const wait = spawn(
      process.execPath,
      [
        path.join(ROOT, 'scripts/wait-for-stack.js'),
        '--timeout',
        '90',
        `gateway=${urls.gateway}/health/live`,
        `webhook-ingest=${urls.ingest}/health/ready`,
        `normalizer=${urls.normalizer}`,
        `dispatcher=${urls.dispatcher}`,
        `sandbox=${demoEnvFile}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let said = '';
    wait.stderr!.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => wait.once('exit', resolve));
    if (code !== 0) throw new Error(`the stack did not become ready (${round}):\n${said}\nlogs in ${dir}`);
    expect(said).toMatch(/waiting for: .*normalizer|stack ready/);
    return Date.now() - started;
  }

  function demoEnv(): Record<string, string> {
    expect(existsSync(demoEnvFile)).toBe(true);
    return Object.fromEntries(
      readFileSync(demoEnvFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
  }

  /** Creates one ticket per provider; resolves with how long each took to reach Kafka and the subscriber. */
  async function ticketsTravel(
    round: string,
  ): Promise<Record<string, { kafkaMs: number; webhookMs: number }>> {
    const demo = demoEnv();
    const timings: Record<string, { kafkaMs: number; webhookMs: number }> = {};
    await Promise.all(
      PROVIDERS.map(async (provider) => {
        const name = `restart-probe ${round} ${provider} ${randomUUID()}`;
        const connection = demo[`DEMO_${provider.toUpperCase()}_CONNECTION`];
        const sent = Date.now();
        const answer = await fetch(`${urls.gateway}/unified/ticketing/tickets?connection_id=${connection}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${demo.DEMO_API_KEY}`, 'content-type': 'application/json' },
          // The provider's own plan (some need a requester or a team), under a name of the probe's.
          body: JSON.stringify({
            description: 'restart e2e',
            ...DEMO_PROVIDERS.find((d) => d.provider === provider)?.conformance.plans.tickets?.create,
            name,
          }),
        });
        expect({ provider, status: answer.status }).toEqual({ provider, status: 201 });
        // Some providers follow a creation with an update (a task added to its project): the created one counts.
        const created = 'ticketing.ticket.created';
        const onKafka = () =>
          recorder.messages.find((m) => m.value.includes(name) && m.json.type === created);
        const atSubscriber = () =>
          received.find(
            (r) => JSON.stringify(r.body).includes(name) && (r.body as { type?: string }).type === created,
          );
        const deadline = sent + 5_000;
        while ((!onKafka() || !atSubscriber()) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        const kafka = onKafka();
        const webhook = atSubscriber();
        expect({ provider, onKafka: Boolean(kafka), atSubscriber: Boolean(webhook) }).toEqual({
          provider,
          onKafka: true,
          atSubscriber: true,
        });
        expect(kafka!.json).toMatchObject({
          type: 'ticketing.ticket.created',
          provider,
          connectionid: connection,
        });
        expect(webhook!.body).toMatchObject({ type: 'ticketing.ticket.created' });
        timings[provider] = { kafkaMs: Date.now() - sent, webhookMs: webhook!.at - sent };
      }),
    );
    return timings;
  }

  it('delivers every demo provider’s tickets within 5 s on a fresh start and after Ctrl-C and a restart', async () => {
    const firstReady = await startStack('first');
    const demo = demoEnv();
    const subscription = await fetch(`${urls.gateway}/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.DEMO_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/hook`,
        event_types: ['ticketing.ticket.*'],
      }),
    });
    expect(subscription.status).toBe(201);
    const first = await ticketsTravel('first');

    const codes = await Promise.all(children.map((c) => interrupt(c)));
    for (const [n, code] of codes.entries())
      expect([APPS[n], [0, 'SIGINT'].includes(code!)]).toEqual([APPS[n], true]);
    const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([env.NORMALIZER_GROUP_ID, env.DISPATCH_GROUP_ID]);
    await admin.disconnect();
    // They left their groups on the way out: nothing for the restarted members to wait for.
    expect(groups.map((g) => [g.groupId, g.members.length])).toEqual([
      [env.NORMALIZER_GROUP_ID, 0],
      [env.DISPATCH_GROUP_ID, 0],
    ]);

    const secondReady = await startStack('second');
    const second = await ticketsTravel('second');
    console.log(
      JSON.stringify({
        demoRestart: { firstReadyMs: firstReady, first, secondReadyMs: secondReady, second },
      }),
    );
  }, 240_000);
});
