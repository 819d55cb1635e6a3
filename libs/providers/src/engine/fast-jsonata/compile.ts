import { checkKeys, child, children, stagesOf, Unsupported, type Ast, type Names, type Stage } from './ast';
import { JSONATA_BUILTIN_NAMES } from './builtins';
import { compileApply, compileCall, compileLambda, hasTailThunk } from './calls';
import { compileBinary, compileNegation } from './operators';
import { RegexMatcher } from './regex';
import {
  applyFilters,
  constructArray,
  constructObject,
  evaluateNamePath,
  evaluatePath,
  Frame,
  wildcard,
  type CompiledStep,
  type Evaluator,
  type Filter,
} from './runtime';
import { lookup, normalize, toBoolean, type Sequence } from './values';

/**
 * AST → closure compiler. Each node becomes a closure doing what jsonata's `evaluate(expr, input, env)`
 * does for it, synchronously: the node's own evaluation, then its predicates, then the normalisation of
 * sequences. Anything outside the subset throws `Unsupported` and the expression stays interpreted.
 */
export interface CompileState {
  names: Names;
  /** Built-ins the expression calls: a caller binding with the same name would shadow them. */
  builtins: Set<string>;
}

/**
 * Where a node sits: only bind right-hand sides and callback arguments may be lambdas, only pattern
 * arguments regex literals. Function values thus never reach data (or the output).
 */
export type Position = 'value' | 'callback' | 'bind' | 'matcher' | 'step';

export function compileNode(node: Ast, state: CompileState, position: Position = 'value'): Evaluator {
  checkKeys(node);
  // Stages belong to path steps (compilePath applies them); anywhere else they would be ignored.
  if (node.stages !== undefined && position !== 'step') throw new Unsupported('stages outside a path');
  const predicate = stagesOf(node, 'predicate');
  const keepArray = node.keepArray === true;
  if ((predicate.length > 0 || keepArray) && hasTailThunk(node)) throw new Unsupported('decorated tail call');
  let core: Evaluator;
  // Nodes whose value may be a sequence are normalised like evaluate() does; for the others it is a no-op.
  let normalized = false;
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value': {
      const value = node.value;
      core = () => value;
      normalized = true;
      break;
    }
    case 'name': {
      const name = String(node.value);
      core = (input) => lookup(input, name);
      break;
    }
    case 'path':
      [core, normalized] = compilePath(node, state);
      break;
    case 'variable':
      core = compileVariable(node, state, position);
      break;
    case 'unary':
      core = compileUnary(node, state);
      normalized = true;
      break;
    case 'binary':
      core = compileBinary(
        String(node.value),
        compileNode(child(node, 'lhs'), state),
        compileNode(child(node, 'rhs'), state),
      );
      normalized = true;
      break;
    case 'condition':
      core = compileCondition(node, state);
      normalized = true; // passes on an already normalised branch
      break;
    case 'block':
      core = compileBlock(node, state);
      normalized = true;
      break;
    case 'function':
      core = compileCall(node, state, compileNode, { tail: false });
      break;
    case 'apply':
      core = compileApply(node, state, compileNode);
      break;
    case 'lambda':
      if (node.thunk === true) {
        // A tail call: the trampoline returns the callee's result as it is.
        return compileCall(child(node, 'body'), state, compileNode, { tail: true });
      }
      if (position !== 'callback' && position !== 'bind') throw new Unsupported('lambda used as a value');
      if (predicate.length > 0 || keepArray) throw new Unsupported('decorated lambda');
      return compileLambda(node, state, compileNode);
    case 'wildcard':
      core = wildcard;
      break;
    case 'regex': {
      const literal = node.value;
      if (position !== 'matcher' || !(literal instanceof RegExp))
        throw new Unsupported('regex used as a value');
      if (predicate.length > 0 || keepArray) throw new Unsupported('decorated regex');
      return () => new RegexMatcher(literal);
    }
    default:
      throw new Unsupported(`${node.type} expression`);
  }
  if (predicate.length === 1 && predicate[0].expr.type === 'number' && !keepArray) {
    // `x[-1]` then normalisation, fused: the item itself (an array item normalised), without sequences.
    const index = Number(predicate[0].expr.value);
    const inner = core;
    return (input, frame) => {
      const value = inner(input, frame);
      const items: unknown[] = Array.isArray(value) ? value : [value];
      let at = Math.floor(index);
      if (at < 0) at = items.length + at;
      const item = items[at];
      return Array.isArray(item) ? normalize(item) : item;
    };
  }
  if (predicate.length > 0) {
    const filters = compileFilters(predicate, state);
    const inner = core;
    core = (input, frame) => applyFilters(filters, inner(input, frame), frame);
    normalized = false;
  }
  if (normalized && !keepArray) return core;
  const inner = core;
  return keepArray
    ? (input, frame) => normalize(inner(input, frame), true)
    : (input, frame) => normalize(inner(input, frame));
}

function compileFilters(stages: readonly Stage[], state: CompileState): Filter[] {
  // As evaluateFilter: a number literal is an index, whatever else the node carries.
  return stages.map((stage) =>
    stage.expr.type === 'number'
      ? { index: Number(stage.expr.value) }
      : { predicate: compileNode(stage.expr, state) },
  );
}

