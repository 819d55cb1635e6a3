import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import cluster from 'node:cluster';
import type { Registry } from 'prom-client';
import {
  ApiError,
  appMetricsRegistry,
  createHttpApp,
  recordHttpServerMetrics,
  registryMetricsSource,
  serveMetrics,
  shareMetricsWithPrimary,
} from '@app/http';
import { startTracing } from '@app/telemetry';
import { acceptAttachmentBodies } from './attachments/attachment-bodies';
import { RecentApiKeys, refuseFloodsEarly } from './fair-use/early-refusal';
import { FairUseLimiter } from './fair-use/fair-use-limiter';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { GatewayMetrics } from './gateway.metrics';
import { addAnswers } from './openapi/answer-document';
import { addAttachmentFiles } from './openapi/attachment-document';
import { addBatch } from './openapi/batch-document';
import { withRecordOptions } from './openapi/record-options-document';
import { gatewayDocument, withOperationErrors } from './openapi/gateway-document';
import { markRawAnswers } from './unified/raw-media-type';
import { refuseNullBodies } from './null-body';

/** The document each gateway app serves, kept so `npm run client` can write it without a listener. */
const servedDocuments = new WeakMap<NestFastifyApplication, OpenAPIObject>();

/** The OpenAPI document `app` (made by createGatewayApp) serves at /openapi.json. */
export function servedDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = servedDocuments.get(app);
  if (!document) throw new Error('not an app made by createGatewayApp');
  return document;
}

/** Builds the gateway (not yet listening) with its OpenAPI 3.1 document at /openapi.json and UI at /docs. */
export async function createGatewayApp(config: GatewayConfig): Promise<NestFastifyApplication> {
  startTracing('gateway', config);
  const app = await createHttpApp(GatewayModule.register(config), {
    logLevel: config.LOG_LEVEL,
    tracer: 'gateway',
  });
  const metrics = new GatewayMetrics(await exposeMetrics(app, config));
  refuseFloodsEarly(app, app.get(FairUseLimiter), app.get(RecentApiKeys), ({ scope, reason }) =>
    metrics.earlyRefusals.inc({ scope, reason }),
  );
  acceptAttachmentBodies(app.getHttpAdapter().getInstance(), config.ATTACHMENT_MAX_BYTES);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors: ValidationError[]) =>
        new ApiError(
          400,
          'Validation failed',
          errors.map((e) => ({ field: e.property, problems: Object.values(e.constraints ?? {}) })),
        ),
    }),
  );
  markRawAnswers(app.getHttpAdapter().getInstance());
  refuseNullBodies(app.getHttpAdapter().getInstance());
  const document = gatewayDocument(app);
  // Conditional requests, fields= and POST /batch are documented where they are built (openapi/).
  const complete = withOperationErrors(addBatch(withRecordOptions(addAttachmentFiles(addAnswers(document)))));
  SwaggerModule.setup('docs', app, complete, {
    jsonDocumentUrl: 'openapi.json',
  });
  servedDocuments.set(app, complete);
  return app;
}

/**
 * Per-route counts and latencies on a port of their own (never the tenants' port). A cluster worker hands
 * its registry to the primary, which serves the sum (main.ts); a lone process serves its own.
 */
async function exposeMetrics(app: NestFastifyApplication, config: GatewayConfig): Promise<Registry> {
  const registry = appMetricsRegistry('gateway');
  recordHttpServerMetrics(app.getHttpAdapter().getInstance(), registry);
  if (cluster.isWorker) shareMetricsWithPrimary(registry);
  if (cluster.isWorker || config.GATEWAY_METRICS_PORT === undefined) return registry;
  const server = await serveMetrics(
    registryMetricsSource(registry),
    config.GATEWAY_METRICS_PORT,
    config.GATEWAY_METRICS_HOST,
  );
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', () => server.close());
  return registry;
}
