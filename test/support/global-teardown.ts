import type { BrokerHandle } from './kafka-harness';

export default async function globalTeardown(): Promise<void> {
  const broker = (globalThis as { __BROKER__?: BrokerHandle }).__BROKER__;
  await broker?.stop();
}
