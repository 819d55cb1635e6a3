/**
 * bench/noisy-neighbour: tenant B reads one ticket at a steady 20 calls a second (open loop, latency
 * measured to the microsecond), alone (the baseline, in the same run) and then while tenant A, on the
 * same gateway (the production fair-use defaults: 100 calls/s, burst 200, 32 in flight),
 *   1. loops a runaway override of its own tickets, one call at a time (each answered 422 by design: run
 *      into the time limit twice, then suspended: answered after that time without running);
 *   2. floods at 1,000 calls/s, ten times its limit (most answered 429); and again with B's baseline
 *      taken beside the same generator flooding a bare 429 server, so that verdict is the gateway's own
 *      share of what the flood costs B (A's generator runs on the same two cores as everything else);
 *   3. floods unbounded on 8 connections, as fast as the gateway answers (informational: on a 2-core
 *      machine the flood generator and the gateway then share the cores with everything else).
 * A's load comes from its own process (autocannon), so B's client does not share an event loop with it.
 * B's p99 on a shared 2-core machine moves by tens of percent between two runs of the same thing, so each
 * scenario alternates segments of B alone and B with A (BENCH_PAIRS pairs of BENCH_SECONDS, default 4 of
 * 10 s) and pools each side: the baseline is measured in the same run, interleaved.
 * Target: B's p99 with A at most 10 % above B's p99 alone (2b: beside the generator), in scenarios 1 and 2.
 * BENCH_LANES=1 puts B in a tenant lane of its own (GATEWAY_TENANT_LANES), BENCH_LANE_CPUS=1 also on a
 * core of its own. A run where any of B's
 * calls failed or answered non-2xx, or where A got an unexpected answer, is INVALID (not re-run: a scenario
 * takes minutes), and so is every verdict when the control itself is.
 *   npm run bench:noisy-neighbour
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';
import * as path from 'node:path';
import { Pool } from 'undici';
import { pinEveryThread } from '../../apps/gateway/src/tenant-lanes/lane-scheduling';
import { startServer, type RunningServer } from '../../test/support/child-app';
import { percentile } from '../support/stats';
import { failureProblems, printVerdicts, roundStatus, verdictLine, type Checked } from '../support/verdict';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const pairs = Number(process.env.BENCH_PAIRS ?? 4);
const B_RATE = 20;
// The tenant limit the gateway is sized for (per tenant and per API key, burst twice that).
const LIMIT = Number(process.env.BENCH_TENANT_LIMIT ?? 100);
// A's load generator stands for a client on another machine: at nice 19 it takes only the CPU the
// gateway, the emulators and B leave (BENCH_FLOOD_NICE=0 to compete on equal terms).
const FLOOD_NICE = Number(process.env.BENCH_FLOOD_NICE ?? 19);
// A's provider stands for A's account at its provider, on other machines too: at nice 19 it takes only the
// CPU left over, like A's generator (BENCH_A_PROVIDER_NICE=0: on equal terms with B's provider and the
// gateway, as in the runs before 2026-12-05).
const A_PROVIDER_NICE = Number(process.env.BENCH_A_PROVIDER_NICE ?? 19);
// BENCH_PIN=1: the gateway on a core of its own, as on its own host; B, the emulators and A's generator
// share the others. Off by default: on 2 cores it made the noise floor worse (control +63 %).
const PIN = process.env.BENCH_PIN === '1' && availableParallelism() >= 2;
// BENCH_LANES=1: B in a tenant lane of its own (GATEWAY_TENANT_LANES, one worker), A on the default
// lane's worker, under the gateway's cluster primary; otherwise one gateway process serves both.
const LANES = process.env.BENCH_LANES === '1';
// With lanes, the default lane's nice value (GATEWAY_DEFAULT_LANE_NICE): its processes then yield the
// cores to B's lane when both want them.
const DEFAULT_LANE_NICE = Number(process.env.BENCH_DEFAULT_LANE_NICE ?? 10);
const GATEWAY_CPU = availableParallelism() - 1;
// BENCH_LANE_CPUS=1 (with lanes): B's lane on a core of its own (the lane's `@<cpus>`), the default lane
// on the others (GATEWAY_DEFAULT_LANE_CPUS). B's client and provider run beside B's lane, A's generator
// and provider beside the default lane: each side's clients on its own cores, as on hosts of their own.
const LANE_CPUS = LANES && process.env.BENCH_LANE_CPUS === '1' && availableParallelism() >= 2;
const B_CPUS = String(GATEWAY_CPU);
const A_CPUS = `0-${GATEWAY_CPU - 1}`;

/** Moves every thread of a process to the given CPU list: the gateway's own lane pinning. */
const pin = (pid: number, cpus: string): void => pinEveryThread(cpus, pid);
/** Sets the nice value of every thread of a process (Linux: a nice value belongs to a thread). */
function renice(pid: number, niceness: number): void {
  for (const tid of readdirSync(`/proc/${pid}/task`)) setPriority(Number(tid), niceness);
}
const RUNAWAY = '($f := function($x){ $f($x) }; $f(1))';
const ROOT = path.resolve(__dirname, '../..');

