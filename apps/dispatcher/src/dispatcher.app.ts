import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError } from '@app/config';
import { jsonLogger, shutdownOnSignal, WorkerHealthServer } from '@app/http';
import { startTracing } from '@app/telemetry';
import { DispatcherConfig, dispatcherConfigProblems } from './dispatcher.config';
import { DispatcherModule, type DispatcherOptions } from './dispatcher.module';
import { DispatcherWorker } from './dispatcher.worker';

/**
 * Starts the dispatcher: provisions topics, starts delivering what the store holds, then joins
 * its consumer group. Used by main.ts, the tests and the benchmark alike.
 */
export async function startDispatcher(
  config: DispatcherConfig,
  options: DispatcherOptions = {},
): Promise<INestApplicationContext> {
  const problems = dispatcherConfigProblems(config);
  if (problems.length > 0) throw new ConfigError('dispatcher', problems);
  startTracing('dispatcher', config);
  const logger = jsonLogger(config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(DispatcherModule.register(config, options), {
    logger,
  });
  // As soon as the app exists, so a signal while joining the group still leaves it cleanly.
  if (options.handleSignals) shutdownOnSignal(app, logger);
  await app.init();
  // Readiness answers (503, "joining") while the consumer joins its group.
  if (config.HEALTH_PORT !== undefined) {
    await app.get(WorkerHealthServer).listen(config.HEALTH_PORT, config.HEALTH_HOST);
  }
  await app.get(DispatcherWorker).start();
  return app;
}
