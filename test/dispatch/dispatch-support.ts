import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import {
  ALL_TOPICS,
  buildChangeEvent,
  buildConnectionEvent,
  type ConnectionEventInput,
  changeEventKey,
  ensureTopics,
  TOPICS,
  type UnifiedChangeEvent,
} from '@app/bus';
import { loadConfig } from '@app/config';
import type { Resolver } from '@app/delivery';
import type { Store } from '@app/store';
import { DISPATCHER_TOPICS } from '../../apps/dispatcher/src/dispatcher.module';
import { startDispatcher } from '../../apps/dispatcher/src/dispatcher.app';
import { DispatcherConfig } from '../../apps/dispatcher/src/dispatcher.config';
import { freshStoreEnv, openE2eStore } from '../support/e2e-store';
import { startGateway, type RunningGateway } from '../support/gateway';
import { startGroupAtEnd } from '../support/topic-recorder';

export const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/**
 * A fresh store shared by the gateway, the dispatcher(s) and the test itself: SQLite, or its own
 * PostgreSQL database when E2E_STORE_DRIVER=postgres (see test/support/e2e-store.ts).
 */
export function storeEnv(): Record<string, string> {
  return freshStoreEnv('dispatch-e2e');
}

export function openTestStore(env: Record<string, string>): Promise<Store> {
  return openE2eStore(env);
}

/** Test defaults: loopback allowlisted, plain http, a schedule compressed to milliseconds. */
export const FAST_DELIVERY: Record<string, string> = {
  LOG_LEVEL: 'error',
  DISPATCH_ALLOW_HTTP: 'true',
  DISPATCH_ALLOWED_HOSTS: '127.0.0.1,localhost',
  DISPATCH_RETRY_SCHEDULE: '0,150ms,300ms,600ms,1s,1s,1s,1s',
  DISPATCH_RETRY_JITTER: '0',
  DISPATCH_THROTTLED_MIN_DELAY_MS: '0',
  DISPATCH_POLL_INTERVAL_MS: '50',
  DISPATCH_TIMEOUT_MS: '2000',
  DISPATCH_LEASE_MS: '3000',
};

export function dispatcherConfig(env: Record<string, string>): DispatcherConfig {
  return loadConfig('dispatcher', DispatcherConfig, {
    KAFKA_BROKERS: BROKERS,
    DISPATCH_GROUP_ID: `e2e-dispatcher-${randomUUID()}`,
    ...FAST_DELIVERY,
    ...env,
  });
}

/** Starts a dispatcher whose consumer group begins at the unified topics' current end. */
export async function startTestDispatcher(
  config: DispatcherConfig,
  options: { resolver?: Resolver } = {},
): Promise<INestApplicationContext> {
  const kafka = new Kafka({ brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });
  await ensureTopics(kafka, ALL_TOPICS);
  await startGroupAtEnd(kafka, config.DISPATCH_GROUP_ID, DISPATCHER_TOPICS);
  return startDispatcher(config, options);
}

/** Produces unified change events the way the normalizer does (same envelope, key and topics). */
export class EventProducer {
  private readonly producer: Producer;

  constructor() {
    this.producer = new Kafka({ brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).producer();
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  event(input: {
    tenantId: string;
    connectionId: string;
    entity?: 'ticket' | 'comment';
    action?: 'created' | 'updated' | 'deleted';
    remoteId?: string;
    time?: string;
  }): UnifiedChangeEvent {
    return buildChangeEvent({
      tenantId: input.tenantId,
      connectionId: input.connectionId,
      provider: 'github',
      deliveryId: randomUUID(),
      entity: input.entity ?? 'ticket',
      action: input.action ?? 'created',
      remoteId: input.remoteId ?? String(Math.floor(Math.random() * 1e9)),
      time: input.time ?? new Date().toISOString(),
      data: { id: input.remoteId ?? 'x', name: 'Spelling error in the README file', status: { id: 'open' } },
    });
  }

  /** Sends each event as JSON text and returns that text by event id (what subscribers must receive). */
  async produce(events: UnifiedChangeEvent[]): Promise<Map<string, string>> {
    const sent = new Map<string, string>();
    for (const topic of [TOPICS.tickets, TOPICS.comments]) {
      const entity = topic === TOPICS.tickets ? 'ticket' : 'comment';
      const mine = events.filter((e) => e.type.startsWith(`ticketing.${entity}.`));
      if (mine.length === 0) continue;
      const messages = mine.map((e) => {
        const value = JSON.stringify(e);
        sent.set(e.id, value);
        return { key: changeEventKey(e.connectionid, e.subject), value };
      });
      await this.producer.send({ topic, acks: -1, messages });
    }
    return sent;
  }

  /** A connection event on its topic, as the gateway writes it; returns the text sent. */
  async produceConnectionEvent(input: ConnectionEventInput): Promise<{ id: string; text: string }> {
    const event = buildConnectionEvent(input);
    const text = JSON.stringify(event);
    await this.producer.send({
      topic: TOPICS.connections,
      acks: -1,
      messages: [{ key: input.connectionId, value: text }],
    });
    return { id: event.id, text };
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
}

export type Reply = (req: IncomingMessage, res: ServerResponse, received: ReceivedRequest) => void;

/** A local webhook receiver on loopback whose answers a test can script. */
export class Subscriber {
  readonly received: ReceivedRequest[] = [];
  private server?: Server;
  private inFlightNow = 0;
  maxInFlight = 0;

  constructor(public reply: Reply = (_req, res) => res.writeHead(200).end()) {}

  async listen(port = 0): Promise<number> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        );
        const received = {
          path: req.url ?? '',
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
        };
        this.received.push(received);
        this.inFlightNow += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlightNow);
        res.on('close', () => (this.inFlightNow -= 1));
        this.reply(req, res, received);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  url(pathname = '/hook'): string {
    return `http://127.0.0.1:${this.port}${pathname}`;
  }

  /** Requests whose webhook-id is the given event id. */
  for(eventId: string): ReceivedRequest[] {
    return this.received.filter((r) => r.headers['webhook-id'] === eventId);
  }

  async waitFor(predicate: (all: ReceivedRequest[]) => boolean, timeoutMs = 20_000): Promise<void> {
    await waitUntil(
      () => predicate(this.received),
      timeoutMs,
      () => `received ${this.received.length}`,
    );
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  describe: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms ${describe()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A loopback port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts the gateway on the given store with the delivery policy in `policy` (DISPATCH_*). The
 * gateway reads that policy from the environment when it builds its subscriptions service, so the
 * variables are set for the start only and restored afterwards.
 */
export function startGatewayWithPolicy(
  store: Record<string, string>,
  policy: Record<string, string>,
): Promise<RunningGateway> {
  return startGateway({ ...store, ...policy });
}

/** Whether a received request verifies with `secret` under the reference implementation. */
export function verifies(request: ReceivedRequest, secret: string): boolean {
  try {
    new Webhook(secret).verify(request.body, request.headers);
    return true;
  } catch {
    return false;
  }
}

/** Every header a delivery carries (node:http adds connection, content-length and host). */
export const DELIVERY_HEADERS = [
  'connection',
  'content-length',
  'content-type',
  'host',
  'user-agent',
  'webhook-id',
  'webhook-signature',
  'webhook-timestamp',
];
