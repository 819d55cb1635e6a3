import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openStore } from '@app/store';
import { waitUntil } from '../dispatch/dispatch-support';
import { startGatewayCluster, type GatewayCluster } from '../support/gateway-cluster';
import { spawnTypeScript } from '../support/child-app';
import { childrenOf, statFields } from '../support/proc-stat';

const ADMIN_KEY = randomBytes(24).toString('hex');

/** The CPUs a process or thread may run on, as the kernel lists them (`0-1`, `1`). */
const cpusOf = (statusPath: string) =>
  /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(statusPath, 'utf8'))![1];

/** The first and the last CPU this test may use: the default lane's and the lane's (one CPU: the same). */
function twoCpus(): [string, string] {
  const ids = cpusOf('/proc/self/status')
    .split(',')
    .flatMap((range) => {
      const [from, to = from] = range.split('-').map(Number);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    });
  return [String(ids[0]), String(ids[ids.length - 1])];
}
const [DEFAULT_CPU, LANE_CPU] = twoCpus();

/** The cluster's workers and the lane each was started for. */
function workersOf(primaryPid: number): { pid: number; lane: string }[] {
  return childrenOf(primaryPid).flatMap((pid) => {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      const lane = environ.find((v) => v.startsWith('GATEWAY_LANE='))?.slice('GATEWAY_LANE='.length);
      return lane ? [{ pid, lane }] : [];
    } catch {
      return []; // the process ended meanwhile
    }
  });
}

