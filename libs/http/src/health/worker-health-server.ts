import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OnApplicationShutdown } from '@nestjs/common';

/** One readiness condition: up or not, with what an operator needs to see why. */
export interface ReadinessCheck {
  up: boolean;
  [detail: string]: unknown;
}

export type ReadinessChecks = Record<string, () => ReadinessCheck>;

/**
 * `/health/live` and `/health/ready` for apps without an HTTP server of their own (the normalizer and
 * the dispatcher consume Kafka). Answers in the shape of the HTTP apps' Terminus checks
 * (`{status, info, error, details}`), 503 while any check is down. A bare node:http server: it must
 * answer while the app's event loop is busy with little else, and carries no framework.
 */
export class WorkerHealthServer implements OnApplicationShutdown {
  private server?: Server;

  constructor(private readonly checks: ReadinessChecks) {}

  async listen(port: number, host: string): Promise<string> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      const [status, body] =
        path === '/health/live'
          ? [200, { status: 'ok', info: {}, error: {}, details: {} }]
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
