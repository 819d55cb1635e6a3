import type { ChildProcess } from 'node:child_process';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSecret, signDelivery } from '@app/delivery';
import { spawnTypeScript } from '../../test/support/child-app';

/** A subscriber that answers 200 at once and notes when each webhook-id first arrived. */
export class CountingSubscriber {
  readonly firstSeen = new Map<string, number>();
  requests = 0;
  private server?: Server;
  private waiters: { count: number; resolve: () => void }[] = [];

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.requests += 1;
        const id = String(req.headers['webhook-id'] ?? '');
        if (!this.firstSeen.has(id)) this.firstSeen.set(id, performance.timeOrigin + performance.now());
        res.writeHead(200).end();
        this.waiters = this.waiters.filter((w) => (this.requests >= w.count ? (w.resolve(), false) : true));
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Resolves once `count` requests in total have arrived. */
  until(count: number, timeoutMs = 120_000): Promise<void> {
    if (this.requests >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${this.requests}/${count} requests arrived`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Wall-clock milliseconds with sub-ms resolution, comparable across processes on one machine. */
export const now = (): number => performance.timeOrigin + performance.now();

/** apps/dispatcher/src/main.ts in its own process (as in production), ready once it consumes. */
export function startDispatcherProcess(env: Record<string, string>): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawnTypeScript('apps/dispatcher/src/main.ts', { ...env, LOG_LEVEL: 'info' }, [
    'ignore',
    'pipe',
    'inherit',
  ]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the dispatcher did not start within 90 s')), 90_000);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (!buffered.includes('dispatcher consuming unified events')) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`the dispatcher exited with ${code}`)));
  });
}

/** Signed POSTs exactly as the dispatcher signs them, over one keep-alive agent: the baselines' client. */
export function signedPoster(url: string, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const secret = generateSecret();
  const target = new URL(url);
  return {
    send: (id: string, body: string) =>
      new Promise<void>((resolve, reject) => {
        const headers = {
          'content-type': 'application/json',
          ...signDelivery(id, Math.floor(Date.now() / 1000), body, [secret]),
        };
        const options = {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers,
        };
        const req = request(options, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}
