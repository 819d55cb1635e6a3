import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { AddressInfo } from 'node:net';
import type { OnApplicationShutdown } from '@nestjs/common';

/** One readiness condition: up or not, with what an operator needs to see why. */
export interface ReadinessCheck {
  up: boolean;
  [detail: string]: unknown;
}

export type ReadinessChecks = Record<string, () => ReadinessCheck>;

/**
 * `/health/live`, `/health/ready` and `/metrics` for apps without an HTTP server of their own (the normalizer and
 * the dispatcher consume Kafka). Answers in the shape of the HTTP apps' Terminus checks
 * (`{status, info, error, details}`), 503 while any check is down. A bare node:http server: it must
 * answer while the app's event loop is busy with little else, and carries no framework.
 */
export class WorkerHealthServer implements OnApplicationShutdown {
  private server?: Server;
  /** The slowest event-loop turn seen since the last liveness probe (ms), sampled by a 20 ms timer. */
  private maxLoopDelayMs = 0;
  private loopSampler?: NodeJS.Timeout;

  /** `registry`: the app's Prometheus metrics, served at `/metrics` on the same port. */
  constructor(
    private readonly checks: ReadinessChecks,
    private readonly registry?: Registry,
  ) {}

  async listen(port: number, host: string): Promise<string> {
    this.sampleLoopDelay();
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (path === '/metrics' && this.registry) {
        void this.sendMetrics(this.registry, response);
        return;
      }
      const [status, body] =
        path === '/health/live'
          ? this.liveness()
          : path === '/health/ready' || path === '/health'
            ? this.readiness()
            : [404, { statusCode: 404, error: 'Not Found', message: `no route ${path}` }];
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  /**
   * Live while the event loop turns: answering at all proves it, and the slowest turn since the last
   * probe is reported (a loop stalled past the probe's timeout gets no answer and the probe fails).
   */
  liveness(): [number, Record<string, unknown>] {
    const event_loop = { status: 'up', max_delay_ms: this.maxLoopDelayMs };
    this.maxLoopDelayMs = 0;
    return [200, { status: 'ok', info: { event_loop }, error: {}, details: { event_loop } }];
  }

  private sampleLoopDelay(): void {
    const every = 20;
    let expected = Date.now() + every;
    this.loopSampler = setInterval(() => {
      const now = Date.now();
      this.maxLoopDelayMs = Math.max(this.maxLoopDelayMs, now - expected);
      expected = now + every;
    }, every);
    // The sampler must never keep a stopping worker alive.
    this.loopSampler.unref();
  }

  private async sendMetrics(registry: Registry, response: ServerResponse): Promise<void> {
    try {
      const text = await registry.metrics();
      response.writeHead(200, { 'content-type': registry.contentType });
      response.end(text);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      response.end(
        JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: String(error) }),
      );
    }
  }

  readiness(): [number, Record<string, unknown>] {
    const details: Record<string, Record<string, unknown>> = {};
    for (const [name, check] of Object.entries(this.checks)) {
      const { up, ...rest } = check();
      details[name] = { status: up ? 'up' : 'down', ...rest };
    }
    const down = Object.fromEntries(Object.entries(details).filter(([, d]) => d.status === 'down'));
    const up = Object.fromEntries(Object.entries(details).filter(([, d]) => d.status === 'up'));
    const ok = Object.keys(down).length === 0;
    return [ok ? 200 : 503, { status: ok ? 'ok' : 'error', info: up, error: down, details }];
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.loopSampler);
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Ready while the consumer is a member of its group (not joining, rebalancing, crashed or stopped). */
export function consumerGroupReadiness(consumer: {
  membership(): { groupId: string; state: string; partitions: number };
}): () => ReadinessCheck {
  return () => {
    const { groupId, state, partitions } = consumer.membership();
    return { up: state === 'member', group: groupId, state, partitions };
  };
}
