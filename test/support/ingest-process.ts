/** webhook-ingest as its own process (tests and benchmarks); config from the environment. */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { jsonLogger, shutdownOnSignal } from '@app/http';
import { IngestConfig } from '../../apps/webhook-ingest/src/ingest.config';
import { createIngestApp } from '../../apps/webhook-ingest/src/ingest.app';

async function main(): Promise<void> {
  const config = loadConfig('webhook-ingest', IngestConfig);
  const app = await createIngestApp(config);
  await app.listen(0, '127.0.0.1');
  console.log(`READY ${await app.getUrl()}`);
  shutdownOnSignal(app, jsonLogger(config.LOG_LEVEL));
}

void main();
