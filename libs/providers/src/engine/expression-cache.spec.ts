import { ProviderRegistry } from '../registry';
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

describe('ExpressionCache fast path (trusted definition expressions)', () => {
  it('runs a trusted, supported expression compiled, without the interpreter', async () => {
    const cache = new ExpressionCache();
    cache.trust(['a + $b']);
    const interpreter = jest.spyOn(cache, 'compile');
    await expect(cache.evaluate('a + $b', { a: 1 }, { b: 2 })).resolves.toBe(3);
    expect(interpreter).not.toHaveBeenCalled();
    await expect(cache.evaluate('a - $b', { a: 1 }, { b: 2 })).resolves.toBe(-1);
    expect(interpreter).toHaveBeenCalledWith('a - $b'); // not trusted: interpreted
  });

  it('trusts every expression of the registered definitions', async () => {
    const cache = new ExpressionCache();
    const definitions = new ProviderRegistry().all();
    cache.trustDefinitions(definitions);
    const record = definitions[0].resources[Object.keys(definitions[0].resources)[0]].record;
    expect(cache.isTrusted(record)).toBe(true);
    expect(cache.isTrusted('title')).toBe(false);
  });

  it('reports errors of trusted expressions as jsonata does (code, message)', async () => {
    const cache = new ExpressionCache();
    cache.trust(['$number(a)']);
    await expect(cache.evaluate('$number(a)', { a: 'x' })).rejects.toMatchObject({
      name: 'MappingError',
      code: 'D3030',
      message: expect.stringContaining('Unable to cast value to a number'),
    });
  });

  it('still stops runaway trusted expressions: unsupported ones stay interpreted under the limits', async () => {
    const cache = new ExpressionCache({ timeoutMs: 50, maxDepth: 10_000 });
    cache.trust(['$sum([1..5000000].($ * 2))']);
    await expect(cache.evaluate('$sum([1..5000000].($ * 2))', {})).rejects.toThrow(MappingError);
  });

  it('hands unbounded recursion over to the interpreter, which reports the depth limit', async () => {
    const cache = new ExpressionCache({ timeoutMs: 5_000, maxDepth: 50 });
    const source = '($f := function($n) { 1 + $f($n + 1) }; $f(0))';
    cache.trust([source]);
    await expect(cache.evaluate(source, {})).rejects.toThrow(/depth|stack/i);
  });
});
