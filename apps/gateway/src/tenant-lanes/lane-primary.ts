import type { AddressInfo } from 'node:net';
import type { LoggerService } from '@nestjs/common';
import { announceWorkerReady, jsonLogger, shutdownOnSignal, superviseWorkers } from '@app/http';
import { openStore, withHotReadCaches } from '@app/store';
import { createGatewayApp } from '../gateway.app';
import type { GatewayConfig } from '../gateway.config';
import { routeConnectionsByTenant } from './lane-router';
import { serveRoutedConnections } from './routed-connections';
import { assertCpusUsable, niceEveryThread, pinEveryThread } from './lane-scheduling';
import { DEFAULT_LANE, parseTenantLanes } from './tenant-lanes';

export interface RunningLanes {
  url: string;
  stop(): Promise<void>;
}

/**
 * The cluster primary of a gateway with tenant lanes: GATEWAY_WORKERS default workers plus each lane's
 * own, every one told its lane (GATEWAY_LANE), and the listener that hands each connection to its
 * tenant's lane. The primary opens the store only to read which tenant an API key belongs to (through
 * the same read cache as the workers: a revoked key stops being routed within GATEWAY_READ_CACHE_MS,
 * and the worker refuses it anyway).
 */
export async function runLanePrimary(
  config: GatewayConfig,
  logger: LoggerService,
  env?: Record<string, string>,
): Promise<RunningLanes> {
  const lanes = parseTenantLanes(config.GATEWAY_TENANT_LANES);
  // A CPU this machine lacks stops the start here, not each worker after its fork.
  if (config.GATEWAY_DEFAULT_LANE_CPUS)
    assertCpusUsable(config.GATEWAY_DEFAULT_LANE_CPUS, 'GATEWAY_DEFAULT_LANE_CPUS');
  for (const lane of lanes)
    if (lane.cpus) assertCpusUsable(lane.cpus, `GATEWAY_TENANT_LANES lane "${lane.name}"`);
  const slots = [
    ...Array.from({ length: config.GATEWAY_WORKERS }, () => DEFAULT_LANE),
    ...lanes.flatMap((lane) => Array.from({ length: lane.workers }, () => lane.name)),
  ];
  const workers = await superviseWorkers({
    workers: slots.length,
    logger,
    env,
    envOf: (slot) => ({ GATEWAY_LANE: slots[slot] }),
    readyWhen: 'ready-message',
  });
  // After the first worker applied the migrations.
  const store = withHotReadCaches(
    await openStore({ ...config, DATABASE_POOL_SIZE: 2 }),
    config.GATEWAY_READ_CACHE_MS,
  );
  const server = await routeConnectionsByTenant({
    port: config.GATEWAY_PORT,
    host: config.GATEWAY_HOST,
    lanes,
    tenantOf: async (apiKey) => (await store.apiKeys.authenticate(apiKey))?.tenantId,
    workers: () => workers.members().map(({ worker, slot }) => ({ worker, lane: slots[slot] })),
    logger,
  });
  const { address, port } = server.address() as AddressInfo;
  logger.log({ msg: 'tenant lanes', lanes: lanes.map((l) => `${l.name}:${l.workers}`), port }, 'LaneRouter');
  return {
    url: `http://${address}:${port}`,
    stop: async () => {
      server.close();
      await workers.stop();
      await store.close();
    },
  };
}

/**
 * A lane worker: serves the connections its primary hands it and listens on no port itself. It first
 * takes its lane's CPUs and the default lane's GATEWAY_DEFAULT_LANE_NICE, before the app starts any
 * thread or process of its own (the tenant sandbox inherits both).
 */
export async function startLaneWorker(config: GatewayConfig): Promise<void> {
  const isDefault = config.GATEWAY_LANE === DEFAULT_LANE;
  const cpus = isDefault
    ? config.GATEWAY_DEFAULT_LANE_CPUS
    : parseTenantLanes(config.GATEWAY_TENANT_LANES).find((lane) => lane.name === config.GATEWAY_LANE)?.cpus;
  if (cpus) pinEveryThread(cpus);
  if (isDefault && config.GATEWAY_DEFAULT_LANE_NICE > 0) niceEveryThread(config.GATEWAY_DEFAULT_LANE_NICE);
  const app = await createGatewayApp(config);
  shutdownOnSignal(app, jsonLogger());
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const stop = serveRoutedConnections(app.getHttpServer());
  fastify.addHook('onClose', async () => stop());
  announceWorkerReady();
}