function compilePath(node: Ast, state: CompileState): [Evaluator, boolean] {
  const stepNodes = children(node, 'steps');
  if (stepNodes.length === 0) throw new Unsupported('empty path');
  const steps: CompiledStep[] = stepNodes.map((step) => {
    return {
      evaluate: compileNode(step, state, 'step'),
      stages: compileFilters(stagesOf(step, 'stages'), state),
      consarray: step.consarray === true,
      isVariable: step.type === 'variable',
    };
  });
  const keepSingletonArray = node.keepSingletonArray === true;
  const plain = (step: Ast, index: number) =>
    !step.keepArray &&
    step.stages === undefined &&
    step.predicate === undefined &&
    (step.type === 'name' || (index === 0 && step.type === 'variable'));
  if (!keepSingletonArray && !node.keepArray && stepNodes.every(plain)) {
    const names = stepNodes.map((step) => String(step.value));
    return [(input, frame) => evaluateNamePath(steps, names, input, frame), true];
  }
  return [(input, frame) => evaluatePath(steps, keepSingletonArray, input, frame), false];
}

function compileVariable(node: Ast, state: CompileState, position: Position): Evaluator {
  const name = String(node.value);
  if (name === '') {
    // The context; a top-level JSON array input arrives wrapped (outerWrapper) and `$` unwraps it.
    return (input) => (input && (input as Sequence).outerWrapper ? (input as unknown[])[0] : input);
  }
  if (state.names.functions.has(name)) {
    if (position !== 'callback') throw new Unsupported(`function $${name} used as a value`);
  } else if (name !== '$' && JSONATA_BUILTIN_NAMES.has(name)) {
    throw new Unsupported(`built-in $${name} used as a value`);
  }
  return (_input, frame) => frame.lookup(name);
}

function compileUnary(node: Ast, state: CompileState): Evaluator {
  switch (node.value) {
    case '-':
      return compileNegation(compileNode(child(node, 'expression'), state));
    case '[': {
      const items = children(node, 'expressions').map((item) => ({
        evaluate: compileNode(item, state),
        // jsonata keeps an item whole when its node's value is '[' (a nested array constructor).
        nested: item.value === '[',
      }));
      const consarray = node.consarray === true;
      return (input, frame) => constructArray(items, consarray, input, frame);
    }
    case '{':
      return compileObject(node, state);
    default:
      throw new Unsupported(`unary ${String(node.value)}`);
  }
}

function compileObject(node: Ast, state: CompileState): Evaluator {
  const rawPairs = node.lhs;
  if (!Array.isArray(rawPairs)) throw new Unsupported('malformed object constructor');
  const pairs = (rawPairs as Ast[][]).map(
    ([key, value]) => [compileNode(key, state), compileNode(value, state)] as const,
  );
  const literalKeys = (rawPairs as Ast[][]).map(([key]) =>
    key.type === 'string' && Object.keys(key).every((k) => ['type', 'value', 'position'].includes(k))
      ? String(key.value)
      : undefined,
  );
  const reserved = (key: string | undefined) =>
    key === '_jsonata_lambda' || key === '_jsonata_function' || key === '__proto__';
  const simple =
    literalKeys.every((key) => key !== undefined && !reserved(key)) &&
    new Set(literalKeys).size === literalKeys.length;
  if (!simple) return (input, frame) => constructObject(pairs, input, frame);
  // Distinct literal keys over a single (non-array) input: one group per key, the input as context.
  // A plain object, not jsonata's null-prototype one: the same JSON, keys and order, but V8 keeps small
  // plain objects in fast mode (~20% of the mapping bench); `__proto__` keys take the general path.
  const fast = literalKeys.map((key, i) => [key as string, pairs[i][1]] as const);
  return (input, frame) => {
    if (Array.isArray(input)) return constructObject(pairs, input, frame);
    const result: Record<string, unknown> = {};
    for (const [key, value] of fast) {
      const v = value(input, frame);
      if (v !== undefined) result[key] = v;
    }
    return result;
  };
}

function compileCondition(node: Ast, state: CompileState): Evaluator {
  const condition = compileNode(child(node, 'condition'), state);
  const then = compileNode(child(node, 'then'), state);
  const otherwiseNode = node.else as Ast | undefined;
  const otherwise = otherwiseNode === undefined ? undefined : compileNode(otherwiseNode, state);
  return (input, frame) => {
    // fn.boolean: undefined is falsy here.
    if (toBoolean(condition(input, frame))) return then(input, frame);
    return otherwise ? otherwise(input, frame) : undefined;
  };
}

/** `( a; b; c )`: a new frame for its `:=` bindings; the value of the last expression. */
function compileBlock(node: Ast, state: CompileState): Evaluator {
  const expressions = children(node, 'expressions');
  const hasBinds = expressions.some((expression) => expression.type === 'bind');
  const evaluators = expressions.map((expression, index) => {
    if (expression.type !== 'bind') return compileNode(expression, state);
    checkKeys(expression);
    if (expression.predicate !== undefined || expression.keepArray) throw new Unsupported('decorated bind');
    const rhsNode = child(expression, 'rhs');
    const isLambda = rhsNode.type === 'lambda' && rhsNode.thunk !== true;
    // The block's value would be the lambda itself: a function value in the output.
    if (isLambda && index === expressions.length - 1) throw new Unsupported('block ending with a lambda');
    const name = String(child(expression, 'lhs').value);
    const rhs = compileNode(rhsNode, state, isLambda ? 'bind' : 'value');
    const bind: Evaluator = (input, frame) => {
      const value = rhs(input, frame);
      frame.vars[name] = value;
      return value;
    };
    return bind;
  });
  if (evaluators.length === 0) return () => undefined;
  if (evaluators.length === 1 && !hasBinds) return evaluators[0];
  return (input, frame) => {
    // Without bindings a new frame is indistinguishable from the enclosing one.
    const scope = hasBinds ? new Frame(frame) : frame;
    let result: unknown;
    for (const evaluator of evaluators) result = evaluator(input, scope);
    return result;
  };
}
