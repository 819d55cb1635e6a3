import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux): for a server the bench
 * started itself and that exposes no metrics of its own, e.g. the ingest's bare baseline.
 */
export async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
  // utime and stime are the 14th and 15th fields of the line, in clock ticks.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`unreadable /proc/${pid}/stat`);
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds of the whole machine so far (/proc/stat's first line): busy (all but idle and iowait) and all. */
export async function machineCpuSeconds(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0];
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  const idle = ticks[3] + ticks[4];
  if (!Number.isFinite(total) || total === 0) throw new Error('unreadable /proc/stat');
  return { busy: (total - idle) / CLOCK_TICKS_PER_SECOND, total: total / CLOCK_TICKS_PER_SECOND };
}

/**
 * The local broker's pid, from the file `scripts/kafka.sh start` writes (KAFKA_DATA_DIR as there), if that
 * broker is alive; undefined for a broker started otherwise.
 */
export async function localBrokerPid(): Promise<number | undefined> {
  const pid = Number(
    (await readFile(path.join(localBrokerDir(), 'kafka.pid'), 'utf8').catch(() => '')).trim(),
  );
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return processCpuSeconds(pid).then(
    () => pid,
    () => undefined,
  );
}

/**
 * The local broker's log since `sinceMs` (scripts/kafka.sh writes it beside its pid), oldest lines first:
 * log4j rolls `server.log` over at 50 MB into `server.log.<n>`, so a round's lines may start in a rolled
 * file; those last written before `sinceMs` are left out. Undefined when there is no local broker's log.
 */
export async function localBrokerLogSince(sinceMs: number): Promise<string | undefined> {
  const dir = localBrokerDir();
  const rolled = (await readdir(dir).catch(() => [] as string[])).filter((name) =>
    /^server\.log\.\d+$/.test(name),
  );
  const files: { file: string; modifiedMs: number }[] = [];
  for (const name of [...rolled, 'server.log']) {
    const file = path.join(dir, name);
    const modifiedMs = await stat(file).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
    if (modifiedMs !== undefined && (name === 'server.log' || modifiedMs >= sinceMs))
      files.push({ file, modifiedMs });
  }
  if (!files.some(({ file }) => file.endsWith('server.log'))) return undefined;
  files.sort((a, b) => a.modifiedMs - b.modifiedMs);
  const texts = await Promise.all(files.map(({ file }) => readFile(file, 'utf8').catch(() => '')));
  return texts.join('\n');
}

function localBrokerDir(): string {
  return process.env.KAFKA_DATA_DIR ?? path.join(__dirname, '../../.data/kafka');
}
