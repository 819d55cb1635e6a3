import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { jsonLogger } from '@app/http';
import { NormalizerConfig } from './normalizer.config';
import { NormalizerModule } from './normalizer.module';
import { NormalizerWorker } from './normalizer.worker';

/** Starts the normalizer: provisions topics, joins the consumer group, and begins consuming. */
export async function startNormalizer(config: NormalizerConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(NormalizerModule.register(config), {
    logger: jsonLogger(config.LOG_LEVEL),
  });
  app.enableShutdownHooks();
  await app.init();
  await app.get(NormalizerWorker).start();
  return app;
}
