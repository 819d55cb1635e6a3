/**
 * Reads Prometheus histograms from a /metrics text exposition and compares two readings, so a bench can
 * say how long each stage took in its measured round only (mean and bucket-interpolated percentiles).
 */
export interface HistogramReading {
  /** Upper bound (seconds; Infinity for +Inf) → cumulative count, summed over every matching series. */
  buckets: Map<number, number>;
  sum: number;
  count: number;
}

/** Parses `name`'s series whose labels include every `labels` pair, summed together. */
export function readHistogram(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): HistogramReading {
  const reading: HistogramReading = { buckets: new Map(), sum: 0, count: 0 };
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || !match[1].startsWith(name)) continue;
    const [, metric, labelText = '', value] = match;
    if (!wanted.every((pair) => labelText.split(',').includes(pair))) continue;
    const n = Number(value);
    if (metric === `${name}_sum`) reading.sum += n;
    else if (metric === `${name}_count`) reading.count += n;
    else if (metric === `${name}_bucket`) {
      const le = /le="([^"]+)"/.exec(labelText)?.[1] ?? '+Inf';
      const bound = le === '+Inf' ? Infinity : Number(le);
      reading.buckets.set(bound, (reading.buckets.get(bound) ?? 0) + n);
    }
  }
  return reading;
}

/** What was observed between two readings of the same histogram. */
export function histogramDelta(before: HistogramReading, after: HistogramReading): HistogramReading {
  const buckets = new Map<number, number>();
  for (const [bound, n] of after.buckets) buckets.set(bound, n - (before.buckets.get(bound) ?? 0));
  return { buckets, sum: after.sum - before.sum, count: after.count - before.count };
}

/** The p-th percentile (0–100) in seconds, interpolated inside its bucket as Prometheus does. */
export function histogramPercentile(reading: HistogramReading, p: number): number | undefined {
  if (reading.count === 0) return undefined;
  const rank = (p / 100) * reading.count;
  const bounds = [...reading.buckets.keys()].sort((a, b) => a - b);
  let lower = 0;
  let below = 0;
  for (const bound of bounds) {
    const cumulative = reading.buckets.get(bound) ?? 0;
    if (cumulative >= rank) {
      if (bound === Infinity) return lower;
      const inBucket = cumulative - below;
      return inBucket === 0 ? bound : lower + ((bound - lower) * (rank - below)) / inBucket;
    }
    lower = bound;
    below = cumulative;
  }
  return lower;
}
