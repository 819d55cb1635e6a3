import {
  DEFAULT_RETRY_SCHEDULE,
  parseDuration,
  parseRetryAfter,
  parseSchedule,
  RetryPolicy,
  type RetryPolicyOptions,
} from './retry-schedule';

const S = 1_000;
const M = 60 * S;
const H = 60 * M;

const policy = (overrides: Partial<RetryPolicyOptions> = {}) =>
  new RetryPolicy({
    schedule: parseSchedule(DEFAULT_RETRY_SCHEDULE),
    jitter: 0.2,
    retryAfterMaxMs: 10 * H,
    throttledMinDelayMs: M,
    random: () => 0.5, // no jitter unless a test says otherwise
    ...overrides,
  });

describe('retry schedule', () => {
  it('defaults to immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    expect(parseSchedule(DEFAULT_RETRY_SCHEDULE)).toEqual([
      0,
      5 * S,
      5 * M,
      30 * M,
      2 * H,
      5 * H,
      10 * H,
      10 * H,
    ]);
    const p = policy();
    expect(p.maxAttempts).toBe(8);
    expect(p.firstDelayMs()).toBe(0);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => p.nextDelayMs(n))).toEqual([
      5 * S,
      5 * M,
      30 * M,
      2 * H,
      5 * H,
      10 * H,
      10 * H,
    ]);
  });

  it('gives up after the last attempt', () => {
    expect(policy().nextDelayMs(8)).toBeUndefined();
    expect(policy({ schedule: [0, 10] }).nextDelayMs(2)).toBeUndefined();
  });

  it('jitters each delay by at most ±20 %', () => {
    expect(policy({ random: () => 0 }).nextDelayMs(1)).toBe(4 * S);
    expect(policy({ random: () => 0.999999 }).nextDelayMs(1)).toBe(6 * S);
    const real = policy({ random: Math.random });
    const samples = Array.from({ length: 500 }, () => real.nextDelayMs(2)!);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(4 * M);
    expect(Math.max(...samples)).toBeLessThanOrEqual(6 * M);
    expect(new Set(samples).size).toBeGreaterThan(100);
  });

  it('honours a longer Retry-After up to its bound, never a shorter one', () => {
    const p = policy();
    expect(p.nextDelayMs(1, { retryAfterMs: 120 * S })).toBe(120 * S);
    expect(p.nextDelayMs(1, { retryAfterMs: 1 * S })).toBe(5 * S);
    expect(p.nextDelayMs(1, { retryAfterMs: 48 * H })).toBe(10 * H);
  });

  it('waits at least the throttle delay after a timeout or 429', () => {
    expect(policy().nextDelayMs(1, { throttled: true })).toBe(M);
    expect(policy().nextDelayMs(3, { throttled: true })).toBe(30 * M);
  });

  it('parses compressed schedules and rejects nonsense', () => {
    expect(parseSchedule('0,50ms,100ms,1s')).toEqual([0, 50, 100, 1000]);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2d')).toBe(2 * 24 * H);
    expect(() => parseDuration('soon')).toThrow('not a duration');
    expect(() => parseSchedule('0,,5s')).toThrow('not a duration');
    expect(
      () => new RetryPolicy({ schedule: [], jitter: 0, retryAfterMaxMs: 0, throttledMinDelayMs: 0 }),
    ).toThrow();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120 * S);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30 * S);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('later', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
