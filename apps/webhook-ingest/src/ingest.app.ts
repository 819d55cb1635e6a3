import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@app/http';
import { startTracing } from '@app/telemetry';
import { IngestConfig } from './ingest.config';
import { IngestModule } from './ingest.module';

/** Builds the webhook-ingest app (not yet listening); used by main.ts, the tests and the benchmark. */
export function createIngestApp(config: IngestConfig): Promise<NestFastifyApplication> {
  startTracing('webhook-ingest', config);
  return createHttpApp(IngestModule.register(config), {
    tracer: 'webhook-ingest',
    bodyLimit: config.INGEST_MAX_BODY_BYTES,
    rawBodies: true,
    logLevel: config.LOG_LEVEL,
  });
}
