import { Counter, type Registry } from 'prom-client';

/** The gateway's own figures beside the per-route HTTP metrics (libs/http). */
export class GatewayMetrics {
  /** Refused before routing, so http_server_requests_total never sees them. */
  readonly earlyRefusals: Counter<'scope' | 'reason'>;

  constructor(registry: Registry) {
    this.earlyRefusals = new Counter({
      name: 'gateway_early_refusals_total',
      help: 'Calls over a fair-use limit answered 429 before routing (not in http_server_requests_total)',
      labelNames: ['scope', 'reason'],
      registers: [registry],
    });
  }
}
