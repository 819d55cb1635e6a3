import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@app/http';

/** What webhook-ingest reports to Prometheus, per provider. */
@Injectable()
export class IngestMetrics {
  readonly received: Counter<'provider'>;
  readonly rejected: Counter<'provider' | 'reason'>;
  readonly duplicates: Counter<'provider'>;
  readonly published: Counter<'provider'>;
  readonly latency: Histogram<'provider' | 'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.received = new Counter({
      name: 'ingest_webhooks_received_total',
      help: 'Deliveries received',
      labelNames: ['provider'],
      registers,
    });
    this.rejected = new Counter({
      name: 'ingest_webhooks_rejected_total',
      help: 'Deliveries refused, by reason (unknown_connection, bad_signature, stale_timestamp, invalid_json, unavailable, ...)',
      labelNames: ['provider', 'reason'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'ingest_webhooks_duplicates_total',
      help: 'Redeliveries answered without publishing',
      labelNames: ['provider'],
      registers,
    });
    this.published = new Counter({
      name: 'ingest_webhooks_published_total',
      help: 'Deliveries acknowledged by Kafka',
      labelNames: ['provider'],
      registers,
    });
    this.latency = new Histogram({
      name: 'ingest_webhook_duration_seconds',
      help: 'Time from request to answer',
      labelNames: ['provider', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
  }
}
