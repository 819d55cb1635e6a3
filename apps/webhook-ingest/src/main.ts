import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { jsonLogger, shutdownOnSignal } from '@app/http';
import { IngestConfig } from './ingest.config';
import { createIngestApp } from './ingest.app';

async function main(): Promise<void> {
  Logger.overrideLogger(jsonLogger());
  const config = loadConfig('webhook-ingest', IngestConfig);
  const app = await createIngestApp(config);
  shutdownOnSignal(app, jsonLogger());
  await app.listen(config.INGEST_PORT, config.INGEST_HOST);
  jsonLogger().log(
    { msg: 'webhook-ingest listening', url: `${await app.getUrl()}/webhooks/{connectionId}` },
    'Main',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
