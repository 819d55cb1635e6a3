import jsonata from 'jsonata';
import type { ProviderDefinition } from '../definition';
import type { OverrideOwner } from './connection-context';
import { definitionExpressions } from './fast-jsonata/definition-expressions';
import { compileFast, type FastExpression } from './fast-jsonata';

export interface ExpressionLimits {
  /** Milliseconds one evaluation may take. */
  timeoutMs: number;
  /** Maximum depth of nested evaluation (recursion guard). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ExpressionLimits = { timeoutMs: 1_000, maxDepth: 500 };

/** A JSONata error with its position, as jsonata reports it. */
export class MappingError extends Error {
  constructor(
    message: string,
    readonly position?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}

/** A tenant's override failed (too slow, too deep, too hungry, wrong shape): names the override and its key. */
export class OverrideFailedError extends MappingError {
  constructor(
    readonly owner: OverrideOwner,
    readonly underlying: MappingError,
  ) {
    super(
      `the ${owner.level} override ${owner.key} failed: ${underlying.message}`,
      underlying.position,
      underlying.code,
    );
    this.name = 'OverrideFailedError';
  }
}

/** Where tenants' expressions run when they must not share the caller's thread (TenantExpressionPool). */
export interface TenantExpressionRunner {
  evaluate(
    tenantId: string,
    source: string,
    input: unknown,
    bindings?: Record<string, unknown>,
  ): Promise<unknown>;
}

type Compiled = ReturnType<typeof jsonata>;

/**
 * Compiles each JSONata source once and reuses it. Every expression runs under jsonata's own
 * `{timeout, stack}` limits so a runaway mapping (user-supplied overrides included) cannot hang a worker.
 *
 * Trusted sources (the provider definitions' own expressions, registered with `trust`/`trustDefinitions`)
 * run compiled to synchronous JavaScript (fast-jsonata) when the compiler supports them: jsonata's
 * interpreter awaits at every step, which made mapping ~25x slower than hand-written code. The compiled
 * form has no time limit, which is why only the definitions' code gets it; any error it raises (including
 * a stack overflow) hands the evaluation back to the interpreter, which reports the real error.
 */
export class ExpressionCache {
  private readonly compiled = new Map<string, Compiled>();
  private readonly trusted = new Set<string>();
  /** Compiled form of each trusted source, null where the compiler does not support it. */
  private readonly fast = new Map<string, FastExpression | null>();
  private sandbox?: TenantExpressionRunner;
  private failureListener?: (error: OverrideFailedError) => void;

  /** `maxEntries` bounds memory: tenants' overrides are user input, so the cache must not grow forever. */
  constructor(
    private readonly limits: ExpressionLimits = DEFAULT_LIMITS,
    private readonly maxEntries = 5_000,
  ) {}

  /**
   * Marks sources as trusted code. An override identical to a trusted source is the same code and runs
   * the same way; any other override stays under the interpreter's limits.
   */
  trust(sources: Iterable<string>): void {
    for (const source of sources) this.trusted.add(source);
  }

  /** Trusts every JSONata expression of these provider definitions. */
  trustDefinitions(definitions: Iterable<ProviderDefinition>): void {
    // `$` is the engine's own default for a method's `response` (ProviderClient.selectResponse).
    this.trust(['$']);
    for (const definition of definitions) this.trust(definitionExpressions(definition).map((e) => e.source));
  }

  /**
   * Tenants' overrides run here from now on (a pool of sandbox processes), not on the caller's thread.
   * Without one they run on the interpreter in-process, under the same time and depth limits.
   */
  isolateTenantExpressions(sandbox: TenantExpressionRunner): void {
    this.sandbox = sandbox;
  }

  /** Told of every failing override, e.g. to show the tenant its recent failures. */
  onOverrideFailure(listener: (error: OverrideFailedError) => void): void {
    this.failureListener = listener;
  }

  isTrusted(source: string): boolean {
    return this.trusted.has(source);
  }

  compile(source: string): Compiled {
    let expression = this.compiled.get(source);
    if (expression) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.compiled.delete(source);
      this.compiled.set(source, expression);
    } else {
      try {
        expression = jsonata(source, { timeout: this.limits.timeoutMs, stack: this.limits.maxDepth });
      } catch (error) {
        throw toMappingError(error, 'invalid JSONata');
      }
      this.compiled.set(source, expression);
      if (this.compiled.size > this.maxEntries)
        this.compiled.delete(this.compiled.keys().next().value as string);
    }
    return expression;
  }

  /**
   * `owner` is set when `source` is a tenant's override: unless it is the definition's own code, it runs
   * in the tenant sandbox, and a failure names the override.
   */
  async evaluate(
    source: string,
    input: unknown,
    bindings?: Record<string, unknown>,
    owner?: OverrideOwner,
  ): Promise<unknown> {
    if (owner && !this.trusted.has(source)) return this.evaluateOverride(owner, source, input, bindings);
    const fast = this.trusted.has(source) ? this.fastFor(source) : undefined;
    if (fast) {
      try {
        // Returned as is: no await, no interpreter promise chain.
        return fast(input, bindings);
      } catch {
        // Fall through: the interpreter raises the error with jsonata's code, position and message.
      }
    }
    return this.interpret(source, input, bindings);
  }

  private async evaluateOverride(
    owner: OverrideOwner,
    source: string,
    input: unknown,
    bindings?: Record<string, unknown>,
  ): Promise<unknown> {
    try {
      if (this.sandbox) return await this.sandbox.evaluate(owner.tenantId, source, input, bindings);
      return await this.interpret(source, input, bindings);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error; // e.g. the tenant's share is full: not the override's fault
      const failed = new OverrideFailedError(owner, error);
      this.failureListener?.(failed);
      throw failed;
    }
  }

  private async interpret(
    source: string,
    input: unknown,
    bindings?: Record<string, unknown>,
  ): Promise<unknown> {
    const expression = this.compile(source);
    try {
      return await expression.evaluate(input, bindings);
    } catch (error) {
      throw toMappingError(error, 'JSONata evaluation failed');
    }
  }

  private fastFor(source: string): FastExpression | undefined {
    let fast = this.fast.get(source);
    if (fast === undefined) {
      try {
        fast = compileFast(source) ?? null;
      } catch {
        // A compiler defect must cost speed, never correctness: the interpreter keeps this source.
        fast = null;
      }
      this.fast.set(source, fast);
    }
    return fast ?? undefined;
  }
}

function toMappingError(error: unknown, context: string): MappingError {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as { message: string; position?: number; code?: string };
    return new MappingError(`${context}: ${e.message}`, e.position, e.code);
  }
  return new MappingError(`${context}: ${String(error)}`);
}
