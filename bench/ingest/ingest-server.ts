/** webhook-ingest as it runs in production, started for the benchmark with one bench connection in a fresh store. */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { IngestConfig } from '../../apps/webhook-ingest/src/ingest.config';
import { createIngestApp } from '../../apps/webhook-ingest/src/ingest.app';
import { removeFreshStore } from '../../test/support/e2e-store';
import { seedStore, githubConnection } from '../../test/support/stack';

async function main(): Promise<void> {
  const seeded = await seedStore([githubConnection(process.env.BENCH_SECRET ?? 'bench-secret')]);
  const config = loadConfig('webhook-ingest', IngestConfig, {
    ...process.env,
    ...seeded.env,
    LOG_LEVEL: 'error',
  });
  const app = await createIngestApp(config);
  await app.listen(0, '127.0.0.1');
  console.log(`READY ${await app.getUrl()} ${seeded.connectionIds[0]}`);
  process.on(
    'SIGTERM',
    () =>
      void app.close().then(() => {
        removeFreshStore(seeded.env);
        process.exit(0);
      }),
  );
}

void main();
