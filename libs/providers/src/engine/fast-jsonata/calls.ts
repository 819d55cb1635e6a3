import { checkKeys, child, children, stagesOf, Unsupported, variableName, type Ast } from './ast';
import { BUILTINS } from './builtins';
import type { CompileState, Position } from './compile';
import { Lambda, type Evaluator } from './runtime';
import { compileTransformApply } from './transform';
import { NotCompiled } from './values';

/**
 * Function calls, lambdas and `~>`. jsonata evaluates a call as: procedure, then arguments in order,
 * then (built-ins) signature validation with the context as `this` input, then the body. A lambda body
 * runs on the context of the place the lambda was defined, in a new frame under the defining one.
 */
export type NodeCompiler = (node: Ast, state: CompileState, position?: Position) => Evaluator;

export interface CallOptions {
  /** A tail call (jsonata's thunk): no normalisation of the result, as the trampoline returns it raw. */
  tail: boolean;
  /** `lhs ~> $f(args)`: the lhs is the first argument. */
  applyTo?: Evaluator;
}

export function compileCall(
  node: Ast,
  state: CompileState,
  compile: NodeCompiler,
  options: CallOptions,
): Evaluator {
  checkKeys(node);
  // A tail call's keepArray would be ignored by jsonata's trampoline: not worth reproducing.
  if (options.tail && (node.keepArray || node.predicate !== undefined))
    throw new Unsupported('decorated tail call');
  const procedure = child(node, 'procedure');
  checkKeys(procedure);
  if (stagesOf(procedure, 'predicate').length > 0 || procedure.keepArray) {
    throw new Unsupported('decorated procedure');
  }
  const name = variableName(procedure);
  const argNodes = children(node, 'arguments');
  const offset = options.applyTo ? 1 : 0;

  if (state.names.functions.has(name)) {
    const args = argNodes.map((arg) => compile(arg, state, 'value'));
    if (options.applyTo) args.unshift(options.applyTo);
    return (input, frame) => {
      const proc = frame.lookup(name);
      // Not (yet) bound to a lambda: jsonata raises T1006 for calling a non-function; so does the fallback.
      if (!(proc instanceof Lambda)) throw new NotCompiled(`$${name} is not a function here`);
      return proc.call(args.map((arg) => arg(input, frame)));
    };
  }
  const builtin = state.names.data.has(name) ? undefined : BUILTINS.get(name);
  if (!builtin) throw new Unsupported(`function $${name}`);
  state.builtins.add(name);
  // A pattern position takes regex literals only ($match's is typed `f`, but a lambda matcher is not compiled).
  const positionOf = (index: number): Position =>
    builtin.matcherParams.includes(index)
      ? 'matcher'
      : builtin.functionParams.includes(index)
        ? 'callback'
        : 'value';
  const args = argNodes.map((arg, index) => compile(arg, state, positionOf(index + offset)));
  const tail = options.tail;
  if (options.applyTo) args.unshift(options.applyTo);
  const { signature, implementation } = builtin;
  const direct = signature.passThrough(args.length);
  if (direct !== undefined && direct >= args.length) {
    // Validation would only pad with undefined: call straight through.
    if (args.length === 1) {
      const [a] = args;
      return (input, frame) => implementation(a(input, frame));
    }
    return (input, frame) => implementation(...args.map((arg) => arg(input, frame)));
  }
  // Strings where the signature takes strings (the usual case) need no validation either.
  const strings = signature.passesAsIs('s'.repeat(args.length));
  if (args.length === 1) {
    const [a] = args;
    return (input, frame) => {
      const first = a(input, frame);
      if (strings && typeof first === 'string') return implementation(first);
      return implementation(...signature.validate([first], input, tail));
    };
  }
  if (args.length === 2) {
    const [a, b] = args;
    return (input, frame) => {
      const first = a(input, frame);
      const second = b(input, frame);
      if (strings && typeof first === 'string' && typeof second === 'string')
        return implementation(first, second);
      return implementation(...signature.validate([first, second], input, tail));
    };
  }
  return (input, frame) => {
    const values = args.map((arg) => arg(input, frame));
    if (strings && values.every((value) => typeof value === 'string')) return implementation(...values);
    return implementation(...signature.validate(values, input, tail));
  };
}

/** `function($a, $b) { body }` (no signature: typed lambdas validate their arguments; not compiled). */
export function compileLambda(node: Ast, state: CompileState, compile: NodeCompiler): Evaluator {
  const params = children(node, 'arguments').map(variableName);
  const body = compile(child(node, 'body'), state, 'value');
  return (input, frame) => new Lambda(params, body, input, frame);
}

/**
 * `lhs ~> $f(args)` and `lhs ~> | pattern | update, delete |`. Other right-hand sides (a lambda value,
 * function composition) are not compiled.
 */
export function compileApply(node: Ast, state: CompileState, compile: NodeCompiler): Evaluator {
  const rhs = child(node, 'rhs');
  checkKeys(rhs);
  if (rhs.type === 'transform') return compileTransformApply(child(node, 'lhs'), rhs, state, compile);
  // evaluateApplyExpression calls evaluateFunction directly: predicates on the call would be skipped.
  if (rhs.type !== 'function' || rhs.predicate !== undefined || rhs.keepArray) {
    throw new Unsupported('~> to something other than a plain function call');
  }
  const lhs = compile(child(node, 'lhs'), state, 'value');
  return compileCall(rhs, state, compile, { tail: false, applyTo: lhs });
}

/**
 * Whether a tail position of this node holds a thunk (a tail call rewritten by jsonata's parser).
 * Predicates or `[]` on such a node would apply to the thunk object, not to the call's result.
 */
export function hasTailThunk(node: Ast): boolean {
  if (node.type === 'lambda' && node.thunk === true) return true;
  if (node.type === 'condition') {
    const otherwise = node.else as Ast | undefined;
    return hasTailThunk(child(node, 'then')) || (otherwise !== undefined && hasTailThunk(otherwise));
  }
  if (node.type === 'block') {
    const expressions = children(node, 'expressions');
    return expressions.length > 0 && hasTailThunk(expressions[expressions.length - 1]);
  }
  return false;
}
