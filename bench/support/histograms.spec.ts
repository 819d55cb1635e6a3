import { histogramDelta, histogramPercentile, readHistogram } from './histograms';

const exposition = (fast: number, slow: number) =>
  [
    '# HELP stage_seconds a stage',
    '# TYPE stage_seconds histogram',
    `stage_seconds_bucket{le="0.001",stage="map"} ${fast}`,
    `stage_seconds_bucket{le="0.01",stage="map"} ${fast + slow}`,
    `stage_seconds_bucket{le="+Inf",stage="map"} ${fast + slow}`,
    `stage_seconds_sum{stage="map"} ${fast * 0.0005 + slow * 0.005}`,
    `stage_seconds_count{stage="map"} ${fast + slow}`,
    'stage_seconds_bucket{le="0.001",stage="publish"} 1000',
    'stage_seconds_bucket{le="+Inf",stage="publish"} 1000',
    'stage_seconds_count{stage="publish"} 1000',
  ].join('\n');

describe('bench histograms', () => {
  it('counts only what was observed between two readings of the chosen series', () => {
    const before = readHistogram(exposition(10, 0), 'stage_seconds', { stage: 'map' });
    const after = readHistogram(exposition(60, 50), 'stage_seconds', { stage: 'map' });
    const delta = histogramDelta(before, after);
    expect(delta.count).toBe(100);
    expect(delta.sum).toBeCloseTo(50 * 0.0005 + 50 * 0.005);
    // Half the round was under 1 ms, half between 1 and 10 ms: p50 at the bucket edge, p99 near 10 ms.
    expect(histogramPercentile(delta, 50)).toBeCloseTo(0.001);
    expect(histogramPercentile(delta, 99)).toBeCloseTo(0.001 + 0.009 * (49 / 50));
  });

  it('has no percentile for an empty round', () => {
    const reading = readHistogram(exposition(5, 5), 'stage_seconds', { stage: 'map' });
    expect(histogramPercentile(histogramDelta(reading, reading), 50)).toBeUndefined();
  });
});
