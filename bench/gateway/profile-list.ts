/**
 * bench/gateway CPU profile of list-100: one gateway process (`--cpu-prof`) and the emulator in their own
 * processes, list-100 calls at a fixed rate, then the functions with the most self time among the samples
 * of the measured window (start-up, warm-up and shutdown left out), and the same grouped by where the code
 * lives (a package, Node's internals, the project's own files). Before them, the gateway process's CPU per
 * call from /proc by thread (main thread, V8's helper threads named `node`, the profiler's own thread):
 * the profile samples the main thread only, and garbage the main thread makes is partly collected on others.
 *   npx ts-node -T -r tsconfig-paths/register bench/gateway/profile-list.ts
 * BENCH_SECONDS (default 15) measured, BENCH_RATE_LIST (default 40/s), BENCH_TOP (default 30) rows,
 * BENCH_QUERY (default `&limit=100`) appended to the list URL (e.g. `&limit=100&include_remote_data=true`).
 * The profile stays in the printed directory for a closer look (Chrome DevTools, speedscope).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runLoad } from '../support/load';
import { startGatewayUnderBench } from './bench-servers';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const rate = Number(process.env.BENCH_RATE_LIST ?? 40);
const top = Number(process.env.BENCH_TOP ?? 30);
const extraQuery = process.env.BENCH_QUERY ?? '&limit=100';
const WARM_UP_SECONDS = 5;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time (µs) per node id over the samples taken in [from, to] (profile clock, µs). */
function selfTimes(profile: CpuProfile, from: number, to: number): Map<number, number> {
  const times = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((node, index) => {
    at += profile.timeDeltas[index];
    // A sample's time is the interval up to the next one.
    const spent = profile.timeDeltas[index + 1] ?? 0;
    if (at >= from && at <= to) times.set(node, (times.get(node) ?? 0) + spent);
  });
  return times;
}

/** Where a function lives: a package, Node's internals, a project file, or V8's own bucket. */
function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node:internal';
  return path.relative(path.resolve(__dirname, '../..'), url.replace(/^file:\/\//, ''));
}

function table(title: string, rows: Map<string, number>, total: number): string[] {
  const sorted = [...rows].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `| ${title} | self ms | % of busy |`,
    '| --- | ---: | ---: |',
    ...sorted.map(
      ([name, micros]) =>
        `| ${name} | ${(micros / 1000).toFixed(0)} | ${((100 * micros) / total).toFixed(1)} |`,
    ),
  ];
}

/** User + system CPU (µs) of each thread of a process so far, summed by thread name (main, GC helpers, libuv). */
function threadCpu(child: ChildProcess): Map<string, number> {
  const byName = new Map<string, number>();
  const taskDir = `/proc/${child.pid}/task`;
  for (const task of readdirSync(taskDir)) {
    try {
      const stat = readFileSync(`${taskDir}/${task}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime in clock ticks (USER_HZ, 100 on Linux).
      const micros = (Number(fields[11]) + Number(fields[12])) * 10_000;
      const label = task === String(child.pid) ? 'main thread' : name;
      byName.set(label, (byName.get(label) ?? 0) + micros);
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return byName;
}

async function main(): Promise<void> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'gateway-profile-'));
  const { emulator, gateway, key, connection } = await startGatewayUnderBench([
    '--cpu-prof',
    `--cpu-prof-dir=${profileDir}`,
  ]);
  const load = (durationSeconds: number) =>
    runLoad({
      label: 'list-100 gateway',
      url: `${gateway.url}/unified/ticketing/tickets?connection_id=${connection}${extraQuery}`,
      durationSeconds,
      connections: 16,
      overallRate: rate,
      request: () => ({ method: 'GET', headers: { authorization: `Bearer ${key}` } }),
    });
  let answered = 0;
  let measuredFor = 0;
  try {
    await load(WARM_UP_SECONDS);
    const cpuBefore = threadCpu(gateway.process);
    const started = Date.now();
    const result = await load(seconds);
    measuredFor = Date.now() - started;
    const cpuAfter = threadCpu(gateway.process);
    const perCall = [...cpuAfter]
      .map(
        ([name, micros]) => [name, (micros - (cpuBefore.get(name) ?? 0)) / Math.max(result.ok, 1)] as const,
      )
      .filter(([, micros]) => micros > 0)
      .sort((a, b) => b[1] - a[1]);
    const total = perCall.reduce((sum, [, micros]) => sum + micros, 0);
    console.log(
      `gateway process CPU per call (/proc, all threads): ${total.toFixed(0)} µs — ` +
        perCall.map(([name, micros]) => `${name} ${micros.toFixed(0)}`).join(', '),
    );
    answered = result.ok;
    if (result.problems.length > 0) throw new Error(`broken round: ${result.problems.join('; ')}`);
  } finally {
    const stopping = Date.now();
    await gateway.stop();
    const shutdownMicros = (Date.now() - stopping) * 1000;
    await emulator.stop();
    // The profile ends when the gateway exits: the measured window is the stretch before its shutdown.
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (file && answered > 0) {
      const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile;
      const to = profile.endTime - shutdownMicros;
      report(profile, to - measuredFor * 1000, to, answered, path.join(profileDir, file));
    }
  }
}

function report(profile: CpuProfile, from: number, to: number, answered: number, file: string): void {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfTimes(profile, from, to)) {
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    busy += micros;
    const place = placeOf(url, functionName);
    const name = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    places.set(place, (places.get(place) ?? 0) + micros);
  }
  console.log(
    `list-100 through one gateway at ${rate}/s for ${seconds}s: ${answered} answered, ` +
      `${(busy / answered).toFixed(0)} µs of sampled busy CPU per call (main thread; profile: ${file})`,
  );
  console.log(['', ...table('function (self time)', functions, busy), ''].join('\n'));
  console.log(table('where (self time)', places, busy).join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
