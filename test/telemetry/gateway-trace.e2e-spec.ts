import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { spawnTypeScript } from '../support/child-app';
import { freshStoreEnv } from '../support/e2e-store';
import { freePort } from '../support/gateway';
import { startOtlpReceiver, until, type ReceivedSpan } from '../support/otlp-receiver';

const SERVER = 2;
const CLIENT = 3;
const ADMIN_KEY = randomBytes(24).toString('hex');

/**
 * The production entry point of the gateway (one process) exporting spans over OTLP to a receiver in the
 * test: a unified call is a SERVER span, its provider call a CLIENT span under it, and the provider is
 * sent that CLIENT span's `traceparent`. The same process serves its own `/metrics` on its metrics port.
 */
describe('tracing: a unified call is one trace from the gateway to the provider', () => {
  jest.setTimeout(120_000);
  const emulator = new GithubEmulator();
  let gateway: ChildProcess | undefined;
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;

  afterAll(async () => {
    if (gateway && gateway.exitCode === null) {
      const exited = new Promise((done) => gateway!.once('exit', done));
      gateway.kill('SIGTERM');
      await exited;
    }
    otlp?.server.closeAllConnections();
    otlp?.server.close();
    await emulator.stop();
  });

  it('links the gateway SERVER span, its provider CLIENT span and the traceparent the provider gets', async () => {
    await emulator.start();
    otlp = await startOtlpReceiver();
    const [port, metricsPort] = [await freePort(), await freePort()];
    let log = '';
    gateway = spawnTypeScript(
      'apps/gateway/src/main.ts',
      {
        ...freshStoreEnv('gateway-trace'),
        GATEWAY_WORKERS: '1',
        GATEWAY_PORT: String(port),
        GATEWAY_METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
        ADMIN_API_KEY: ADMIN_KEY,
        ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        PROVIDER_BASE_URL_ALLOWLIST: '127.0.0.1',
        KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      ['ignore', 'pipe', 'pipe'],
    );
    for (const stream of [gateway.stdout!, gateway.stderr!])
      stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await until(
      'the gateway to listen',
      () => (log.includes('"gateway listening"') ? true : undefined),
      60_000,
    );
    const url = `http://127.0.0.1:${port}`;
    const json = async (method: string, route: string, key: string, body?: unknown) => {
      const answer = await fetch(`${url}${route}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: answer.status, body: (await answer.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const tenant = await json('POST', '/admin/tenants', ADMIN_KEY, { name: 'traced-gateway' });
    const key = tenant.body.api_key.secret as string;
    const connection = await json('POST', '/connections', key, {
      provider: 'github',
      settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url },
      credentials: { token: GITHUB_SEED_TOKEN },
    });
    expect(connection.status).toBe(201);
    emulator.requests.length = 0;
    const list = await json(
      'GET',
      `/unified/ticketing/tickets?connection_id=${connection.body.id}&limit=2`,
      key,
    );
    expect(list.status).toBe(200);

    const spans = otlp.spans;
    const server = await until('the SERVER span of the unified call', () =>
      spans.find(
        (s) => s.scope === 'gateway' && s.kind === SERVER && s.name === 'GET /unified/ticketing/:resource',
      ),
    );
    const clients = await until('the provider call under it', () => {
      const found = spans.filter((s) => s.traceId === server.traceId && s.kind === CLIENT);
      return found.length > 0 ? found : undefined;
    });
    const byId = new Map(spans.map((s): [string, ReceivedSpan] => [s.spanId, s]));
    for (const client of clients) {
      expect(client.service).toBe('gateway');
      expect(client.scope).toBe('provider-engine');
      expect(client.attributes['http.response.status_code']).toBe(200);
      // The CLIENT span hangs under the unified call's SERVER span (directly or through its own spans).
      let ancestor = byId.get(client.parentSpanId);
      while (ancestor && ancestor.spanId !== server.spanId) ancestor = byId.get(ancestor.parentSpanId);
      expect(ancestor?.spanId).toBe(server.spanId);
    }
    expect(server.parentSpanId).toBe('');
    expect(server.attributes['http.response.status_code']).toBe(200);
    // The provider was sent the CLIENT span's own context: its traces can continue ours.
    const sent = emulator.requests.map((r) => r.headers.traceparent);
    expect(sent.length).toBe(clients.length);
    expect(sent.sort()).toEqual(clients.map((c) => `00-${c.traceId}-${c.spanId}-01`).sort());

    // A lone gateway process serves its own registry on its metrics port.
    const scrape = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(scrape).toMatch(
      /http_server_requests_total\{method="GET",route="\/unified\/ticketing\/:resource",status="200",app="gateway"\} 1\b/,
    );
  });
});
