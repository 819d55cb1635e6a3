import { randomBytes } from 'node:crypto';
import { acquireBroker } from './kafka-harness';
import { E2E_DATABASE_PREFIX_VAR, e2eStoreDriver } from './e2e-databases';
import { acquirePostgres } from './postgres-harness';

export default async function globalSetup(): Promise<void> {
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
