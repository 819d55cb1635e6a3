import { TimeoutBreaker } from './timeout-breaker';

describe('TimeoutBreaker', () => {
  const settings = { suspendAfter: 2, suspendMs: 1_000, maxSuspendMs: 3_000, maxTracked: 3 };

  it('suspends an expression after two time-outs in a row, for twice as long each time, up to the cap', () => {
    const breaker = new TimeoutBreaker(settings);
    breaker.ranOutOfTime('t', 'e', 0);
    expect(breaker.suspendedFor('t', 'e', 0)).toBe(0);
    breaker.ranOutOfTime('t', 'e', 10);
    expect(breaker.suspendedFor('t', 'e', 10)).toBe(1_000);
    expect(breaker.suspendedFor('t', 'e', 1_010)).toBe(0); // runs once more
    breaker.ranOutOfTime('t', 'e', 2_000);
    expect(breaker.suspendedFor('t', 'e', 2_000)).toBe(2_000);
    breaker.ranOutOfTime('t', 'e', 5_000);
    expect(breaker.suspendedFor('t', 'e', 5_000)).toBe(3_000);
    expect(breaker.timeoutsInARow('t', 'e')).toBe(4);
  });

  it('forgets an expression once an evaluation of it finishes', () => {
    const breaker = new TimeoutBreaker(settings);
    breaker.ranOutOfTime('t', 'e', 0);
    breaker.finished('t', 'e');
    breaker.ranOutOfTime('t', 'e', 0);
    expect(breaker.suspendedFor('t', 'e', 0)).toBe(0);
  });

  it("keeps tenants and expressions apart: another tenant's, or an edited, expression runs", () => {
    const breaker = new TimeoutBreaker(settings);
    breaker.ranOutOfTime('t', 'e', 0);
    breaker.ranOutOfTime('t', 'e', 0);
    expect(breaker.suspendedFor('t', 'e', 0)).toBeGreaterThan(0);
    expect(breaker.suspendedFor('u', 'e', 0)).toBe(0);
    expect(breaker.suspendedFor('t', 'e2', 0)).toBe(0);
  });

  it('remembers at most maxTracked expressions, forgetting the least recently failed', () => {
    const breaker = new TimeoutBreaker(settings);
    for (const e of ['a', 'b', 'c']) breaker.ranOutOfTime('t', e, 0);
    breaker.ranOutOfTime('t', 'a', 0); // a: suspended, and now the most recent
    breaker.ranOutOfTime('t', 'd', 0); // b is forgotten
    expect(breaker.timeoutsInARow('t', 'b')).toBe(0);
    expect(breaker.suspendedFor('t', 'a', 0)).toBe(1_000);
    expect(breaker.timeoutsInARow('t', 'd')).toBe(1);
  });
});
