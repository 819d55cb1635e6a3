/**
 * Where a round's tail comes from. A p99 over a 20-s round is set by its worst ~200 deliveries, and on this
 * box they come in bursts: a few quarter-seconds where everything is late, around a stall, with calm in
 * between. This cuts the measured round into windows by send time, keeps the windows with a delivery over
 * the limit, and puts beside each what the local broker logged just before it: a segment roll (a new log
 * segment, a producer-state snapshot and the old segment flushed to disk) or a retention deletion (old
 * segments' files removed), both disk work on the disk the apps' SQLite shares.
 */

/**
 * One delivery of the measured round: when it was posted (ms since the epoch), how long until read, and
 * how long until the ingest answered (after its Kafka ack), when it did.
 */
export interface TimedDelivery {
  sentAtMs: number;
  latencyMs: number;
  answeredMs?: number;
}

export type HousekeepingKind = 'segment roll' | 'retention deletion';

export interface BrokerHousekeeping {
  atMs: number;
  kind: HousekeepingKind;
  partition: string;
}

export interface TailWindow {
  startMs: number;
  deliveries: number;
  overLimit: number;
  p50Ms: number;
  maxMs: number;
  /**
   * The window's median POST → 202: near p50Ms, the deliveries waited at the ingest (in front of its
   * handler, or for the raw topic's ack); far below it, downstream (the normalizer, the events' topic).
   */
  answeredP50Ms?: number;
  /** What the broker logged from `lookbackMs` before the window's start to its end. */
  housekeeping: BrokerHousekeeping[];
}

export interface TailReport {
  windowMs: number;
  limitMs: number;
  windows: number;
  overLimit: number;
  /** Windows with at least one delivery over the limit, in time order. */
  late: TailWindow[];
}

export function tailReport(
  deliveries: readonly TimedDelivery[],
  housekeeping: readonly BrokerHousekeeping[],
  { windowMs = 250, limitMs = 50, lookbackMs = 500 } = {},
): TailReport {
  if (deliveries.length === 0) return { windowMs, limitMs, windows: 0, overLimit: 0, late: [] };
  const start = deliveries.reduce((min, d) => Math.min(min, d.sentAtMs), Infinity);
  const byWindow = new Map<number, { latencies: number[]; answered: number[] }>();
  for (const d of deliveries) {
    const index = Math.floor((d.sentAtMs - start) / windowMs);
    const window = byWindow.get(index) ?? { latencies: [], answered: [] };
    window.latencies.push(d.latencyMs);
    if (d.answeredMs !== undefined) window.answered.push(d.answeredMs);
    byWindow.set(index, window);
  }
  const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)];
  const late: TailWindow[] = [];
  let overLimit = 0;
  for (const [index, { latencies, answered }] of [...byWindow].sort(([a], [b]) => a - b)) {
    const over = latencies.filter((l) => l > limitMs).length;
    overLimit += over;
    if (over === 0) continue;
    latencies.sort((a, b) => a - b);
    answered.sort((a, b) => a - b);
    const startMs = start + index * windowMs;
    late.push({
      startMs,
      deliveries: latencies.length,
      overLimit: over,
      p50Ms: median(latencies),
      maxMs: latencies[latencies.length - 1],
      ...(answered.length > 0 ? { answeredP50Ms: median(answered) } : {}),
      housekeeping: housekeeping.filter((h) => h.atMs >= startMs - lookbackMs && h.atMs < startMs + windowMs),
    });
  }
  return { windowMs, limitMs, windows: byWindow.size, overLimit, late };
}

const LINE = /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})\] \w+ (.*)$/;
const ROLLED = /\[LocalLog partition=([^,\]]+).*Rolled new log segment/;
const DELETED = /Deleted log .*\/([^/]+)\/\d+\.log\.deleted/;

/**
 * Segment rolls and retention deletions from the broker's server.log between two instants. Its
 * timestamps are the broker's local time, which is this machine's (the local broker, scripts/kafka.sh).
 */
export function brokerHousekeeping(log: string, fromMs: number, toMs: number): BrokerHousekeeping[] {
  const found: BrokerHousekeeping[] = [];
  for (const line of log.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, y, mo, d, h, mi, s, ms, message] = m;
    const atMs = new Date(+y, +mo - 1, +d, +h, +mi, +s, +ms).getTime();
    if (atMs < fromMs || atMs > toMs) continue;
    const rolled = ROLLED.exec(message);
    if (rolled) found.push({ atMs, kind: 'segment roll', partition: rolled[1] });
    const deleted = DELETED.exec(message);
    if (deleted) found.push({ atMs, kind: 'retention deletion', partition: deleted[1] });
  }
  return found;
}

/** The report as the bench prints it: a summary, then the worst windows (by their slowest delivery). */
export function describeTail(report: TailReport, worst = 6): string[] {
  const near = report.late.filter((w) => w.housekeeping.length > 0);
  const lines = [
    `Tail of the measured round: ${report.overLimit} deliveries over ${report.limitMs} ms, in ` +
      `${report.late.length} of ${report.windows} windows of ${report.windowMs} ms (by send time); ` +
      `${near.length} of those windows (${near.reduce((n, w) => n + w.overLimit, 0)} of the deliveries) ` +
      `began at most 0.5 s after a broker segment roll or retention deletion (local broker's log).`,
  ];
  const shown = [...report.late].sort((a, b) => b.maxMs - a.maxMs).slice(0, worst);
  for (const w of shown.sort((a, b) => a.startMs - b.startMs)) {
    const at = new Date(w.startMs).toISOString().slice(11, 23);
    const what = w.housekeeping.map((h) => `${h.kind} ${h.partition}`);
    const answered =
      w.answeredP50Ms === undefined ? '' : ` (POST → 202 p50 ${w.answeredP50Ms.toFixed(1)} ms)`;
    lines.push(
      `  ${at}: ${w.overLimit} of ${w.deliveries} over ${report.limitMs} ms, p50 ${w.p50Ms.toFixed(1)} ms${answered}, ` +
        `max ${w.maxMs.toFixed(1)} ms${what.length > 0 ? `; broker: ${[...new Set(what)].join(', ')}` : ''}`,
    );
  }
  return lines;
}
