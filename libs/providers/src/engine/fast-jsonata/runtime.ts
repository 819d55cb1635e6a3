import {
  append,
  CallableBase,
  isCallable,
  createSequence,
  isArrayOfNumbers,
  isNumeric,
  isSequence,
  JsonataError,
  lookup,
  normalize,
  NotCompiled,
  toBoolean,
  type Sequence,
} from './values';

/**
 * Run-time pieces of compiled expressions, each a synchronous port of the matching jsonata 2.2.2
 * evaluator function (evaluatePath, evaluateStep, evaluateFilter, evaluateGroupExpression, …).
 */

/** A compiled node: what `evaluate(expr, input, environment)` returns, minus the promise. */
export type Evaluator = (input: unknown, frame: Frame) => unknown;

/**
 * A variable scope, as jsonata's frames: a block with `:=` or a lambda call binds into its own frame.
 * The root frame holds what jsonata's evaluate() binds: the caller's bindings and `$$` (the input).
 */
export class Frame {
  readonly vars: Record<string, unknown> = {};

  constructor(
    readonly parent: Frame | undefined,
    private readonly bindings?: Readonly<Record<string, unknown>>,
    private readonly input?: unknown,
  ) {}

  lookup(name: string): unknown {
    if (!this.parent) return this.rootLookup(name);
    // Own properties only: `vars` is a plain object (fast), never holding `__proto__` (refused names).
    if (Object.hasOwn(this.vars, name)) return this.vars[name];
    return this.parent.lookup(name);
  }

  private rootLookup(name: string): unknown {
    if (name === '$') return this.input;
    // jsonata binds the caller's own enumerable keys (utils.keys).
    if (!this.bindings || !Object.prototype.propertyIsEnumerable.call(this.bindings, name)) return undefined;
    const value = this.bindings[name];
    // A JS function binding is a native function to jsonata: not reproduced.
    if (typeof value === 'function') throw new NotCompiled(`function binding $${name}`);
    return value;
  }
}

/** A lambda value. The body sees the context of the place it was defined (`proc.input` in jsonata). */
export class Lambda extends CallableBase {
  constructor(
    private readonly params: readonly string[],
    private readonly body: Evaluator,
    private readonly input: unknown,
    private readonly closure: Frame,
  ) {
    super();
  }

  get arity(): number {
    return this.params.length;
  }

  call(args: unknown[]): unknown {
    const frame = new Frame(this.closure);
    // Missing arguments are bound as undefined, which hides an outer variable of the same name.
    for (let i = 0; i < this.params.length; i++) frame.vars[this.params[i]] = args[i];
    return this.body(this.input, frame);
  }
}

export interface CompiledStep {
  evaluate: Evaluator;
  /** Predicates of the step (`a.b[0]`), applied to each item's result. */
  stages: readonly Filter[];
  /** An array constructor (or a block holding one) as first step is evaluated once, on the whole input. */
  consarray: boolean;
  isVariable: boolean;
}

/** A predicate: a constant index (`[-1]`) or an expression evaluated per item. */
export type Filter = { index: number } | { predicate: Evaluator };

/** evaluateFilter. */
export function applyFilter(filter: Filter, input: unknown, frame: Frame): unknown {
  let results: unknown[] = createSequence();
  const items: unknown[] = Array.isArray(input) ? input : createSequence(input);
  if ('index' in filter) {
    let index = Math.floor(filter.index);
    if (index < 0) index = items.length + index;
    const item = items[index];
    // An array item is returned as the result itself (jsonata does so), not wrapped.
    if (item !== undefined) {
      if (Array.isArray(item)) results = item;
      else results.push(item);
    }
    return results;
  }
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    let res = filter.predicate(item, frame);
    if (isNumeric(res)) res = [res];
    if (isArrayOfNumbers(res)) {
      for (const position of res as number[]) {
        let ii = Math.floor(position);
        if (ii < 0) ii = items.length + ii;
        if (ii === index) results.push(item);
      }
    } else if (toBoolean(res)) {
      results.push(item);
    }
  }
  return results;
}

export function applyFilters(filters: readonly Filter[], value: unknown, frame: Frame): unknown {
  let result = value;
  for (const filter of filters) result = applyFilter(filter, result, frame);
  return result;
}

/** evaluateStep: map the step over each item, then flatten one level (arrays built by `[...]` stay whole). */
function evaluateStep(step: CompiledStep, input: unknown[], frame: Frame, lastStep: boolean): unknown {
  const result: unknown[] = [];
  for (const item of input) {
    let res = step.evaluate(item, frame);
    if (step.stages.length > 0) res = applyFilters(step.stages, res, frame);
    if (res !== undefined) result.push(res);
  }
  if (lastStep && result.length === 1 && Array.isArray(result[0]) && !isSequence(result[0])) return result[0];
  const sequence = createSequence();
  for (const res of result) {
    if (!Array.isArray(res) || (res as Sequence).cons) sequence.push(res);
    else for (const value of res) sequence.push(value);
  }
  return sequence;
}

