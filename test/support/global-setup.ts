import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acquireBroker } from './kafka-harness';
import { E2E_DATABASE_PREFIX_VAR, e2eStoreDriver } from './e2e-databases';
import { acquirePostgres } from './postgres-harness';

/** The run's own temporary directory, which the global teardown removes (global-teardown.ts). */
export const RUN_TMPDIR_VAR = 'E2E_RUN_TMPDIR';

export default async function globalSetup(): Promise<void> {
  // Every temporary file of the run — the apps' SQLite stores, browser profiles, the tests' scratch files —
  // goes under one directory (os.tmpdir() reads TMPDIR, in this process and the ones it starts), and the
  // teardown removes it: runs used to leave hundreds of directories in /tmp, a 1.4 GB a day on a dev box.
  const runTmp = mkdtempSync(path.join(tmpdir(), 'ticketing-e2e-run-'));
  process.env[RUN_TMPDIR_VAR] = runTmp;
  process.env.TMPDIR = runTmp;
  const broker = await acquireBroker();
  process.env.KAFKA_BROKERS = broker.brokers;
  (globalThis as { __BROKER__?: typeof broker }).__BROKER__ = broker;
  console.log(`\n[e2e] Kafka from ${broker.origin} at ${broker.brokers}`);
  if (e2eStoreDriver() === 'postgres') {
    const postgres = await acquirePostgres();
    process.env.DATABASE_URL_TEST = postgres.url;
    // Lower case: PostgreSQL folds names, and the teardown matches them by this prefix.
    process.env[E2E_DATABASE_PREFIX_VAR] = `e2e_${randomBytes(4).toString('hex')}_`;
    console.log(`[e2e] app stores on PostgreSQL from ${postgres.origin}`);
  }
}
