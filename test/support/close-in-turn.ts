import { withDeadline } from '@app/bus';

/**
 * Runs a test's closing steps one after another, each within `limitMs`, and goes on after one that
 * failed or hung; then throws naming every such step. A hook that hangs would otherwise use up jest's
 * whole hook timeout without saying which step hung, and leave the later steps undone.
 */
export async function closeInTurn(
  steps: [name: string, close: () => Promise<unknown> | unknown][],
  limitMs = 60_000,
): Promise<void> {
  const failures: string[] = [];
  for (const [name, close] of steps) {
    const started = Date.now();
    try {
      await withDeadline(Promise.resolve().then(close), limitMs, undefined, `${name}: not closed`);
    } catch (error) {
      failures.push(`${name} (${Date.now() - started} ms): ${(error as Error).message}`);
    }
    if (process.env.CLOSE_TIMINGS) console.log(`[close] ${name}: ${Date.now() - started} ms`);
  }
  if (failures.length > 0) throw new Error(`closing failed: ${failures.join('; ')}`);
}
