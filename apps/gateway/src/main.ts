import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import {
  clusterMetricsSource,
  jsonLogger,
  serveMetrics,
  shutdownOnSignal,
  superviseWorkers,
} from '@app/http';
import { GatewayConfig } from './gateway.config';
import { createGatewayApp } from './gateway.app';
import { runLanePrimary, startLaneWorker } from './tenant-lanes/lane-primary';

async function main(): Promise<void> {
  Logger.overrideLogger(jsonLogger());
  const config = loadConfig('gateway', GatewayConfig);
  if (cluster.isPrimary && (config.GATEWAY_TENANT_LANES || config.GATEWAY_WORKERS > 1)) {
    // With lanes the primary listens itself (and says where); otherwise the workers share its port.
    const workers = config.GATEWAY_TENANT_LANES
      ? await runLanePrimary(config, jsonLogger())
      : await superviseWorkers({ workers: config.GATEWAY_WORKERS, logger: jsonLogger() });
    if (config.GATEWAY_METRICS_PORT !== undefined)
      await serveMetrics(clusterMetricsSource(), config.GATEWAY_METRICS_PORT, config.GATEWAY_METRICS_HOST);
    if ('url' in workers) logListening(workers.url);
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.once(signal, () => void workers.stop().then(() => process.exit(0)));
    return;
  }
  if (cluster.isWorker && config.GATEWAY_LANE) return startLaneWorker(config);
  const app = await createGatewayApp(config);
  shutdownOnSignal(app, jsonLogger());
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  logListening(await app.getUrl());
}

function logListening(url: string): void {
  jsonLogger().log({ msg: 'gateway listening', health: `${url}/health`, docs: `${url}/docs` }, 'Main');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
