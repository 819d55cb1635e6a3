import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createHttpApp } from '@app/http';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

/** Builds the gateway (not yet listening) with its OpenAPI document at /openapi.json and UI at /docs. */
export async function createGatewayApp(config: GatewayConfig): Promise<NestFastifyApplication> {
  const app = await createHttpApp(GatewayModule.register(config), { logLevel: config.LOG_LEVEL });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Unified Ticketing API')
      .setDescription('One REST API over Jira, Zendesk, GitHub Issues and more.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
