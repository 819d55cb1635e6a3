/**
 * Where the pipeline's latency goes, stage by stage, in the measured round only: the bench's own exact
 * timings (POST → 202, event record → read) beside the apps' Prometheus histograms, read before and after
 * the round (ingest's handling, the normalizer consumer's fetch wait, queueing, map, publish, versions,
 * commit). Stages overlap a little (ingest answers while the normalizer may already be fetching), so
 * they are components, not a sum.
 */
import { percentile } from '../support/stats';
import { histogramDelta, histogramPercentile, readHistogram } from '../support/histograms';

export interface StageRow {
  stage: string;
  /** What one observation is: an event, a normalizer run (up to 100 deliveries), an HTTP request. */
  per: string;
  count: number;
  meanMs?: number;
  p50Ms?: number;
  p99Ms?: number;
}

/** A stage the bench timed itself, one value (ms) per event. */
export function exactStage(stage: string, per: string, valuesMs: number[]): StageRow {
  if (valuesMs.length === 0) return { stage, per, count: 0 };
  const mean = valuesMs.reduce((a, b) => a + b, 0) / valuesMs.length;
  return {
    stage,
    per,
    count: valuesMs.length,
    meanMs: mean,
    p50Ms: percentile(valuesMs, 50),
    p99Ms: percentile(valuesMs, 99),
  };
}

export interface HistogramStage {
  stage: string;
  per: string;
  metric: string;
  labels?: Record<string, string>;
}

/** A stage from an app's histogram: what was observed between the two /metrics texts. */
export function histogramStage(spec: HistogramStage, before: string, after: string): StageRow {
  const delta = histogramDelta(
    readHistogram(before, spec.metric, spec.labels),
    readHistogram(after, spec.metric, spec.labels),
  );
  const ms = (s: number | undefined) => (s === undefined ? undefined : s * 1000);
  return {
    stage: spec.stage,
    per: spec.per,
    count: delta.count,
    meanMs: delta.count > 0 ? (delta.sum / delta.count) * 1000 : undefined,
    p50Ms: ms(histogramPercentile(delta, 50)),
    p99Ms: ms(histogramPercentile(delta, 99)),
  };
}

export async function scrapeMetrics(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** The normalizer's stages, in the order a delivery meets them. */
export const NORMALIZER_STAGES: readonly HistogramStage[] = [
  {
    stage: 'raw record → normalizer batch (broker append, fetch, other partitions first)',
    per: 'delivery',
    metric: 'bus_consumer_record_age_seconds',
  },
  {
    stage: 'batch → run start (earlier runs of the batch)',
    per: 'run',
    metric: 'bus_consumer_run_queued_seconds',
  },
  { stage: 'map', per: 'run', metric: 'normalizer_run_stage_seconds', labels: { stage: 'map' } },
  {
    stage: 'publish until acks (queue + request)',
    per: 'run',
    metric: 'normalizer_run_stage_seconds',
    labels: { stage: 'publish' },
  },
  {
    stage: 'record published versions (store)',
    per: 'run',
    metric: 'normalizer_run_stage_seconds',
    labels: { stage: 'record_versions' },
  },
  {
    stage: 'commit request (in the background: not on any message’s path)',
    per: 'request',
    metric: 'bus_consumer_commit_duration_seconds',
  },
];

export const INGEST_STAGES: readonly HistogramStage[] = [
  {
    stage: 'ingest handling (lookup, signature, dedup, Kafka ack)',
    per: 'request',
    metric: 'ingest_webhook_duration_seconds',
    labels: { outcome: 'accepted' },
  },
];

export function printStages(rows: readonly StageRow[]): void {
  const fixed = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));
  console.log('| stage | per | count | mean ms | p50 ms | p99 ms |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const row of rows)
    console.log(
      `| ${row.stage} | ${row.per} | ${row.count} | ${fixed(row.meanMs)} | ${fixed(row.p50Ms)} | ${fixed(row.p99Ms)} |`,
    );
}
