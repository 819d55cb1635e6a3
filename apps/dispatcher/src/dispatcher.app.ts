import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError } from '@app/config';
import { jsonLogger } from '@app/http';
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
  const app = await NestFactory.createApplicationContext(DispatcherModule.register(config, options), {
    logger: jsonLogger(config.LOG_LEVEL),
  });
  app.enableShutdownHooks();
  await app.init();
  await app.get(DispatcherWorker).start();
  return app;
}
