import { AggregatorRegistry, type Registry } from 'prom-client';
import type { MetricsSource } from './metrics-server';

/**
 * In a cluster worker: answer the primary's scrape requests with this registry (prom-client's IPC
 * protocol). Creating an AggregatorRegistry is what installs the worker's message listener.
 */
export function shareMetricsWithPrimary(registry: Registry): void {
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/**
 * In the cluster primary: every worker's registry summed into one scrape, so Prometheus sees the app
 * whichever worker would have answered on the shared port. A worker that does not answer within
 * prom-client's 5 s fails the scrape (503), rather than giving a sum that silently lacks it.
 */
export function clusterMetricsSource(): MetricsSource {
  const aggregator = new AggregatorRegistry();
  return async () => ({ contentType: aggregator.contentType, text: await aggregator.clusterMetrics() });
}

/** One process's own registry as a scrape. */
export function registryMetricsSource(registry: Registry): MetricsSource {
  return async () => ({ contentType: registry.contentType, text: await registry.metrics() });
}
