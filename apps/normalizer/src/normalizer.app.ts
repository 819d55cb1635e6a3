import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { jsonLogger, shutdownOnSignal, WorkerHealthServer } from '@app/http';
import { startTracing } from '@app/telemetry';
import { NormalizerConfig } from './normalizer.config';
import { NormalizerModule } from './normalizer.module';
import { NormalizerWorker } from './normalizer.worker';

/** Starts the normalizer: provisions topics, joins the consumer group, and begins consuming. */
export async function startNormalizer(
  config: NormalizerConfig,
  options: { handleSignals?: boolean } = {},
): Promise<INestApplicationContext> {
  startTracing('normalizer', config);
  const logger = jsonLogger(config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(NormalizerModule.register(config), { logger });
  // As soon as the app exists, so a signal while joining the group still leaves it cleanly.
  if (options.handleSignals) shutdownOnSignal(app, logger);
  await app.init();
  // Readiness answers (503, "joining") while the consumer joins its group.
  if (config.HEALTH_PORT !== undefined) {
    await app.get(WorkerHealthServer).listen(config.HEALTH_PORT, config.HEALTH_HOST);
  }
  await app.get(NormalizerWorker).start();
  return app;
}
