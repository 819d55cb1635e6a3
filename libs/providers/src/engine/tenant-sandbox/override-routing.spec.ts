import { resolveExpression } from '../connection-context';
import {
  ExpressionCache,
  MappingError,
  OverrideFailedError,
  type TenantExpressionRunner,
} from '../expression-cache';
import { TenantSandboxBusyError } from './tenant-expression-pool';

/** A sandbox that records what reaches it and answers with `answer`. */
function recordingSandbox(answer: (source: string) => Promise<unknown>) {
  const calls: { tenantId: string; source: string }[] = [];
  const runner: TenantExpressionRunner = {
    evaluate: (tenantId, source) => {
      calls.push({ tenantId, source });
      return answer(source);
    },
  };
  return { calls, runner };
}

describe('ExpressionCache: tenants’ overrides go to the sandbox', () => {
  const overrides = {
    tenant: { 'tickets.record': '{"id": "t"}' },
    connection: { 'users.record': '{"id": "c"}', 'tags.record': '{"id": $string(id)}' },
    tenantId: 'ten_a',
    connectionId: 'con_1',
  };

  it('resolves who owns an expression: connection over tenant over the definition', () => {
    expect(resolveExpression('base', 'users.record', overrides)).toEqual({
      source: '{"id": "c"}',
      owner: { tenantId: 'ten_a', key: 'users.record', level: 'connection', connectionId: 'con_1' },
    });
    expect(resolveExpression('base', 'tickets.record', overrides)?.owner?.level).toBe('tenant');
    expect(resolveExpression('base', 'comments.record', overrides)).toEqual({ source: 'base' });
    expect(resolveExpression('base', 'users.record', { ...overrides, preview: true })?.owner?.level).toBe(
      'preview',
    );
  });

  it('runs an override in the sandbox under its tenant, and the definition’s code in-process', async () => {
    const cache = new ExpressionCache();
    const { calls, runner } = recordingSandbox(async () => ({ id: 'from sandbox' }));
    cache.isolateTenantExpressions(runner);
    cache.trust(['{"id": $string(id)}']);
    const owner = { tenantId: 'ten_a', key: 'users.record', level: 'connection' as const };
    expect(await cache.evaluate('{"id": "c"}', {}, undefined, owner)).toEqual({ id: 'from sandbox' });
    // An override identical to trusted definition code is that code: in-process.
    expect(await cache.evaluate('{"id": $string(id)}', { id: 3 }, undefined, owner)).toEqual({ id: '3' });
    // No owner: the definition's own expression, in-process.
    expect(await cache.evaluate('1 + 1', {})).toBe(2);
    expect(calls).toEqual([{ tenantId: 'ten_a', source: '{"id": "c"}' }]);
  });

  it('names the failing override and tells the listener; a busy sandbox is not the override’s fault', async () => {
    const cache = new ExpressionCache();
    const failures: OverrideFailedError[] = [];
    cache.onOverrideFailure((e) => failures.push(e));
    cache.isolateTenantExpressions(
      recordingSandbox(async (source) => {
        if (source === 'busy') throw new TenantSandboxBusyError('ten_a', 16);
        throw new MappingError('JSONata evaluation failed: too deep', 4, 'U1001');
      }).runner,
    );
    const owner = { tenantId: 'ten_a', key: 'tickets.record', level: 'tenant' as const };
    const error = await cache.evaluate('bad', {}, undefined, owner).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OverrideFailedError);
    expect(error).toMatchObject({
      message: 'the tenant override tickets.record failed: JSONata evaluation failed: too deep',
      position: 4,
      code: 'U1001',
    });
    expect(failures).toHaveLength(1);
    await expect(cache.evaluate('busy', {}, undefined, owner)).rejects.toBeInstanceOf(TenantSandboxBusyError);
    expect(failures).toHaveLength(1);
  });

  it('without a sandbox, still runs overrides under the interpreter’s limits and names them', async () => {
    const cache = new ExpressionCache({ timeoutMs: 200, maxDepth: 50 });
    const owner = { tenantId: 't', key: 'tickets.record', level: 'tenant' as const };
    await expect(
      cache.evaluate('($f := function($x){ $f($x) }; $f(1))', {}, undefined, owner),
    ).rejects.toThrow(/tenant override tickets.record failed/);
  });
});
