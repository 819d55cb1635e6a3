import { isCallable, JsonataError, NotCompiled } from './values';

/**
 * Built-in function signatures (`<s-s:s>` …), ported from jsonata 2.2.2's `signature.js`: the interpreter
 * validates every built-in call against them, substitutes the context for a missing `-` argument and
 * wraps single values given for array parameters. Compiled calls must do the same, or `$join(tags)` with
 * one tag, `$string()` in a path step and type errors would all differ.
 */
interface Param {
  regex: string;
  type: string;
  array?: boolean;
  context?: boolean;
  contextRegex?: RegExp;
  subtype?: string;
}

export interface Signature {
  /**
   * `tail`: a tail call, where jsonata would substitute the CALLER's context for a missing argument
   * (its trampoline passes that input): not reproduced, so such a call hands over (NotCompiled).
   */
  validate(args: unknown[], context: unknown, tail?: boolean): unknown[];
  /**
   * For `count` arguments of ANY types, the number of validated arguments when validation cannot fail
   * and only pads with undefined (e.g. `$string(x)`, `$exists(x)`); undefined otherwise.
   */
  passThrough(count: number): number | undefined;
  /** Whether arguments of exactly these types (e.g. `ss`) are passed on as they are (plus padding). */
  passesAsIs(supplied: string): boolean;
}

const SYMBOLS = ['a', 's', 'n', 'b', 'l', 'f', 'o', 'm'];

function symbolOf(value: unknown): string {
  if (isCallable(value) || typeof value === 'function') return 'f';
  switch (typeof value) {
    case 'string':
      return 's';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'object':
      return value === null ? 'l' : Array.isArray(value) ? 'a' : 'o';
    default:
      // undefined may stand for any argument ("m" for missing).
      return 'm';
  }
}

function closingBracket(str: string, start: number, open: string, close: string): number {
  let depth = 1;
  let position = start;
  while (position < str.length) {
    position++;
    const symbol = str.charAt(position);
    if (symbol === close) {
      depth--;
      if (depth === 0) break;
    } else if (symbol === open) {
      depth++;
    }
  }
  return position;
}

function parseParams(signature: string): Param[] {
  const params: Param[] = [];
  let param: Param = { regex: '', type: '' };
  let prevParam = param;
  const next = () => {
    params.push(param);
    prevParam = param;
    param = { regex: '', type: '' };
  };
  for (let position = 1; position < signature.length; position++) {
    const symbol = signature.charAt(position);
    if (symbol === ':') break; // the return type is not checked
    switch (symbol) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o':
        Object.assign(param, { regex: `[${symbol}m]`, type: symbol });
        next();
        break;
      case 'a':
        // Any value is accepted for an array parameter and wrapped as a singleton array.
        Object.assign(param, { regex: '[asnblfom]', type: symbol, array: true });
        next();
        break;
      case 'f':
        Object.assign(param, { regex: 'f', type: symbol });
        next();
        break;
      case 'j':
        Object.assign(param, { regex: '[asnblom]', type: symbol });
        next();
        break;
      case 'x':
        Object.assign(param, { regex: '[asnblfom]', type: symbol });
        next();
        break;
      case '-':
        prevParam.context = true;
        prevParam.contextRegex = new RegExp(prevParam.regex);
        prevParam.regex += '?';
        break;
      case '?':
      case '+':
        prevParam.regex += symbol;
        break;
      case '(': {
        const end = closingBracket(signature, position, '(', ')');
        const choice = signature.substring(position + 1, end);
        Object.assign(param, { regex: `[${choice}m]`, type: `(${choice})` });
        position = end;
        next();
        break;
      }
      case '<': {
        const end = closingBracket(signature, position, '<', '>');
        prevParam.subtype = signature.substring(position + 1, end);
        position = end;
        break;
      }
    }
  }
  return params;
}

/** What to do with one parameter, decided once per argument-type string (e.g. "sn"). */
type Step = { take: 'context'; regex: RegExp } | { take: 'arg'; param: Param; single: string; match: string };