interface Tenant {
  key: string;
  connection: string;
}

interface BSample {
  latencies: number[];
  failures: number;
}

/**
 * A keep-alive client for one tenant's calls. undici's pool rather than fetch: B's latencies are taken in
 * this process, and fetch's own work (~6x the CPU per call, bench/README.md) would count in them and grow
 * with whatever else runs on the cores.
 */
const clients = new Map<string, Pool>();
async function get(url: string, headers: Record<string, string>): Promise<number> {
  const { origin, pathname, search } = new URL(url);
  const client =
    clients.get(origin) ?? clients.set(origin, new Pool(origin, { connections: 8 })).get(origin)!;
  const answer = await client.request({ path: pathname + search, method: 'GET', headers });
  await answer.body.dump();
  return answer.statusCode;
}

/** B's calls, one every 1000/B_RATE ms whatever the answers take (open loop), for `seconds`. */
async function bSegment(url: string, key: string): Promise<BSample> {
  const latencies: number[] = [];
  let failures = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < seconds * B_RATE; i++) {
    const wait = started + (i * 1000) / B_RATE - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      (async () => {
        const sent = performance.now();
        try {
          const status = await get(url, { authorization: `Bearer ${key}` });
          if (status !== 200) failures += 1;
          else latencies.push(performance.now() - sent);
        } catch {
          failures += 1;
        }
      })(),
    );
  }
  await Promise.all(pending);
  return { latencies, failures };
}

