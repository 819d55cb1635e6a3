import { acquireBroker } from './kafka-harness';

export default async function globalSetup(): Promise<void> {
  const broker = await acquireBroker();
  process.env.KAFKA_BROKERS = broker.brokers;
  (globalThis as { __BROKER__?: typeof broker }).__BROKER__ = broker;
  console.log(`\n[e2e] Kafka from ${broker.origin} at ${broker.brokers}`);
}