/** A step that hands its argument over unchanged (no context, no wrapping into an array). */
const simpleStep = (step: Step) => step.take === 'arg' && (step.param.type !== 'a' || step.single === '');

/**
 * Compiles a signature once. The regex match of an argument-type string and what it implies (which
 * parameter takes the context, which argument goes where) are memoised: they depend on types only.
 */
export function parseSignature(signature: string): Signature {
  const params = parseParams(signature);
  const regex = new RegExp(`^${params.map((p) => `(${p.regex})`).join('')}$`);
  const plans = new Map<string, Step[] | null>();

  const plan = (supplied: string): Step[] | null => {
    const isValid = regex.exec(supplied);
    if (!isValid) return null;
    const steps: Step[] = [];
    params.forEach((param, index) => {
      const match = isValid[index + 1];
      if (match === '') {
        if (param.context && param.contextRegex) steps.push({ take: 'context', regex: param.contextRegex });
        else steps.push({ take: 'arg', param, single: '', match });
        return;
      }
      // may have matched several arguments (a `+` parameter)
      for (const single of match) steps.push({ take: 'arg', param, single, match });
    });
    return steps;
  };

  /** The plans for every combination of argument types (undefined where there are too many to list). */
  const allPlans = (count: number): (Step[] | null | undefined)[] => {
    if (count > 3) return [undefined];
    let combinations = [''];
    for (let i = 0; i < count; i++) combinations = combinations.flatMap((c) => SYMBOLS.map((s) => c + s));
    return combinations.map(plan);
  };

  const fail = (args: unknown[], supplied: string): never => {
    let partial = '^';
    let goodTo = 0;
    for (const param of params) {
      partial += param.regex;
      const match = supplied.match(partial);
      if (match === null) break;
      goodTo = match[0].length;
    }
    throw new JsonataError('T0410', args[goodTo]);
  };

  return {
    passesAsIs(supplied) {
      const steps = plan(supplied);
      return steps !== null && steps.length >= supplied.length && steps.every(simpleStep);
    },
    passThrough(count) {
      let length: number | undefined;
      for (const steps of allPlans(count)) {
        const simple = steps?.every(
          (step) => step.take === 'arg' && (step.param.type !== 'a' || step.single === ''),
        );
        if (!steps || !simple || (length !== undefined && steps.length !== length)) return undefined;
        length = steps.length;
      }
      return length;
    },
    validate(args, context, tail = false) {
      let supplied = '';
      for (const arg of args) supplied += symbolOf(arg);
      let steps = plans.get(supplied);
      if (steps === undefined) {
        steps = plan(supplied);
        plans.set(supplied, steps);
      }
      if (!steps) return fail(args, supplied);
      const validated: unknown[] = [];
      let argIndex = 0;
      for (const step of steps) {
        if (step.take === 'context') {
          if (tail) throw new NotCompiled('context argument in a tail call');
          // The missing argument is the context value, which must itself be of the right type.
          if (!step.regex.test(symbolOf(context))) throw new JsonataError('T0411', context);
          validated.push(context);
          continue;
        }
        let arg = args[argIndex++];
        if (step.param.type === 'a' && step.single !== '') {
          if (step.single === 'm') {
            arg = undefined;
          } else {
            if (!arrayOk(step.param, step.single, step.match, arg)) throw new JsonataError('T0412', arg);
            if (step.single !== 'a') arg = [arg];
          }
        }
        validated.push(arg);
      }
      return validated;
    },
  };
}

/** The array's items must all be of the declared subtype (`a<s>`), as jsonata checks it. */
function arrayOk(param: Param, single: string, match: string, arg: unknown): boolean {
  if (param.subtype === undefined) return true;
  if (single !== 'a') return match === param.subtype;
  const items = arg as unknown[];
  if (items.length === 0) return true;
  const itemType = symbolOf(items[0]);
  if (itemType !== param.subtype.charAt(0)) return false;
  return items.every((item) => symbolOf(item) === itemType);
}
