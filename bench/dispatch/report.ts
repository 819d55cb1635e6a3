/** bench/dispatch's tables and figures; a figure resting on an INVALID run says INVALID, with no value. */
import { percentile } from '../support/stats';
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

export interface DispatchRuns {
  bare1: Round<ThroughputRun>;
  dispatched1: Round<ThroughputRun>;
  bare4: Round<ThroughputRun>;
  dispatched4: Round<ThroughputRun>;
  bareLatency: Round<LatencyRun>;
  dispatcherLatency: Round<LatencyRun>;
}

/** How the runs were made: in-flight deliveries per subscription, and the paced runs' rate and length. */
export interface DispatchSettings {
  perSubscription: number;
  rate: number;
  seconds: number;
}

export function printReport(runs: DispatchRuns, settings: DispatchSettings): void {
  const { bare1, dispatched1, bare4, dispatched4, bareLatency, dispatcherLatency } = runs;
  const { perSubscription, rate, seconds } = settings;
  const deliveries = (r: Round<ThroughputRun>) => `${r.result.arrived}/${r.result.expected}`;
  console.log('\nThroughput (deliveries/s, subscriber answers 200 at once)\n');
  console.log('| run | in flight | deliveries | deliveries/s | dispatcher CPU ms/delivery | round |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  const cpu = (r: Round<ThroughputRun>) => r.result.cpuMsPerDelivery?.toFixed(3) ?? '-';
  const throughputRow = (label: string, inFlight: number, r: Round<ThroughputRun>) =>
    console.log(
      `| ${label} | ${inFlight} | ${deliveries(r)} | ${r.result.perSecond.toFixed(0)} | ${cpu(r)} | ${roundStatus(r)} |`,
    );
  throughputRow('bare signed POST loop', perSubscription, bare1);
  throughputRow('dispatcher, 1 subscription', perSubscription, dispatched1);
  throughputRow('bare signed POST loop', perSubscription * 4, bare4);
  throughputRow('dispatcher, 4 subscriptions', perSubscription * 4, dispatched4);

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

  const times = (v: number) => `${v.toFixed(2)}x`;
  const ratio = (name: string, a: Round<ThroughputRun>, b: Round<ThroughputRun>) =>
    verdictLine({ name, value: a.result.perSecond / b.result.perSecond, format: times }, [a, b]);
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
  printVerdicts([
    ratio('throughput ratio dispatcher/bare, 1 subscription', dispatched1, bare1),
    ratio('throughput ratio dispatcher/bare, 4 subscriptions', dispatched4, bare4),
    latencyRatio(50),
    latencyRatio(99),
  ]);
}
