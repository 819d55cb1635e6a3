/** bench/dispatch's tables and figures; a figure resting on an INVALID run says INVALID, with no value. */
import { median, percentile } from '../support/stats';
import { printVerdicts, roundStatus, verdictLine, type Round } from '../support/verdict';

/** A throughput run: deliveries/s, and how many of the expected deliveries arrived. */
export interface ThroughputRun {
  perSecond: number;
  expected: number;
  arrived: number;
  /** The dispatcher's CPU time (its process.cpuUsage) per delivery in the round, ms; not for bare loops. */
  cpuMsPerDelivery?: number;
}

/** A latency run: produced → received for every event that arrived. */
export interface LatencyRun {
  latencies: number[];
  expected: number;
}

/** One alternating pair: the dispatcher and the bare loop, with 1 and with 4 subscriptions. */
export interface ThroughputPair {
  dispatched1: Round<ThroughputRun>;
  bare1: Round<ThroughputRun>;
  bare4: Round<ThroughputRun>;
  dispatched4: Round<ThroughputRun>;
}

export interface DispatchRuns {
  pairs: ThroughputPair[];
  bareLatency: Round<LatencyRun>;
  dispatcherLatency: Round<LatencyRun>;
}

/** How the runs were made: in-flight deliveries per subscription, and the paced runs' rate and length. */
export interface DispatchSettings {
  perSubscription: number;
  rate: number;
  seconds: number;
}

const times = (v: number) => `${v.toFixed(2)}x`;

export function printReport(runs: DispatchRuns, settings: DispatchSettings): void {
  const { pairs, bareLatency, dispatcherLatency } = runs;
  const { perSubscription, rate, seconds } = settings;
  const deliveries = (r: Round<ThroughputRun>) => `${r.result.arrived}/${r.result.expected}`;
  console.log('\nThroughput (deliveries/s, subscriber answers 200 at once), in the order run\n');
  console.log('| pair | run | in flight | deliveries | deliveries/s | dispatcher CPU ms/delivery | round |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | --- |');
  const cpu = (r: Round<ThroughputRun>) => r.result.cpuMsPerDelivery?.toFixed(3) ?? '-';
  pairs.forEach((pair, i) => {
    const row = (label: string, inFlight: number, r: Round<ThroughputRun>) =>
      console.log(
        `| ${i + 1} | ${label} | ${inFlight} | ${deliveries(r)} | ${r.result.perSecond.toFixed(0)} | ${cpu(r)} | ${roundStatus(r)} |`,
      );
    row('dispatcher, 1 subscription', perSubscription, pair.dispatched1);
    row('bare signed POST loop', perSubscription, pair.bare1);
    row('bare signed POST loop', perSubscription * 4, pair.bare4);
    row('dispatcher, 4 subscriptions', perSubscription * 4, pair.dispatched4);
  });
  const ratiosOf = (subscriptions: 1 | 4) =>
    pairs.map((p) =>
      subscriptions === 1
        ? p.dispatched1.result.perSecond / p.bare1.result.perSecond
        : p.dispatched4.result.perSecond / p.bare4.result.perSecond,
    );
  console.log(
    `\nratio per pair, 1 subscription: ${ratiosOf(1).map(times).join(', ')}; 4 subscriptions: ${ratiosOf(4).map(times).join(', ')}`,
  );
  const cpuMedian = (key: 'dispatched1' | 'dispatched4') =>
    median(pairs.map((p) => p[key].result.cpuMsPerDelivery ?? Number.NaN)).toFixed(3);
  console.log(
    `dispatcher CPU ms/delivery, median: ${cpuMedian('dispatched1')} (1 subscription), ${cpuMedian('dispatched4')} (4)`,
  );

  const row = (label: string, r: Round<LatencyRun>) => {
    const values = r.result.latencies;
    const fixed = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(1));
    return `| ${label} | ${values.length}/${r.result.expected} | ${fixed(percentile(values, 50))} | ${fixed(percentile(values, 99))} | ${fixed(Math.max(...values))} | ${roundStatus(r)} |`;
  };
  console.log(`\nLatency, produced → received, at ${rate} events/s for ${seconds} s (ms)\n`);
  console.log('| run | events | p50 | p99 | max | round |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  console.log(row('bare kafkajs consumer → signed POST', bareLatency));
  console.log(row('dispatcher (Kafka → store → signed POST)', dispatcherLatency));

  const ratio = (subscriptions: 1 | 4) =>
    verdictLine(
      {
        name: `throughput ratio dispatcher/bare, ${subscriptions} subscription${subscriptions === 1 ? '' : 's'} (median of ${pairs.length} pairs)`,
        value: median(ratiosOf(subscriptions)),
        format: times,
      },
      pairs.flatMap((p) => (subscriptions === 1 ? [p.dispatched1, p.bare1] : [p.dispatched4, p.bare4])),
    );
  const latencyRatio = (p: number) =>
    verdictLine(
      {
        name: `latency ratio dispatcher/bare, p${p}`,
        value:
          percentile(dispatcherLatency.result.latencies, p) / percentile(bareLatency.result.latencies, p),
        format: times,
      },
      [dispatcherLatency, bareLatency],
    );
  console.log('');
  printVerdicts([ratio(1), ratio(4), latencyRatio(50), latencyRatio(99)]);
}
