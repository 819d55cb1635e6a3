import jsonata from 'jsonata';

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

type Compiled = ReturnType<typeof jsonata>;

/**
 * Compiles each JSONata source once and reuses it. Every expression runs under jsonata's own
 * `{timeout, stack}` limits so a runaway mapping (user-supplied overrides included) cannot hang a worker.
 */
export class ExpressionCache {
  private readonly compiled = new Map<string, Compiled>();

  /** `maxEntries` bounds memory: tenants' overrides are user input, so the cache must not grow forever. */
  constructor(
    private readonly limits: ExpressionLimits = DEFAULT_LIMITS,
    private readonly maxEntries = 5_000,
  ) {}

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

  async evaluate(source: string, input: unknown, bindings?: Record<string, unknown>): Promise<unknown> {
    const expression = this.compile(source);
    try {
      return await expression.evaluate(input, bindings);
    } catch (error) {
      throw toMappingError(error, 'JSONata evaluation failed');
    }
  }
}

function toMappingError(error: unknown, context: string): MappingError {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as { message: string; position?: number; code?: string };
    return new MappingError(`${context}: ${e.message}`, e.position, e.code);
  }
  return new MappingError(`${context}: ${String(error)}`);
}
