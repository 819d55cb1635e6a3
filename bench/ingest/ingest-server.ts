/** webhook-ingest as it runs in production, started for the benchmark with one bench connection. */
import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@app/config';
import { IngestConfig } from '../../apps/webhook-ingest/src/ingest.config';
import { createIngestApp } from '../../apps/webhook-ingest/src/ingest.app';

async function main(): Promise<void> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-ingest-')), 'connections.json');
  writeFileSync(
    file,
    JSON.stringify([
      {
        id: 'bench-github',
        tenantId: 'bench',
        provider: 'github',
        settings: { owner: 'o', repo: 'r' },
        webhookSecret: process.env.BENCH_SECRET ?? 'bench-secret',
      },
    ]),
  );
  const config = loadConfig('webhook-ingest', IngestConfig, {
    ...process.env,
    CONNECTIONS_FILE: file,
    LOG_LEVEL: 'error',
  });
  const app = await createIngestApp(config);
  await app.listen(0, '127.0.0.1');
  console.log(`READY ${await app.getUrl()}`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
