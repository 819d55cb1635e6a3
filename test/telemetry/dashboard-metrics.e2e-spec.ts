import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  instrumentConsumer,
  instrumentProducer,
  type CommittingConsumer,
  type ReliableProducer,
} from '@app/bus';
import Fastify from 'fastify';
import { appMetricsRegistry, recordHttpServerMetrics } from '@app/http';
import { GatewayMetrics } from '../../apps/gateway/src/gateway.metrics';
import { DispatcherMetrics } from '../../apps/dispatcher/src/dispatcher.metrics';
import { IngestMetrics } from '../../apps/webhook-ingest/src/ingest.metrics';

const DASHBOARD = path.resolve(__dirname, '../../docs/operations/grafana-dashboard.json');

/** Every series name a PromQL expression reads (functions, labels and keywords are not series). */
function seriesIn(expr: string): string[] {
  const withoutLabels = expr.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '');
  const words = withoutLabels.match(/[a-z_][a-z0-9_]*(?=\s*(\)|$|\[|\{|,|\s))/g) ?? [];
  return words.filter((w) => w.includes('_') && !/^(by|le|histogram_quantile|label_values)$/.test(w));
}

/**
 * The Grafana dashboard reads only metrics the apps register: a renamed metric fails here, not on an
 * operator's empty panel.
 */
describe('docs/operations/grafana-dashboard.json', () => {
  it('queries only metrics that the gateway, ingest, normalizer and dispatcher registries expose', async () => {
    const registry = appMetricsRegistry('all');
    new IngestMetrics(registry);
    new DispatcherMetrics(registry);
    new GatewayMetrics(registry);
    recordHttpServerMetrics(Fastify(), registry);
    const consumer = {
      membership: () => ({ groupId: 'g', state: 'member', partitions: 1 }),
      onRun: () => undefined,
      onCommit: () => undefined,
    } as unknown as CommittingConsumer;
    instrumentConsumer(registry, consumer);
    instrumentProducer(registry, { onSend: () => undefined } as unknown as ReliableProducer);
    const exposed = new Set(
      // prom-client types `type` as a numeric enum; at run time it is the exposition name ('histogram').
      (await registry.getMetricsAsJSON()).flatMap((m) =>
        String(m.type) === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name],
      ),
    );

    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const queried = dashboard.panels.flatMap((p) => (p.targets ?? []).flatMap((t) => seriesIn(t.expr)));
    expect(queried.length).toBeGreaterThan(20);
    expect(queried.filter((name) => !exposed.has(name))).toEqual([]);
  });
});
