import { FairUseLimiter, fairUseRefusal, type Admission, type FairUseLimit } from './fair-use-limiter';

const off: FairUseLimit = { perSecond: 0, burst: 0, concurrent: 0 };
const admitted = (a: Admission) => a.admitted;

describe('FairUseLimiter', () => {
  it('lets a tenant use its burst, then refills at its rate, with the wait in the refusal', () => {
    const limiter = new FairUseLimiter({ tenant: { perSecond: 2, burst: 3, concurrent: 0 }, apiKey: off });
    const at = (ms: number) => limiter.admit('t', 'k', ms);
    expect([at(0), at(0), at(0)].map(admitted)).toEqual([true, true, true]);
    const refused = at(0);
    expect(refused).toMatchObject({ admitted: false, scope: 'tenant', reason: 'rate', retryAfterSeconds: 1 });
    expect(admitted(at(499))).toBe(false);
    expect(admitted(at(500))).toBe(true); // 0.5 s × 2/s = one token
    expect(admitted(at(500))).toBe(false);
  });

  it('keeps tenants apart: one tenant out of tokens, the other is served', () => {
    const limiter = new FairUseLimiter({ tenant: { perSecond: 1, burst: 1, concurrent: 0 }, apiKey: off });
    expect(admitted(limiter.admit('a', 'ka', 0))).toBe(true);
    expect(admitted(limiter.admit('a', 'ka', 0))).toBe(false);
    expect(admitted(limiter.admit('b', 'kb', 0))).toBe(true);
  });

  it('limits one API key below its tenant, naming the key as the scope', () => {
    const limiter = new FairUseLimiter({
      tenant: { perSecond: 100, burst: 100, concurrent: 0 },
      apiKey: { perSecond: 1, burst: 1, concurrent: 0 },
    });
    expect(admitted(limiter.admit('t', 'k1', 0))).toBe(true);
    expect(limiter.admit('t', 'k1', 0)).toMatchObject({ admitted: false, scope: 'api_key' });
    expect(admitted(limiter.admit('t', 'k2', 0))).toBe(true);
  });

  it('caps requests in flight and frees a slot once, on release', () => {
    const limiter = new FairUseLimiter({ tenant: { perSecond: 0, burst: 0, concurrent: 2 }, apiKey: off });
    const first = limiter.admit('t', 'k', 0);
    const second = limiter.admit('t', 'k', 0);
    expect(limiter.admit('t', 'k', 0)).toMatchObject({ admitted: false, reason: 'concurrency' });
    if (!first.admitted || !second.admitted) throw new Error('expected admissions');
    first.release();
    first.release(); // twice: still one slot
    expect(admitted(limiter.admit('t', 'k', 0))).toBe(true);
    expect(admitted(limiter.admit('t', 'k', 0))).toBe(false);
  });

  it('takes nothing from either bucket when one of them refuses', () => {
    const limiter = new FairUseLimiter({
      tenant: { perSecond: 1, burst: 1, concurrent: 0 },
      apiKey: { perSecond: 1, burst: 2, concurrent: 0 },
    });
    expect(admitted(limiter.admit('t', 'k', 0))).toBe(true);
    expect(admitted(limiter.admit('t', 'k', 0))).toBe(false); // the tenant is out; the key keeps its token
    expect(admitted(limiter.admit('t2', 'k', 0))).toBe(true);
  });

  it('gives each of N workers 1/N of the limits', () => {
    const limiter = FairUseLimiter.perWorker(
      { tenant: { perSecond: 10, burst: 10, concurrent: 3 }, apiKey: off },
      2,
    );
    const answers = Array.from({ length: 8 }, () => limiter.admit('t', 'k', 0));
    // Concurrency ceil(3/2) = 2 binds first.
    expect(answers.filter(admitted)).toHaveLength(2);
  });

  it('answers a refusal in the shape of a provider 429', () => {
    const refusal = fairUseRefusal({
      admitted: false,
      scope: 'tenant',
      reason: 'rate',
      retryAfterSeconds: 2,
      limit: 200,
      remaining: 0,
      resetSeconds: 3,
    });
    expect(refusal.headers).toEqual({
      'retry-after': '2',
      'ratelimit-limit': '200',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '3',
    });
    expect(refusal.message).toMatch(/this tenant is over its request rate/);
  });
});
