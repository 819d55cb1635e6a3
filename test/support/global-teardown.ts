import type { BrokerHandle } from './kafka-harness';
import { dropRunDatabases } from './e2e-databases';

export default async function globalTeardown(): Promise<void> {
  const broker = (globalThis as { __BROKER__?: BrokerHandle }).__BROKER__;
  await broker?.stop();
  await dropRunDatabases();
}
