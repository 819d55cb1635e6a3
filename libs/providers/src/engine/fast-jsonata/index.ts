import jsonata from 'jsonata';
import { collectNames, Unsupported, type Ast } from './ast';
import { compileNode, type CompileState } from './compile';
import { Frame } from './runtime';
import { createSequence, isSequence, NotCompiled } from './values';

export { JsonataError, NotCompiled } from './values';

/**
 * A JSONata expression compiled to synchronous JavaScript. It returns what `jsonata(source).evaluate(input,
 * bindings)` resolves to, or throws; on ANY throw the caller must evaluate with the interpreter instead
 * (which then either reports the real error or, for a construct only checked at run time, the result).
 * Inputs and bindings are JSON data, as the engine passes them (no JS functions in bindings).
 */
export type FastExpression = (input: unknown, bindings?: Readonly<Record<string, unknown>>) => unknown;

export type FastCompilation = { expression: FastExpression } | { unsupported: string };

/**
 * Compiles `source` for the fast path, or says why it cannot: a syntax error, or a construct outside the
 * subset (`$now`/`$millis` and other missing built-ins, tuple/parent/descendant operators, grouping,
 * sorting, ranges, typed lambdas, partial application, lambdas or regexes used as values, …).
 */
export function explainFast(source: string): FastCompilation {
  let ast: Ast;
  try {
    ast = jsonata(source).ast() as unknown as Ast;
  } catch (error) {
    return { unsupported: `not JSONata: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const state: CompileState = { names: collectNames(ast), builtins: new Set() };
    const body = compileNode(ast, state);
    return { expression: entryPoint(body, state.builtins) };
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
}

export function compileFast(source: string): FastExpression | undefined {
  const compiled = explainFast(source);
  return 'expression' in compiled ? compiled.expression : undefined;
}

/** What jsonata's evaluate() sets up: the root frame (bindings, `$$`) and the wrapped array input. */
function entryPoint(
  body: (input: unknown, frame: Frame) => unknown,
  builtins: ReadonlySet<string>,
): FastExpression {
  const shadowable = [...builtins];
  return (input, bindings) => {
    if (bindings) {
      // A binding named like a called built-in replaces it in jsonata.
      for (const name of shadowable) {
        if (Object.hasOwn(bindings, name) && Object.prototype.propertyIsEnumerable.call(bindings, name)) {
          throw new NotCompiled(`binding $${name}`);
        }
      }
    }
    const root = new Frame(undefined, bindings, input);
    let context = input;
    if (Array.isArray(input) && !isSequence(input)) {
      // "if the input is a JSON array, then wrap it in a singleton sequence so it gets treated as a single input"
      const wrapped = createSequence(input);
      wrapped.outerWrapper = true;
      context = wrapped;
    }
    return body(context, root);
  };
}
