export interface TimeoutBreakerSettings {
  /** Time-limit failures in a row of one tenant's expression after which it is suspended. */
  suspendAfter: number;
  /** The first suspension; each further one in a row lasts twice the last, up to `maxSuspendMs`. */
  suspendMs: number;
  maxSuspendMs: number;
  /** Expressions remembered at most (the oldest forgotten first). */
  maxTracked: number;
}

export const DEFAULT_TIMEOUT_BREAKER: TimeoutBreakerSettings = {
  suspendAfter: 2,
  suspendMs: 5_000,
  maxSuspendMs: 60_000,
  maxTracked: 10_000,
};

interface Tracked {
  timeoutsInARow: number;
  suspensions: number;
  suspendedUntil: number;
}

/**
 * Stops re-running a tenant's expression that keeps running out of time. Each such evaluation burns the
 * whole time limit of a sandbox process (a second by default) and ends in the same 422: after
 * `suspendAfter` in a row, that tenant's expression is refused without running until its suspension ends; then it runs once more, and another time-out suspends it for twice as long. One
 * evaluation that finishes (whatever its result) clears its record. An edited expression is another
 * expression, so saving a fix takes effect at once.
 */
export class TimeoutBreaker {
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly settings: TimeoutBreakerSettings = DEFAULT_TIMEOUT_BREAKER) {}

  /** Milliseconds of suspension left for this tenant's expression, or 0 when it may run. */
  suspendedFor(tenantId: string, source: string, nowMs: number): number {
    const entry = this.tracked.get(keyOf(tenantId, source));
    return entry ? Math.max(0, entry.suspendedUntil - nowMs) : 0;
  }

  /** How many evaluations of it ran out of time in a row (for the message). */
  timeoutsInARow(tenantId: string, source: string): number {
    return this.tracked.get(keyOf(tenantId, source))?.timeoutsInARow ?? 0;
  }

  ranOutOfTime(tenantId: string, source: string, nowMs: number): void {
    const key = keyOf(tenantId, source);
    const entry = this.tracked.get(key) ?? { timeoutsInARow: 0, suspensions: 0, suspendedUntil: 0 };
    entry.timeoutsInARow += 1;
    if (entry.timeoutsInARow >= this.settings.suspendAfter) {
      const length = Math.min(this.settings.suspendMs * 2 ** entry.suspensions, this.settings.maxSuspendMs);
      entry.suspendedUntil = nowMs + length;
      entry.suspensions += 1;
    }
    this.tracked.delete(key); // re-inserted last: the map's order is the order of last use
    this.tracked.set(key, entry);
    if (this.tracked.size > this.settings.maxTracked) {
      this.tracked.delete(this.tracked.keys().next().value as string);
    }
  }

  finished(tenantId: string, source: string): void {
    this.tracked.delete(keyOf(tenantId, source));
  }
}

const keyOf = (tenantId: string, source: string) => `${tenantId}\u0000${source}`;
