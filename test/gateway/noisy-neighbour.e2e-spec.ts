import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { waitUntil } from '../dispatch/dispatch-support';
import { startGatewayCluster, type GatewayCluster } from '../support/gateway-cluster';
import { STORE, type Store } from '@app/store';
import { captureOutput } from '../support/capture-output';
import { ADMIN_KEY, createTenant, startGateway, type RunningGateway } from '../support/gateway';

const RUNAWAY = '($f := function($x){ $f($x) }; $f(1))';
/** One synchronous step jsonata's own timeout cannot interrupt: only the sandbox's deadline stops it. */
const TIGHT_LOOP = '$count([1..10000000][$ % 7 = 0]) ? {"id": "x"}';
const MEMORY_HUNGRY = '$count([1..10000000].[1..100]) ? {"id": "x"}';

interface Tenant {
  id: string;
  key: string;
  connection: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * One tenant must not slow down or exhaust the gateway for the others: its runaway or memory-hungry
 * overrides run off the request thread, and its flood is answered 429 while the others are served.
 */
describe('gateway: one tenant cannot slow down the others', () => {
  const emulator = new GithubEmulator();
  let gateway: RunningGateway;
  let a: Tenant;
  let b: Tenant;

  const connect = async (name: string): Promise<Tenant> => {
    const tenant = await createTenant(gateway, name);
    const created = await gateway.call('POST', '/connections', {
      key: tenant.key,
      body: {
        provider: 'github',
        settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url },
        credentials: { token: GITHUB_SEED_TOKEN },
      },
    });
    expect(created.status).toBe(201);
    return { ...tenant, connection: created.body.id };
  };
  const getTicket = (t: Tenant) =>
    gateway.call(
      'GET',
      `/unified/ticketing/tickets/1?connection_id=${t.connection}&include_remote_data=false`,
      {
        key: t.key,
      },
    );

  /**
   * B reads one ticket `calls` times, one call at a time at most 20 a second (the user), so B
   * itself stays within the tenant limit of 50/s (unpaced, a fast machine made B's ~55 calls of a case in
   * well under a second and B was refused by its own limit); the latencies, sorted.
   */
  const bReads = async (calls: number): Promise<number[]> => {
    const latencies: number[] = [];
    for (let i = 0; i < calls; i++) {
      const started = performance.now();
      const answer = await getTicket(b);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 50 - performance.now())));
      // With the answer's body: a refusal says its scope and reason (fair use, sandbox or provider).
      expect({ status: answer.status, body: answer.status === 200 ? undefined : answer.body }).toEqual({
        status: 200,
        body: undefined,
      });
    }
    return latencies.sort((x, y) => x - y);
  };

  beforeAll(async () => {
    await emulator.start();
    gateway = await startGateway({
      LOG_LEVEL: 'debug',
      // A's flood is measured against a small limit; B stays far below it.
      TENANT_RATE_LIMIT_PER_SECOND: '50',
      TENANT_RATE_LIMIT_BURST: '50',
      TENANT_MAX_CONCURRENT_REQUESTS: '8',
    });
    a = await connect('tenant A');
    b = await connect('tenant B');
    await bReads(5); // warm-up
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator.stop();
  });

  it.each([
    ['a runaway recursion', RUNAWAY],
    ['a tight loop', TIGHT_LOOP],
    ['a memory-hungry expression', MEMORY_HUNGRY],
  ])(
    '%s in A’s override: A gets 422 naming it, B’s calls meanwhile stay fast',
    async (_label, expression) => {
      const put = await gateway.call('PUT', '/mappings/overrides/tickets.record', {
        key: a.key,
        body: { expression },
      });
      expect(put.status).toBe(200);
      const baseline = await bReads(20);

      const output = captureOutput();
      let aRunning = true;
      const aAnswers: { status: number; body: Record<string, unknown> }[] = [];
      const aLoop = (async () => {
        while (aRunning) aAnswers.push(await getTicket(a));
      })();
      const heapBefore = process.memoryUsage().heapUsed;
      let during: number[];
      try {
        // 3 s: two evaluations stopped by the 1 s time limit, then the override suspended (see below).
        during = await bReads(60);
      } finally {
        // Also when B's reads fail: A's loop must not run on into the next tests, nor the capture.
        aRunning = false;
        await aLoop;
        output.restore();
      }
      // The gateway's logs (shared by every tenant) carry nothing of A's override or its failures.
      expect(output.text()).not.toContain('tickets.record');
      expect(output.text()).not.toContain(expression);

      // 422 naming the override; once a time-limited one is suspended (answered without running), A's
      // loop runs into its own fair-use limit too: 429 for A's tenant or key, never anything else.
      const overrideFailures = aAnswers.filter((answer) => answer.status === 422);
      expect(overrideFailures.length).toBeGreaterThan(0);
      for (const answer of aAnswers) expect([422, 429]).toContain(answer.status);
      for (const answer of aAnswers.filter((a) => a.status === 429))
        expect(answer.body).toMatchObject({
          details: { scope: expect.stringMatching(/^(tenant|api_key)$/) },
        });
      for (const answer of overrideFailures) {
        expect(answer.body).toMatchObject({
          message: expect.stringContaining('tenant mapping override tickets.record failed'),
          details: { override: { key: 'tickets.record', level: 'tenant', connection_id: null } },
        });
      }
      const suspended = overrideFailures.filter(
        (answer) => (answer.body.details as { code?: string }).code === 'suspended',
      );
      // Twice out of time, then not run for a while (the memory-hungry one may hit its heap limit first).
      if (expression !== MEMORY_HUNGRY) expect(suspended.length).toBeGreaterThan(0);
      // B's calls were not held behind A's evaluations (each ~1 s): bounded by a small multiple of its own.
      const bound = Math.max(100, 3 * percentile(baseline, 99));
      expect(percentile(during, 99)).toBeLessThan(bound);
      expect(during[during.length - 1]).toBeLessThan(bound * 2);
      // A's evaluations never held their memory on the request thread.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);

      const listed = await gateway.call('GET', '/mappings/overrides', { key: a.key });
      await waitUntil(async () => {
        const now = await gateway.call('GET', '/mappings/overrides', { key: a.key });
        return now.body.result[0].failures.count >= overrideFailures.length;
      }, 5_000);
      expect(listed.status).toBe(200);
      const failures = (await gateway.call('GET', '/mappings/overrides', { key: a.key })).body.result[0]
        .failures;
      expect(failures).toMatchObject({ count: expect.any(Number), last_message: expect.any(String) });
      // B sees nothing of A's override or its failures.
      expect((await gateway.call('GET', '/mappings/overrides', { key: b.key })).body.result).toEqual([]);
      await gateway.call('DELETE', '/mappings/overrides/tickets.record', { key: a.key });
    },
    60_000,
  );

  it('answers A’s flood with 429 and Retry-After while B is served', async () => {
    // Once A is known to be over its limit, its calls are refused before the store is asked who they are.
    // A is brought over its limit first, one call at a time (150 calls fired at once while its bucket
    // is full would mostly arrive before the first took a token, more of them on a loaded machine);
    // then 200 ms refill a few tokens for the flood.
    for (let i = 0; i < 200 && (await getTicket(a)).status !== 429; i++);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const store = gateway.app.get<Store>(STORE);
    const authenticate = store.apiKeys.authenticate.bind(store.apiKeys);
    let lookups = 0;
    store.apiKeys.authenticate = (secret: string) => (lookups++, authenticate(secret));
    const started = Date.now();
    const flood = await Promise.all(Array.from({ length: 150 }, () => getTicket(a)));
    const floodLookups = lookups;
    store.apiKeys.authenticate = authenticate;
    const elapsedSeconds = (Date.now() - started) / 1000;
    const b200 = await bReads(10);
    const statuses = flood.map((f) => f.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    // At most the bucket (50) and what 50/s refilled while the flood lasted.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(
      50 + Math.ceil(50 * elapsedSeconds) + 1,
    );
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    const refused = flood.find((f) => f.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-limit')).toMatch(/^\d+$/);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('ratelimit-reset')).toMatch(/^\d+$/);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      details: { scope: expect.stringMatching(/tenant|api_key/) },
    });
    expect(b200).toHaveLength(10);
    expect(floodLookups).toBeLessThan(statuses.filter((s) => s === 429).length);
  }, 30_000);
});