/** A call on a fresh connection that gives up after `ms` (undefined: no answer by then). */
async function callWithin(url: string, key: string | undefined, ms: number): Promise<number | undefined> {
  try {
    const answer = await fetch(`${url}/connections`, {
      headers: { connection: 'close', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      signal: AbortSignal.timeout(ms),
    });
    await answer.arrayBuffer();
    return answer.status;
  } catch {
    return undefined;
  }
}

describe('gateway with tenant lanes (GATEWAY_TENANT_LANES: a tenant served by processes of its own)', () => {
  let cluster: GatewayCluster;
  let keyOfA: string;
  let keyOfB: string;

  beforeAll(async () => {
    // The lanes name tenants, so the tenants exist before the gateway starts (as an operator's would).
    const storeEnv = {
      SQLITE_PATH: path.join(mkdtempSync(path.join(tmpdir(), 'tenant-lanes-')), 'store.sqlite'),
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    };
    const store = await openStore({ STORE_DRIVER: 'sqlite', ...storeEnv });
    const [a, b] = [await store.tenants.create({ name: 'A' }), await store.tenants.create({ name: 'B' })];
    keyOfA = (await store.apiKeys.issue(a.id, { name: 'a' })).secret;
    keyOfB = (await store.apiKeys.issue(b.id, { name: 'b' })).secret;
    await store.close();
    cluster = await startGatewayCluster(
      ADMIN_KEY,
      {
        ...storeEnv,
        GATEWAY_WORKERS: '1',
        GATEWAY_TENANT_LANES: `isolated:1@${LANE_CPU}=${b.id}`,
        GATEWAY_DEFAULT_LANE_NICE: '7',
        GATEWAY_DEFAULT_LANE_CPUS: DEFAULT_CPU,
      },
      '"gateway listening"',
    );
  }, 90_000);

  afterAll(async () => {
    // A test that failed half-way may leave a worker stopped.
    for (const { pid } of cluster ? workersOf(cluster.primary.pid!) : []) process.kill(pid, 'SIGCONT');
    await cluster?.stop();
  });

  const workerOfLane = (lane: string) => {
    const worker = workersOf(cluster.primary.pid!).find((w) => w.lane === lane);
    if (!worker) throw new Error(`no worker of lane ${lane}`);
    return worker.pid;
  };

  it('starts one worker per lane slot, each told its lane', () => {
    expect(
      workersOf(cluster.primary.pid!)
        .map((w) => w.lane)
        .sort(),
    ).toEqual(['default', 'isolated']);
  });

  it("runs the default lane's every thread at GATEWAY_DEFAULT_LANE_NICE, the lane's at 0", () => {
    const nices = (pid: number) =>
      readdirSync(`/proc/${pid}/task`).map((tid) => Number(statFields(`/proc/${pid}/task/${tid}/stat`)[16]));
    const defaultThreads = nices(workerOfLane('default'));
    expect(defaultThreads.length).toBeGreaterThan(4);
    expect(new Set(defaultThreads)).toEqual(new Set([7]));
    expect(new Set(nices(workerOfLane('isolated')))).toEqual(new Set([0]));
  });

  it("pins each lane's every thread, and its tenant sandbox's processes, to the lane's CPUs", async () => {
    const threadCpus = (pid: number) =>
      readdirSync(`/proc/${pid}/task`).map((t) => cpusOf(`/proc/${pid}/task/${t}/status`));
    for (const [lane, cpus] of [
      ['default', DEFAULT_CPU],
      ['isolated', LANE_CPU],
    ]) {
      const worker = workerOfLane(lane);
      expect(new Set(threadCpus(worker))).toEqual(new Set([cpus]));
      // The sandbox's processes start with the worker and inherit its CPUs.
      await waitUntil(() => childrenOf(worker).length > 0, 30_000);
      for (const sandbox of childrenOf(worker)) expect(new Set(threadCpus(sandbox))).toEqual(new Set([cpus]));
    }
    // The primary, which only hands connections over, keeps every CPU.
    expect(cpusOf(`/proc/${cluster.primary.pid!}/status`)).toBe(cpusOf('/proc/self/status'));
  });

  it('refuses to start with a lane on a CPU the machine does not have, naming it', async () => {
    const primary = spawnTypeScript(
      'apps/gateway/src/main.ts',
      {
        ADMIN_API_KEY: ADMIN_KEY,
        SQLITE_PATH: path.join(mkdtempSync(path.join(tmpdir(), 'tenant-lanes-')), 'store.sqlite'),
        ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        GATEWAY_PORT: '0',
        GATEWAY_TENANT_LANES: 'big:1@1000=ten_x',
      },
      ['ignore', 'ignore', 'pipe'],
    );
    let stderr = '';
    primary.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => primary.once('exit', done));
    expect(code).toBe(1);
    expect(stderr).toContain('GATEWAY_TENANT_LANES lane "big": CPUs 1000 cannot be used here');
  }, 60_000);

  it("serves B from its lane while the default lane's process is frozen, and A once it runs again", async () => {
    const frozen = workerOfLane('default');
    process.kill(frozen, 'SIGSTOP');
    try {
      const pendingA = callWithin(cluster.url, keyOfA, 20_000);
      const pendingAnonymous = callWithin(cluster.url, undefined, 20_000);
      const started = Date.now();
      for (let i = 0; i < 5; i++) expect(await callWithin(cluster.url, keyOfB, 3_000)).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
      // A's call and a call without a key wait for the default lane: nothing answered them meanwhile.
      const raced = await Promise.race([pendingA, new Promise((r) => setTimeout(() => r('waiting'), 300))]);
      expect(raced).toBe('waiting');
      process.kill(frozen, 'SIGCONT');
      expect(await pendingA).toBe(200);
      expect(await pendingAnonymous).toBe(401);
    } finally {
      process.kill(frozen, 'SIGCONT');
    }
  });

  it("serves A while B's lane is frozen", async () => {
    const frozen = workerOfLane('isolated');
    process.kill(frozen, 'SIGSTOP');
    try {
      const pendingB = callWithin(cluster.url, keyOfB, 20_000);
      expect(await callWithin(cluster.url, keyOfA, 3_000)).toBe(200);
      process.kill(frozen, 'SIGCONT');
      expect(await pendingB).toBe(200);
    } finally {
      process.kill(frozen, 'SIGCONT');
    }
  });

  it('hands over every byte: a body that arrives after the head, and keep-alive requests after the first', async () => {
    const { port } = new URL(cluster.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    await new Promise((resolve) => socket.once('connect', resolve));
    // The field named last arrives in the second write; the answer names it only if it was read.
    const body = JSON.stringify({ provider: 'github', settings: {}, credentials: {}, field_sent_last: 1 });
    socket.write(
      `POST /connections HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${keyOfB}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(body.slice(10));
    await waitUntil(() => received.includes('\r\n\r\n') && received.includes('}'), 10_000);
    expect(received).toMatch(/^HTTP\/1\.1 400/);
    expect(received).toContain('property field_sent_last should not exist');
    received = '';
    socket.write(`GET /connections HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${keyOfB}\r\n\r\n`);
    await waitUntil(() => /^HTTP\/1\.1 200/.test(received) && received.includes('}'), 10_000);
    socket.destroy();
  });

  it('replaces a dead lane worker with one of the same lane', async () => {
    const killed = workerOfLane('isolated');
    process.kill(killed, 'SIGKILL');
    await waitUntil(
      () => workersOf(cluster.primary.pid!).some((w) => w.lane === 'isolated' && w.pid !== killed),
      60_000,
    );
    // Until then B was served by the default lane; now by its own again.
    await waitUntil(async () => (await callWithin(cluster.url, keyOfB, 3_000)) === 200, 30_000);
    const frozen = workerOfLane('default');
    process.kill(frozen, 'SIGSTOP');
    try {
      await waitUntil(async () => (await callWithin(cluster.url, keyOfB, 2_000)) === 200, 30_000);
    } finally {
      process.kill(frozen, 'SIGCONT');
    }
  }, 120_000);
});