/** evaluatePath (without tuple streams, which are not compiled). Not normalised: the caller does it. */
export function evaluatePath(
  steps: readonly CompiledStep[],
  keepSingletonArray: boolean,
  input: unknown,
  frame: Frame,
  from = 0,
): unknown {
  let inputSequence: unknown[] =
    Array.isArray(input) && !steps[from].isVariable ? input : createSequence(input);
  let resultSequence: unknown;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i];
    if (i === 0 && step.consarray) {
      resultSequence = step.evaluate(inputSequence, frame);
      // A block first step may yield a non-array; jsonata would then iterate its `length`: not copied.
      if (resultSequence !== undefined && !Array.isArray(resultSequence)) {
        throw new NotCompiled('non-array first step');
      }
    } else {
      resultSequence = evaluateStep(step, inputSequence, frame, i === steps.length - 1);
    }
    if (resultSequence === undefined || (resultSequence as unknown[]).length === 0) break;
    inputSequence = resultSequence as unknown[];
  }
  if (keepSingletonArray) {
    if (resultSequence === undefined) throw new NotCompiled('keep-array path with no result');
    let kept = resultSequence as Sequence;
    if (kept.cons && !kept.sequence) kept = createSequence(kept);
    kept.keepSingleton = true;
    resultSequence = kept;
  }
  return resultSequence;
}

/**
 * The common path `[$var.]name.name…` with no predicates: walks single objects without building
 * sequences and hands over to evaluatePath (from the same step) as soon as an array shows up, so the
 * result is the one evaluatePath + normalisation would give.
 */
export function evaluateNamePath(
  steps: readonly CompiledStep[],
  names: readonly string[],
  input: unknown,
  frame: Frame,
): unknown {
  let current = input;
  let index = 0;
  if (steps[0].isVariable) {
    current = steps[0].evaluate(input, frame);
    if (current === undefined) return undefined;
    if (Array.isArray(current)) return normalize(evaluatePath(steps, false, input, frame));
    index = 1;
  } else if (Array.isArray(current)) {
    return normalize(evaluatePath(steps, false, input, frame));
  }
  for (; index < steps.length; index++) {
    const value = lookup(current, names[index]);
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return normalize(evaluatePath(steps, false, current, frame, index));
    current = value;
  }
  return current;
}

/** The array constructor `[a, b]`: items are appended (flattened), nested constructors kept whole. */
export function constructArray(
  items: readonly { evaluate: Evaluator; nested: boolean }[],
  consarray: boolean,
  input: unknown,
  frame: Frame,
): unknown[] {
  const result: unknown[] = [];
  for (const item of items) {
    const value = item.evaluate(input, frame);
    if (value === undefined) continue;
    if (item.nested || !Array.isArray(value)) result.push(value);
    else for (const v of value) result.push(v);
  }
  if (consarray)
    Object.defineProperty(result, 'cons', { enumerable: false, configurable: false, value: true });
  return result;
}

/**
 * The object constructor over one input (evaluateGroupExpression): each key expression is evaluated per
 * item of the input sequence and the items under one key become that value expression's context.
 */
export function constructObject(
  pairs: readonly (readonly [Evaluator, Evaluator])[],
  input: unknown,
  frame: Frame,
): Record<string, unknown> {
  // jsonata pushes `undefined` into an empty input array (mutating it); a copy gives the same result.
  let items: unknown[] = Array.isArray(input) ? input : createSequence(input);
  if (items.length === 0) items = [undefined];
  const groups = new Map<string, { data: unknown; exprIndex: number }>();
  for (const item of items) {
    for (let pairIndex = 0; pairIndex < pairs.length; pairIndex++) {
      const key = pairs[pairIndex][0](item, frame);
      if (typeof key !== 'string' && key !== undefined) throw new JsonataError('T1003', key);
      if (key === undefined) continue;
      if (key === '_jsonata_lambda' || key === '_jsonata_function') throw new JsonataError('D1013', key);
      const group = groups.get(key);
      if (!group) groups.set(key, { data: item, exprIndex: pairIndex });
      else if (group.exprIndex !== pairIndex) throw new JsonataError('D1009', key);
      else group.data = append(group.data, item);
    }
  }
  const result: Record<string, unknown> = Object.create(null);
  // Insertion order as jsonata's Object.keys(groups); the object orders integer-like keys itself.
  for (const [key, group] of groups) {
    const value = pairs[group.exprIndex][1](group.data, frame);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** evaluateWildcard: the values of an object's properties, array values flattened. */
export function wildcard(input: unknown): unknown {
  let results: unknown = createSequence();
  let value = input;
  if (Array.isArray(value) && (value as Sequence).outerWrapper && value.length > 0) value = value[0];
  if (value !== null && typeof value === 'object' && !isCallable(value)) {
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      // As jsonata: appending an array turns the result into a plain (non-sequence) array.
      if (Array.isArray(item)) results = append(results, flatten(item));
      else (results as unknown[]).push(item);
    }
  }
  return results;
}

function flatten(value: unknown, into: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) flatten(item, into);
  else into.push(value);
  return into;
}
