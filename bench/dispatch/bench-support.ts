import type { ChildProcess } from 'node:child_process';
import { Agent, createServer, request, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { generateSecret, signDelivery } from '@app/delivery';
import { signalChild, spawnTypeScript } from '../../test/support/child-app';
import { nodeArgsFrom } from '../support/node-args';
import type { BareRound, BareRoundResult } from './bare-loop-process';

/**
 * A subscriber that answers 200 at once and notes when each delivery first arrived: per webhook-id
 * (`firstSeen`) and per subscription URL and webhook-id (`arrivedAt`, keyed by `arrivalKey`), so a bench
 * can tell every expected delivery arrived, not just that enough requests did (retries and duplicates
 * count as requests too).
 */
export class CountingSubscriber {
  readonly firstSeen = new Map<string, number>();
  readonly arrivedAt = new Map<string, number>();
  requests = 0;
  private server?: Server;

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.requests += 1;
        const id = String(req.headers['webhook-id'] ?? '');
        const at = now();
        if (!this.firstSeen.has(id)) this.firstSeen.set(id, at);
        const key = arrivalKey(req.url ?? '', id);
        if (!this.arrivedAt.has(key)) this.arrivedAt.set(key, at);
        res.writeHead(200).end();
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /**
   * Waits until every expected delivery (see arrivalKey) has arrived, or `timeoutMs` passed: how many are
   * missing, and when the last one that came arrived.
   */
  async awaitAll(keys: readonly string[], timeoutMs = 120_000): Promise<{ missing: number; lastAt: number }> {
    const deadline = now() + timeoutMs;
    let missing = keys.filter((k) => !this.arrivedAt.has(k));
    while (missing.length > 0 && now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      missing = missing.filter((k) => !this.arrivedAt.has(k));
    }
    const lastAt = Math.max(...keys.map((k) => this.arrivedAt.get(k) ?? Number.NEGATIVE_INFINITY));
    return { missing: missing.length, lastAt };
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** One delivery of one event to one subscription: the subscription's URL path and query, and the webhook-id. */
export function arrivalKey(pathAndQuery: string, webhookId: string): string {
  return `${pathAndQuery} ${webhookId}`;
}

/** Wall-clock milliseconds with sub-ms resolution, comparable across processes on one machine. */
export const now = (): number => performance.timeOrigin + performance.now();

/** A port free on loopback right now (the dispatcher's health server takes it). */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface DispatcherProcess {
  /**
   * CPU seconds (user + system) the dispatcher process has used so far: its own process.cpuUsage(), read
   * from prom-client's process_cpu_seconds_total on its /metrics. Differences between two reads around a
   * round, divided by the deliveries, give CPU per delivery, which the machine's other load moves far
   * less than deliveries/s.
   */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

/** apps/dispatcher/src/main.ts in its own process (as in production), ready once it consumes. */
export async function startDispatcherProcess(env: Record<string, string>): Promise<DispatcherProcess> {
  const healthPort = await freePort();
  const child: ChildProcess = spawnTypeScript(
    'apps/dispatcher/src/main.ts',
    { ...env, LOG_LEVEL: 'info', HEALTH_PORT: String(healthPort) },
    ['ignore', 'pipe', 'inherit'],
    // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: where the dispatcher's CPU per delivery goes.
    nodeArgsFrom('DISPATCHER_NODE_ARGS'),
  );
  const cpuSeconds = async () => {
    const text = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    const line = /^process_cpu_seconds_total(?:\{[^}]*\})? (\S+)$/m.exec(text);
    if (!line) throw new Error('the dispatcher reports no process_cpu_seconds_total');
    return Number(line[1]);
  };
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
        cpuSeconds,
        stop: () => signalChild(child, 'SIGTERM'),
      });
    });
    child.once('exit', (code) => reject(new Error(`the dispatcher exited with ${code}`)));
  });
}

export interface BareLoopProcess {
  /** One round of `total` signed POSTs, `concurrency` at a time, timed in the loop's own process. */
  run(url: string, total: number, concurrency: number, tenantId: string): Promise<BareRoundResult>;
  stop(): Promise<void>;
}

/** bench/dispatch/bare-loop-process.ts in its own process, ready once it says so. */
export async function startBareLoopProcess(): Promise<BareLoopProcess> {
  const child: ChildProcess = spawnTypeScript(
    'bench/dispatch/bare-loop-process.ts',
    {},
    ['ignore', 'inherit', 'inherit', 'ipc'],
    nodeArgsFrom('BARE_NODE_ARGS'),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare loop did not start within 60 s')), 60_000);
    child.once('message', () => (clearTimeout(timer), resolve()));
    child.once('exit', (code) => reject(new Error(`the bare loop exited with ${code}`)));
  });
  return {
    run: (url, total, concurrency, tenantId) =>
      new Promise<BareRoundResult>((resolve, reject) => {
        const exited = (code: number | null) => reject(new Error(`the bare loop exited with ${code}`));
        child.once('exit', exited);
        child.once('message', (result: BareRoundResult) => {
          child.off('exit', exited);
          resolve(result);
        });
        child.send({ url, total, concurrency, tenantId } satisfies BareRound);
      }),
    stop: () => signalChild(child, 'SIGTERM'),
  };
}

/**
 * Signed POSTs exactly as the dispatcher signs them, over one keep-alive agent: the baselines' client.
 * `send` resolves with the answer's status (an error rejects).
 */
export function signedPoster(url: string, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const secret = generateSecret();
  const target = new URL(url);
  return {
    send: (id: string, body: string) =>
      new Promise<number>((resolve, reject) => {
        const headers = {
          'content-type': 'application/json',
          ...signDelivery(id, Math.floor(Date.now() / 1000), body, [secret]),
        };
        const options = {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: 'POST',
          agent,
          headers,
        };
        const req = request(options, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}
