import { Histogram, type Registry } from 'prom-client';

/** The parts of handling one run of deliveries, in order. */
export type RunStage = 'map' | 'publish' | 'record_versions';

/**
 * Times the stages of a run (`normalizer_run_stage_seconds`), so an operator or the pipeline bench sees
 * whether a slow run maps, waits for the broker's acknowledgement, or writes the published versions.
 */
export class RunStageTimer {
  private readonly seconds: Histogram<'stage'>;

  constructor(registry: Registry) {
    this.seconds = new Histogram({
      name: 'normalizer_run_stage_seconds',
      help: 'Time per stage of handling a run of raw deliveries: map, publish (until acknowledged), record_versions',
      labelNames: ['stage'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10],
      registers: [registry],
    });
  }

  async time<T>(stage: RunStage, work: () => Promise<T>): Promise<T> {
    const end = this.seconds.startTimer({ stage });
    try {
      return await work();
    } finally {
      end();
    }
  }
}
