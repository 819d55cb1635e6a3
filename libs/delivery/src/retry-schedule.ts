/** Svix's schedule, which subscribers already know: the delay before attempts 1 to 8. */
export const DEFAULT_RETRY_SCHEDULE = '0,5s,5m,30m,2h,5h,10h,10h';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `250ms`, `5s`, `30m`, `2h`, `1d`, or a bare number of milliseconds. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration (e.g. 500ms, 5s, 30m, 2h, 1d)`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 'ms']);
}

/** A comma-separated list of durations; the first is the delay before the first attempt. */
export function parseSchedule(text: string): number[] {
  const delays = text.split(',').map(parseDuration);
  if (delays.length === 0) throw new Error('a retry schedule needs at least one entry');
  return delays;
}

export interface RetryPolicyOptions {
  /** Delay before attempt i+1; its length is the number of attempts. */
  schedule: readonly number[];
  /** Fraction of each delay added or removed at random (0.2 = ±20 %), so retries do not stampede. */
  jitter: number;
  /** A subscriber's `Retry-After` is honoured up to this long. */
  retryAfterMaxMs: number;
  /** After a timeout or a 429 the endpoint is overloaded: wait at least this long. */
  throttledMinDelayMs: number;
  /** Injectable for tests; Math.random otherwise. */
  random?: () => number;
}

export interface FailureHint {
  /** From the response's Retry-After header. */
  retryAfterMs?: number;
  /** The attempt timed out or was answered 429. */
  throttled?: boolean;
}

export class RetryPolicy {
  private readonly random: () => number;

  constructor(private readonly options: RetryPolicyOptions) {
    if (options.schedule.length === 0) throw new Error('a retry schedule needs at least one entry');
    if (options.jitter < 0 || options.jitter >= 1) throw new Error('jitter must be in [0, 1)');
    this.random = options.random ?? Math.random;
  }

  get maxAttempts(): number {
    return this.options.schedule.length;
  }

  /** Delay before the first attempt (normally 0: deliver at once). */
  firstDelayMs(): number {
    return this.jittered(this.options.schedule[0]);
  }

  /**
   * Delay before the next attempt once `attemptsMade` attempts failed, or undefined when the
   * schedule is exhausted. A Retry-After longer than the schedule wins (within bounds); a shorter
   * one does not shorten it, so an endpoint cannot make us hammer it.
   */
  nextDelayMs(attemptsMade: number, hint: FailureHint = {}): number | undefined {
    if (attemptsMade >= this.options.schedule.length) return undefined;
    let delay = this.jittered(this.options.schedule[attemptsMade]);
    if (hint.throttled) delay = Math.max(delay, this.options.throttledMinDelayMs);
    if (hint.retryAfterMs !== undefined) {
      delay = Math.max(delay, Math.min(hint.retryAfterMs, this.options.retryAfterMaxMs));
    }
    return delay;
  }

  private jittered(delay: number): number {
    const factor = 1 + this.options.jitter * (2 * this.random() - 1);
    return Math.max(0, Math.round(delay * factor));
  }
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`; undefined when absent or invalid. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
