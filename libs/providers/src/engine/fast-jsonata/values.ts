/**
 * JSONata's value model, ported from jsonata 2.2.2 (`utils.js`, `functions.js`) so that compiled
 * expressions produce exactly what the interpreter produces. Comments cite the interpreter's behaviour
 * where it is surprising; the ports are deliberately literal (same branches, same order).
 */

/**
 * A JSONata sequence: a JS array flagged the way the interpreter flags it. The flags are plain properties
 * (as in jsonata) because results leave the engine with them and some rules (singleton unwrapping,
 * `keepSingleton`, `cons`) read them back.
 */
export type Sequence = unknown[] & {
  sequence?: boolean;
  keepSingleton?: boolean;
  outerWrapper?: boolean;
  cons?: boolean;
};

/** An error the interpreter would raise too (same code). The cache then re-runs jsonata to report it. */
export class JsonataError extends Error {
  constructor(
    readonly code: string,
    readonly value?: unknown,
  ) {
    super(`JSONata error ${code}`);
    this.name = 'JsonataError';
  }
}

/** Something the compiled form does not reproduce at run time: the interpreter must take over. */
export class NotCompiled extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotCompiled';
  }
}

/** A function value (lambda) of a compiled expression; see runtime.ts. */
export interface Callable {
  readonly arity: number;
  call(args: unknown[]): unknown;
}

export function isCallable(value: unknown): value is Callable {
  return value instanceof CallableBase;
}

/** Base class so `isCallable` is an `instanceof` test: input data (JSON) can never be one. */
export abstract class CallableBase implements Callable {
  abstract readonly arity: number;
  abstract call(args: unknown[]): unknown;
}

export function createSequence(...items: unknown[]): Sequence {
  // jsonata pushes its single argument even when it is undefined (createSequence(undefined) has length 1).
  const sequence = items as Sequence;
  sequence.sequence = true;
  return sequence;
}

export function isSequence(value: unknown): value is Sequence {
  return Array.isArray(value) && (value as Sequence).sequence === true;
}

/** `utils.isNumeric`: a number that is not NaN; Infinity is an error, not "not numeric". */
export function isNumeric(n: unknown): n is number {
  if (typeof n !== 'number') return false;
  if (Number.isNaN(n)) return false;
  if (!Number.isFinite(n)) throw new JsonataError('D1001', n);
  return true;
}

export function isArrayOfNumbers(value: unknown): boolean {
  return Array.isArray(value) && value.filter((item) => !isNumeric(item)).length === 0;
}

/** `fn.boolean`: JSONata's effective boolean value; undefined stays undefined. */
export function toBoolean(arg: unknown): boolean | undefined {
  if (arg === undefined) return undefined;
  if (Array.isArray(arg)) {
    if (arg.length === 1) return toBoolean(arg[0]);
    return arg.length > 1 && arg.filter((value) => toBoolean(value)).length > 0;
  }
  if (typeof arg === 'string') return arg.length > 0;
  if (isNumeric(arg)) return arg !== 0;
  if (arg !== null && typeof arg === 'object' && !isCallable(arg)) return hasOwnEnumerableKey(arg);
  return arg === true;
}

/** `Object.keys(arg).length > 0` without building the array (conditions test whole provider objects). */
function hasOwnEnumerableKey(arg: object): boolean {
  for (const key in arg) if (Object.hasOwn(arg, key)) return true;
  return false;
}

/** `fn.string`: strings as they are, functions as '', everything else as JSON (15 significant digits). */
export function toJsonataString(arg: unknown, prettify = false): string | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg === 'string') return arg;
  if (isCallable(arg)) return '';
  if (typeof arg === 'number') {
    if (!Number.isFinite(arg)) throw new JsonataError('D3001', arg);
    // What JSON.stringify with jsonata's replacer gives for a number, without the replacer's cost.
    return String(Number.isInteger(arg) ? arg : Number(arg.toPrecision(15)));
  }
  if (typeof arg === 'boolean' || arg === null) return String(arg);
  const value = Array.isArray(arg) && (arg as Sequence).outerWrapper ? arg[0] : arg;
  return JSON.stringify(value, stringifyReplacer, prettify ? 2 : 0);
}

function stringifyReplacer(_key: string, value: unknown): unknown {
  if (value !== undefined && value !== null && isNumeric(value)) {
    return Number.isInteger(value) ? value : Number(value.toPrecision(15));
  }
  return value && isCallable(value) ? '' : value;
}

/** `utils.isDeepEqual`, the `=` operator: structural, key order ignored. */
export function isDeepEqual(lhs: unknown, rhs: unknown): boolean {
  if (lhs === rhs) return true;
  if (typeof lhs !== 'object' || typeof rhs !== 'object' || lhs === null || rhs === null) return false;
  if (Array.isArray(lhs) && Array.isArray(rhs)) {
    if (lhs.length !== rhs.length) return false;
    for (let i = 0; i < lhs.length; i++) if (!isDeepEqual(lhs[i], rhs[i])) return false;
    return true;
  }
  // As jsonata: own property names, so an array against an object compares `length` too.
  const lkeys = Object.getOwnPropertyNames(lhs).sort();
  const rkeys = Object.getOwnPropertyNames(rhs).sort();
  if (lkeys.length !== rkeys.length) return false;
  for (let i = 0; i < lkeys.length; i++) if (lkeys[i] !== rkeys[i]) return false;
  const l = lhs as Record<string, unknown>;
  const r = rhs as Record<string, unknown>;
  for (const key of lkeys) if (!isDeepEqual(l[key], r[key])) return false;
  return true;
}

/** Characters by code point, as jsonata counts them ($length, $substring). */
export function stringToArray(str: string): string[] {
  return Array.from(str);
}

/** `fn.lookup` (a name step): objects give their own property, arrays map over their items and flatten. */
export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = createSequence();
    for (const item of input) {
      const res = lookup(item, key);
      if (res === undefined) continue;
      if (Array.isArray(res)) for (const value of res) result.push(value);
      else result.push(res);
    }
    return result;
  }
  if (input === null || typeof input !== 'object' || isCallable(input)) return undefined;
  const value = (input as Record<string, unknown>)[key];
  // Read first: a missing key (the common miss) then costs one lookup; inherited values are not data.
  return value !== undefined && Object.hasOwn(input, key) ? value : undefined;
}

/** `fn.append`: undefined is ignored, non-arrays become singletons; always a new array. */
export function append(arg1: unknown, arg2: unknown): unknown {
  if (arg1 === undefined) return arg2;
  if (arg2 === undefined) return arg1;
  const left = Array.isArray(arg1) ? arg1 : createSequence(arg1);
  return left.concat(Array.isArray(arg2) ? arg2 : [arg2]);
}

/**
 * What `evaluate()` does to every node's result: an empty sequence is "nothing" (undefined), a singleton
 * sequence is its item unless the expression asked to keep arrays (`[]`). Plain arrays are left alone.
 */
export function normalize(result: unknown, keepArray = false): unknown {
  if (!result || !isSequence(result)) return result;
  if (keepArray) result.keepSingleton = true;
  if (result.length === 0) return undefined;
  if (result.length === 1) return result.keepSingleton ? result : result[0];
  return result;
}
