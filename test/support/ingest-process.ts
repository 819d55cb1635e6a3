/** webhook-ingest as its own process (tests and benchmarks); config from the environment. */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { IngestConfig } from '../../apps/webhook-ingest/src/ingest.config';
import { createIngestApp } from '../../apps/webhook-ingest/src/ingest.app';

async function main(): Promise<void> {
  const app = await createIngestApp(loadConfig('webhook-ingest', IngestConfig));
  await app.listen(0, '127.0.0.1');
  console.log(`READY ${await app.getUrl()}`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
