import { rmSync } from 'node:fs';
import type { BrokerHandle } from './kafka-harness';
import { dropRunDatabases } from './e2e-databases';
import { RUN_TMPDIR_VAR } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const broker = (globalThis as { __BROKER__?: BrokerHandle }).__BROKER__;
  await broker?.stop();
  // Warns, never throws: Jest discards a pass's results when its global teardown fails.
  try {
    const left = await dropRunDatabases();
    if (left.length > 0)
      console.warn(`e2e teardown: ${left.length} database(s) left on the server: ${left.join('; ')}`);
  } catch (error) {
    console.warn(`e2e teardown: this run's databases were not dropped: ${String(error)}`);
  }
  const runTmp = process.env[RUN_TMPDIR_VAR];
  try {
    if (runTmp) rmSync(runTmp, { recursive: true, force: true });
  } catch (error) {
    console.warn(`e2e teardown: ${runTmp} was not removed: ${String(error)}`);
  }
}
