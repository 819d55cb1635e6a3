import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { jsonLogger, shutdownOnSignal, WorkerHealthServer } from '@app/http';
import { PollScheduler } from '@app/polling';
import { PollerConfig } from './poller.config';
import { PollerModule } from './poller.module';

/** Starts the poller: provisions topics, then polls every connection × pollable resource (docs/polling.md). */
export async function startPoller(
  config: PollerConfig,
  options: { handleSignals?: boolean } = {},
): Promise<INestApplicationContext> {
  const logger = jsonLogger(config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(PollerModule.register(config), { logger });
  if (options.handleSignals) shutdownOnSignal(app, logger);
  await app.init();
  if (config.HEALTH_PORT !== undefined)
    await app.get(WorkerHealthServer).listen(config.HEALTH_PORT, config.HEALTH_HOST);
  app.get(PollScheduler).start();
  return app;
}
