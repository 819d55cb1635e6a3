import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { clusterMetricsSource, jsonLogger, serveMetrics, superviseWorkers } from '@app/http';
import { GatewayConfig } from './gateway.config';
import { createGatewayApp } from './gateway.app';
import { runLanePrimary, startLaneWorker } from './tenant-lanes/lane-primary';

async function main(): Promise<void> {
  Logger.overrideLogger(jsonLogger());
  const config = loadConfig('gateway', GatewayConfig);
  if (cluster.isPrimary && config.GATEWAY_TENANT_LANES) {
    const lanes = await runLanePrimary(config, jsonLogger());
    if (config.GATEWAY_METRICS_PORT !== undefined)
      await serveMetrics(clusterMetricsSource(), config.GATEWAY_METRICS_PORT, config.GATEWAY_METRICS_HOST);
    jsonLogger().log(
      { msg: 'gateway listening', health: `${lanes.url}/health`, docs: `${lanes.url}/docs` },
      'Main',
    );
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.once(signal, () => void lanes.stop().then(() => process.exit(0)));
    return;
  }
  if (cluster.isPrimary && config.GATEWAY_WORKERS > 1) {
    const workers = await superviseWorkers({ workers: config.GATEWAY_WORKERS, logger: jsonLogger() });
    if (config.GATEWAY_METRICS_PORT !== undefined)
      await serveMetrics(clusterMetricsSource(), config.GATEWAY_METRICS_PORT, config.GATEWAY_METRICS_HOST);
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.once(signal, () => void workers.stop().then(() => process.exit(0)));
    return;
  }
  if (cluster.isWorker && config.GATEWAY_LANE) return startLaneWorker(config);
  const app = await createGatewayApp(config);
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  const url = await app.getUrl();
  jsonLogger().log({ msg: 'gateway listening', health: `${url}/health`, docs: `${url}/docs` }, 'Main');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
