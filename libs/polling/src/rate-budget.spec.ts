import { BudgetSpentError, RateBudget } from './rate-budget';

describe('RateBudget', () => {
  it('allows the configured share of the fallback limit per hour, then refuses until the window ends', () => {
    let now = 1_000_000;
    const budget = new RateBudget(0.1, 100, () => now);
    for (let i = 0; i < 10; i++) budget.take('c1');
    expect(() => budget.take('c1')).toThrow(BudgetSpentError);
    budget.take('c2'); // another connection has its own budget
    now += 3_600_000;
    expect(() => budget.take('c1')).not.toThrow();
  });

  it("adopts the provider's limit and window from its answers", () => {
    let now = 0;
    const budget = new RateBudget(0.5, 1000, () => now);
    budget.take('c');
    budget.observe('c', 4, new Date(60_000));
    budget.take('c');
    let refused: unknown;
    try {
      budget.take('c');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(BudgetSpentError);
    expect((refused as BudgetSpentError).until.getTime()).toBe(60_000);
    now = 60_001;
    expect(() => budget.take('c')).not.toThrow();
  });
});
