import { ExpressionCache, MappingError } from './expression-cache';

describe('ExpressionCache', () => {
  it('compiles each source once and evaluates with bindings', async () => {
    const cache = new ExpressionCache();
    expect(cache.compile('a + $b')).toBe(cache.compile('a + $b'));
    await expect(cache.evaluate('a + $b', { a: 1 }, { b: 2 })).resolves.toBe(3);
  });

  it('reports a syntax error with its position', () => {
    const cache = new ExpressionCache();
    expect(() => cache.compile('{ "a": }')).toThrow(MappingError);
    try {
      cache.compile('{ "a": }');
    } catch (error) {
      expect((error as MappingError).position).toBeGreaterThan(0);
    }
  });

  it('stops a runaway expression at the time limit', async () => {
    const cache = new ExpressionCache({ timeoutMs: 50, maxDepth: 10_000 });
    const started = Date.now();
    await expect(cache.evaluate('$sum([1..5000000].($ * 2))', {})).rejects.toThrow(MappingError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops unbounded recursion at the depth limit', async () => {
    const cache = new ExpressionCache({ timeoutMs: 5_000, maxDepth: 50 });
    await expect(cache.evaluate('($f := function($n) { 1 + $f($n + 1) }; $f(0))', {})).rejects.toThrow(
      /depth|stack/i,
    );
  });
});