/** A's load from its own process: autocannon's CLI, its JSON summary. */
function flood(url: string, key: string, args: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      LANE_CPUS ? 'taskset' : 'nice',
      [
        ...(LANE_CPUS ? ['-c', A_CPUS, 'nice'] : []),
        '-n',
        String(FLOOD_NICE),
        process.execPath,
        path.join(ROOT, 'node_modules/autocannon/autocannon.js'),
        '-j',
        '-d',
        String(seconds + 1),
        '-H',
        `authorization=Bearer ${key}`,
        ...args,
        url,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`));
      const result = JSON.parse(out) as {
        requests: { average: number };
        non2xx: number;
        errors: number;
        timeouts: number;
        statusCodeStats?: Record<string, { count: number }>;
      };
      const statuses = Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([status, s]) => [status, s.count]),
      );
      resolve({ perSecond: result.requests.average, errors: result.errors + result.timeouts, ...statuses });
    });
  });
}

/** What tenant A does during a scenario's "with A" segments. */
interface Scenario {
  label: string;
  /** Starts A's activity; the returned function stops it and describes what A got. */
  start(): () => Promise<Record<string, number>>;
  /** A's answers that make the round INVALID. */
  unexpected(got: Record<string, number>): string | undefined;
  /**
   * What runs during the baseline segments instead of nothing (B alone otherwise): the same load aimed
   * elsewhere, so the verdict measures only what the gateway adds.
   */
  startBaseline?(): () => Promise<Record<string, number>>;
}

interface ScenarioResult extends Checked {
  alone: BSample;
  withA: BSample;
  a: Record<string, number>;
}

const summary = (sample: BSample) => ({
  p50: percentile(sample.latencies, 50),
  p99: percentile(sample.latencies, 99),
  max: Math.max(...sample.latencies),
});

async function main(): Promise<void> {
  // Children inherit the bench's CPUs; the gateway is moved to its own afterwards.
  if (PIN) pin(process.pid, `0-${GATEWAY_CPU - 1}`);
  // Each tenant's provider in its own process, as two customers' accounts are: B's provider is not
  // slowed by A's calls, so what B sees is the gateway's doing.
  const emulator = await startServer('bench/gateway/emulator-server.ts', {});
  const emulatorOfA = await startServer('bench/gateway/emulator-server.ts', {});
  renice(emulatorOfA.process.pid!, A_PROVIDER_NICE);
  if (LANE_CPUS) {
    pin(emulatorOfA.process.pid!, A_CPUS);
    pin(emulator.process.pid!, B_CPUS);
  }
  let gateway: RunningServer | undefined;
  let bare: RunningServer | undefined;
  const results: ScenarioResult[] = [];
  try {
    gateway = await startServer('bench/gateway/gateway-server.ts', {
      BENCH_EMULATOR_URLS: `${emulatorOfA.url},${emulator.url}`,
      BENCH_TENANTS: '2',
      ...(LANES ? { BENCH_LANE_TENANTS: '1', GATEWAY_DEFAULT_LANE_NICE: String(DEFAULT_LANE_NICE) } : {}),
      ...(LANE_CPUS ? { BENCH_LANE_CPUS: B_CPUS, GATEWAY_DEFAULT_LANE_CPUS: A_CPUS } : {}),
      NODE_OPTIONS: process.env.BENCH_GATEWAY_NODE_OPTIONS ?? '--max-semi-space-size=64',
      // The production defaults.
      TENANT_RATE_LIMIT_PER_SECOND: String(LIMIT),
      TENANT_RATE_LIMIT_BURST: String(2 * LIMIT),
      TENANT_MAX_CONCURRENT_REQUESTS: '32',
      API_KEY_RATE_LIMIT_PER_SECOND: String(LIMIT),
      API_KEY_RATE_LIMIT_BURST: String(2 * LIMIT),
      API_KEY_MAX_CONCURRENT_REQUESTS: '32',
    });
    if (PIN) pin(gateway.process.pid!, String(GATEWAY_CPU));
    // B's client, after the gateway started: its primary (it only hands connections over) keeps every CPU.
    if (LANE_CPUS) pin(process.pid, B_CPUS);
    const url = gateway.url;
    const [aKey, aConnection, bKey, bConnection] = gateway.extra.split(',');
    const a: Tenant = { key: aKey, connection: aConnection };
    const b: Tenant = { key: bKey, connection: bConnection };
    const getOne = (t: Tenant) => `${url}/unified/ticketing/tickets/1?connection_id=${t.connection}`;
    const overrideUrl = `${url}/mappings/overrides/tickets.record`;
    const asA = { authorization: `Bearer ${a.key}` };

    // One call at a time from A's own process (like the floods), as fast as the answers come: each call
    // runs into the 1 s time limit, and once the override is suspended it is answered after that second
    // without running (429 would be A's own fair-use limit).
    const runawayLoop: Scenario = {
      label: 'A loops a runaway override',
      start() {
        const running = flood(getOne(a), a.key, ['-c', '1']);
        return () => running;
      },
      unexpected: (got) =>
        !(got['422'] > 0) ||
        got.errors > 0 ||
        Object.keys(got).some((k) => /^\d+$/.test(k) && k !== '422' && k !== '429')
          ? `A expected 422 (and 429 once suspended) only, got ${JSON.stringify(got)}`
          : undefined,
    };
    const floodAt = (label: string, args: string[]): Scenario => ({
      label,
      start() {
        const running = flood(getOne(a), a.key, args);
        return () => running;
      },
      unexpected: (got) => {
        if (got.errors > 0 || Object.keys(got).some((k) => /^\d+$/.test(k) && k !== '200' && k !== '429'))
          return `A expected 200 and 429 only, got ${JSON.stringify(got)}`;
        // A flood that did not reach its rate (a slow or starved generator) is not the scenario named.
        const rate = args.includes('-R') ? Number(args[args.indexOf('-R') + 1]) : undefined;
        const answered = Object.entries(got).reduce((sum, [k, v]) => sum + (/^\d+$/.test(k) ? v : 0), 0);
        const asked = rate === undefined ? 0 : rate * (seconds + 1) * pairs;
        return answered < 0.9 * asked
          ? `A's generator got ${answered} answers of the ${asked} its rate asks for: the flood did not happen`
          : undefined;
      },
    });

    bare = await startServer('bench/noisy-neighbour/bare-429-server.ts', {});
    if (LANE_CPUS) pin(bare.process.pid!, A_CPUS); // it stands for the gateway's default lane
    await bSegment(getOne(b), b.key); // warm-up
    const control: Scenario = {
      label: 'A does nothing (control: the noise floor)',
      start: () => async () => ({}),
      unexpected: () => undefined,
    };
    const scenarios: [Scenario, () => Promise<void>, () => Promise<void>][] = [
      [control, async () => {}, async () => {}],
      [
        runawayLoop,
        async () => {
          const put = await fetch(overrideUrl, {
            method: 'PUT',
            headers: { ...asA, 'content-type': 'application/json' },
            body: JSON.stringify({ expression: RUNAWAY }),
          });
          if (put.status !== 200) throw new Error(`saving A's override: ${put.status}`);
        },
        async () => void (await fetch(overrideUrl, { method: 'DELETE', headers: asA })),
      ],
      [
        floodAt(`A floods at 1,000 calls/s (${Math.round(1000 / LIMIT)}x its limit)`, [
          '-c',
          '8',
          '-R',
          '1000',
        ]),
        async () => {},
        async () => {},
      ],
      // A inside its limit: the share of the gateway A is entitled to, beside what its flood costs.
      [
        floodAt(`A calls at ${Math.round(LIMIT * 0.9)} calls/s, within its limit (control)`, [
          '-c',
          '8',
          '-R',
          String(Math.round(LIMIT * 0.9)),
        ]),
        async () => {},
        async () => {},
      ],
      // B's baseline here is not B alone but B beside the same generator flooding a bare 429 server: the
      // verdict is then what the gateway adds to what A's load generator costs on the same cores.
      [
        {
          ...floodAt(
            "A floods at 1,000 calls/s, baseline: that generator at a bare 429 server (the gateway's share)",
            ['-c', '8', '-R', '1000'],
          ),
          startBaseline() {
            const running = flood(bare!.url, a.key, ['-c', '8', '-R', '1000']);
            return () => running;
          },
        },
        async () => {},
        async () => {},
      ],
      [floodAt('A floods unbounded, 8 conns (informational)', ['-c', '8']), async () => {}, async () => {}],
      [
        {
          // The same generator at the same rate against a bare server answering 429 in another process:
          // what the flood costs B through the machine's two cores alone, with no gateway work at all.
          ...floodAt('the same 1,000 calls/s at a bare 429 server (control: the generator itself)', [
            '-c',
            '8',
            '-R',
            '1000',
          ]),
          start() {
            const running = flood(bare!.url, a.key, ['-c', '8', '-R', '1000']);
            return () => running;
          },
        },
        async () => {},
        async () => {},
      ],
    ];
    // BENCH_ONLY=<words>[|<words>…]: only the scenarios whose label contains one of them (the control always runs).
    const only = process.env.BENCH_ONLY;
    const chosen = scenarios.filter(
      ([s]) => !only || s === control || only.split('|').some((words) => s.label.includes(words)),
    );
    for (const [scenario, setUp, tearDown] of chosen) {
      await setUp();
      const result: ScenarioResult = {
        label: scenario.label,
        alone: { latencies: [], failures: 0 },
        withA: { latencies: [], failures: 0 },
        a: {},
        problems: [],
      };
      // Alternating segments (alone, with A, with A, alone, ...), so drift on the machine falls on both.
      for (let pair = 0; pair < pairs; pair++) {
        for (const withA of pair % 2 === 0 ? [false, true] : [true, false]) {
          await new Promise((resolve) => setTimeout(resolve, 1_500)); // A's bucket refills, A's calls drain
          const stop = withA ? scenario.start() : undefined;
          const stopBaseline = withA ? undefined : scenario.startBaseline?.();
          const sample = await bSegment(getOne(b), b.key);
          const target = withA ? result.withA : result.alone;
          target.latencies.push(...sample.latencies);
          target.failures += sample.failures;
          if (stopBaseline) {
            const got = await stopBaseline();
            if (got.errors > 0) result.problems.push(`the baseline's generator had ${got.errors} errors`);
          }
          if (stop) {
            for (const [k, v] of Object.entries(await stop()))
              if (k !== 'perSecond') result.a[k] = (result.a[k] ?? 0) + v;
          }
        }
      }
      await tearDown();
      const problem = scenario.unexpected(result.a);
      if (problem) result.problems.push(problem);
      const bCalls = 2 * pairs * seconds * B_RATE;
      result.problems.push(
        ...failureProblems(result.alone.failures + result.withA.failures, bCalls, 'calls of B'),
      );
      results.push(result);
    }
  } finally {
    await Promise.all([...clients.values()].map((client) => client.close()));
    await gateway?.stop();
    await bare?.stop();
    await emulator.stop();
    await emulatorOfA.stop();
  }

  console.log(
    `bench/noisy-neighbour: B at ${B_RATE} calls/s (open loop); per scenario ${pairs} alternating pairs of ` +
      `${seconds} s segments, B alone and B with A; tenant limit ${LIMIT}/s; ` +
      (PIN ? `gateway pinned to CPU ${GATEWAY_CPU}, the rest to the others; ` : 'no pinning; ') +
      (LANES
        ? `B in a tenant lane of its own (A on the default lane, at nice ${DEFAULT_LANE_NICE}` +
          (LANE_CPUS ? `; B's lane, client and provider on CPU ${B_CPUS}, the rest on ${A_CPUS}); ` : '); ')
        : 'one gateway process for both; ') +
      `A's generator at nice ${FLOOD_NICE}, A's provider at nice ${A_PROVIDER_NICE}`,
  );
  const percent = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;
  console.log(
    '| scenario | B alone p50 / p99 ms | B with A p50 / p99 ms | B p99 rise | what A got | round |',
  );
  console.log('| --- | ---: | ---: | ---: | --- | --- |');
  const fixed = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(2));
  for (const r of results) {
    const alone = summary(r.alone);
    const withA = summary(r.withA);
    const rise = withA.p99 / alone.p99 - 1;
    console.log(
      `| ${r.label} | ${fixed(alone.p50)} / ${fixed(alone.p99)} | ${fixed(withA.p50)} / ` +
        `${fixed(withA.p99)} | ${percent(rise)} | ${JSON.stringify(r.a)} | ${roundStatus(r)} |`,
    );
  }
  const control = results[0];
  console.log('');
  printVerdicts(
    results
      .filter((x) => !/informational|control/.test(x.label))
      .map((r) =>
        verdictLine(
          {
            name: `${r.label}: B p99`,
            value: summary(r.withA).p99 / summary(r.alone).p99 - 1,
            format: percent,
            target: { atMost: 0.1 },
          },
          [r, control],
        ),
      ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
