import { Counter, Histogram, type Registry } from 'prom-client';

/** What the dispatcher reports to Prometheus about its deliveries (the bus metrics cover its consumer). */
export class DispatcherMetrics {
  private readonly attempts: Counter<'outcome'>;
  private readonly latency: Histogram<'outcome'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.attempts = new Counter({
      name: 'dispatcher_delivery_attempts_total',
      help: 'Delivery attempts by what followed: delivered, retry (pending again) or failed (given up)',
      labelNames: ['outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'dispatcher_delivery_attempt_duration_seconds',
      help: "Time the subscriber took to answer an attempt (or the attempt's timeout)",
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  /** One attempt made: `status` is what happens to the delivery next. */
  attempted(status: 'delivered' | 'pending' | 'failed', latencyMs: number): void {
    const outcome = status === 'pending' ? 'retry' : status;
    this.attempts.inc({ outcome });
    this.latency.observe({ outcome }, latencyMs / 1000);
  }
}