describe('gateway fair use across GATEWAY_WORKERS=2', () => {
  let cluster: GatewayCluster;
  let url: string;
  const RATE = 10;

  beforeAll(async () => {
    cluster = await startGatewayCluster(ADMIN_KEY, {
      TENANT_RATE_LIMIT_PER_SECOND: String(RATE),
      TENANT_RATE_LIMIT_BURST: String(RATE),
    });
    url = cluster.url;
  }, 90_000);

  afterAll(() => cluster?.stop());

  it('holds the tenant’s limit for the gateway as a whole, each worker enforcing half', async () => {
    const created = await fetch(`${url}/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'flood' }),
    });
    const key = ((await created.json()) as { api_key: { secret: string } }).api_key.secret;
    const started = Date.now();
    // A fresh connection per call: the cluster deals them to both workers in turn.
    const answers = await Promise.all(
      Array.from({ length: 80 }, () =>
        fetch(`${url}/connections`, { headers: { authorization: `Bearer ${key}`, connection: 'close' } }),
      ),
    );
    const elapsedSeconds = (Date.now() - started) / 1000;
    const ok = answers.filter((a) => a.status === 200).length;
    expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true);
    // The burst (5 per worker) plus what the rate refilled meanwhile, never the burst of each worker alone twice over.
    expect(ok).toBeGreaterThanOrEqual(RATE / 2);
    expect(ok).toBeLessThanOrEqual(RATE + Math.ceil(RATE * elapsedSeconds) + 2);
  }, 60_000);
});
