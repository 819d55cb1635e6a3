import { SubscriptionPace } from './subscription-pace';

// The dispatcher's defaults: 4 slots, 8 to 32 rows per slot, a 60 s lease less a 15 s timeout, a quarter.
const settings = { slots: 4, minAheadPerSlot: 8, maxAheadPerSlot: 32, drainWithinMs: 11_250 };

describe('SubscriptionPace', () => {
  it('holds the minimum for a subscription not heard from yet', () => {
    expect(new SubscriptionPace(settings).share('sub_new')).toBe(32);
  });

  it('holds up to the maximum for a subscription answering in milliseconds', () => {
    const pace = new SubscriptionPace(settings);
    pace.answered('sub_fast', 2);
    expect(pace.share('sub_fast')).toBe(128);
  });

  it('holds what its slots get through within the drain time at its pace, between the bounds', () => {
    const pace = new SubscriptionPace(settings);
    pace.answered('sub_medium', 500); // 4 slots × 11.25 s / 0.5 s
    expect(pace.share('sub_medium')).toBe(90);
    pace.answered('sub_slow', 15_000); // timing out: 3 rows' worth, held at the minimum
    expect(pace.share('sub_slow')).toBe(32);
  });

  it('follows a subscriber that slows down, smoothing single answers', () => {
    const pace = new SubscriptionPace(settings);
    pace.answered('sub', 2);
    pace.answered('sub', 5_000); // one slow answer: 2 + 0.2 × (5,000 − 2) ≈ 1,002 ms
    expect(pace.share('sub')).toBe(44);
    for (let i = 0; i < 20; i++) pace.answered('sub', 5_000);
    expect(pace.share('sub')).toBe(32);
    // Fast again: back to the maximum within a few dozen answers.
    for (let i = 0; i < 40; i++) pace.answered('sub', 2);
    expect(pace.share('sub')).toBe(128);
  });

  it('keeps each subscription apart, and forgets the least recently answered beyond 10,000', () => {
    const pace = new SubscriptionPace(settings);
    pace.answered('sub_0', 2);
    pace.answered('sub_slow', 15_000);
    expect([pace.share('sub_0'), pace.share('sub_slow')]).toEqual([128, 32]);
    for (let i = 1; i <= 10_000; i++) pace.answered(`sub_${i}`, 2);
    expect(pace.share('sub_0')).toBe(32); // forgotten: the minimum again
    expect(pace.share('sub_10000')).toBe(128);
  });
});
