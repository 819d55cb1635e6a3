import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { freePort, waitUntil } from '../dispatch/dispatch-support';
import { spawnTypeScript } from '../support/child-app';
import { childrenOf } from '../support/proc-stat';
import { startGatewayCluster, type GatewayCluster } from '../support/gateway-cluster';

const ADMIN_KEY = randomBytes(24).toString('hex');

describe('gateway with GATEWAY_WORKERS=2 (the production entry point under a cluster primary)', () => {
  let cluster: GatewayCluster;
  let primary: ChildProcess;
  let url: string;
  let metricsUrl: string;
  /** Pids that logged "gateway listening". */
  const listeningWorkers = () =>
    [...cluster.log().matchAll(/"pid":(\d+)[^\n]*"gateway listening"/g)].map((match) => Number(match[1]));

  beforeAll(async () => {
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    cluster = await startGatewayCluster(ADMIN_KEY, { GATEWAY_METRICS_PORT: String(metricsPort) });
    primary = cluster.primary;
    url = cluster.url;
  }, 90_000);

  afterAll(() => cluster?.stop());

  /** A fresh TCP connection per call, so the cluster hands calls to both workers. */
  const call = (route: string, init: RequestInit = {}) =>
    fetch(`${url}${route}`, { ...init, headers: { connection: 'close', ...(init.headers ?? {}) } });

  it('serves from both workers over one store: what one creates, the other knows', async () => {
    const created = await call('/admin/tenants', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'workers' }),
    });
    expect(created.status).toBe(201);
    const key = ((await created.json()) as { api_key: { secret: string } }).api_key.secret;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call('/connections', { headers: { authorization: `Bearer ${key}` } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });

  it("serves one /metrics for the cluster on its own port: both workers' calls summed, by route pattern", async () => {
    const created = await call('/admin/tenants', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'metrics' }),
    });
    const key = ((await created.json()) as { api_key: { secret: string } }).api_key.secret;
    const series =
      'http_server_requests_total{method="GET",route="/connections/:id",status="404",app="gateway"}';
    const counted = async () => {
      const text = await (await fetch(metricsUrl)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : 0;
    };
    const before = await counted();
    // Fresh connections: the primary deals them to both workers, each counting its own.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(`/connections/con_missing${i}`, { headers: { authorization: `Bearer ${key}` } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(404));
    expect((await counted()) - before).toBe(30);
    const scrape = await (await fetch(metricsUrl)).text();
    expect(scrape).toContain('http_server_request_duration_seconds_bucket{');
    expect(scrape).not.toContain('con_missing');
    // Tenants' port never serves operational figures.
    expect((await call('/metrics')).status).toBe(404);
  });

  it('keeps serving while a killed worker is replaced, and stops them all on SIGTERM', async () => {
    const [victim, survivor] = childrenOf(primary.pid!);
    expect(listeningWorkers().sort()).toEqual([victim, survivor].sort());
    process.kill(victim, 'SIGKILL');
    // Once the primary has seen the death (connections in flight to the dying worker die with it),
    // the survivor answers everything while the replacement starts.
    await waitUntil(() => cluster.log().includes(`"worker died; starting another","pid":${victim}`), 30_000);
    for (let i = 0; i < 20; i++) expect((await call('/health/live')).status).toBe(200);
    await waitUntil(() => listeningWorkers().length === 3, 60_000);
    const replacement = listeningWorkers()[2];
    expect([victim, survivor]).not.toContain(replacement);
    expect(childrenOf(primary.pid!).sort()).toEqual([survivor, replacement].sort());

    expect(await cluster.stop()).toBe(0);
    expect([survivor, replacement].filter((pid) => readdirSync('/proc').includes(String(pid)))).toEqual([]);
  }, 90_000);
});

describe('worker cluster crash loop', () => {
  it('stops the primary with exit code 1 when workers keep dying right after they start', async () => {
    const primary = spawnTypeScript('test/gateway/fixtures/crash-looping-workers.ts', {}, [
      'ignore',
      'pipe',
      'pipe',
    ]);
    let errors = '';
    primary.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((done) => primary.once('exit', (c) => done(c)));
    expect(code).toBe(1);
    expect(errors.match(/worker died; starting another/g)).toHaveLength(3);
    expect(errors).toContain('workers keep dying at start-up; giving up');
  }, 60_000);
});
