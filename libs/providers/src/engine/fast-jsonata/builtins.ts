import { TEXT_BUILTINS, type Impl } from './builtins-text';
import { parseSignature, type Signature } from './signature';
import {
  append,
  createSequence,
  isCallable,
  isDeepEqual,
  isNumeric,
  isSequence,
  JsonataError,
  lookup,
  toBoolean,
  type Callable,
} from './values';

/**
 * Array, object and higher-order built-ins (ported from jsonata 2.2.2 `functions.js`) and the table the
 * compiler resolves `$name(...)` calls against. A name missing from the table is not compiled: the whole
 * expression stays with the interpreter (e.g. `$now`, `$match`, date functions).
 */
export interface Builtin {
  signature: Signature;
  implementation: (...args: unknown[]) => unknown;
  /** Parameter positions that take a function: only there may a lambda be passed. */
  functionParams: readonly number[];
  /** Parameter positions that take a pattern: only there may a regex literal be passed. */
  matcherParams: readonly number[];
}

/** `hofFuncArgs`: a callback gets (value, index, array) as far as its arity asks for them. */
function callbackArgs(func: Callable, value: unknown, index: unknown, whole: unknown): unknown[] {
  if (func.arity >= 3) return [value, index, whole];
  if (func.arity >= 2) return [value, index];
  return [value];
}

function map(arr: unknown[] | undefined, func: Callable): unknown {
  if (arr === undefined) return undefined;
  const result = createSequence();
  for (let i = 0; i < arr.length; i++) {
    const res = func.call(callbackArgs(func, arr[i], i, arr));
    if (res !== undefined) result.push(res);
  }
  return result;
}

function filter(arr: unknown[] | undefined, func: Callable): unknown {
  if (arr === undefined) return undefined;
  const result = createSequence();
  for (let i = 0; i < arr.length; i++) {
    if (toBoolean(func.call(callbackArgs(func, arr[i], i, arr)))) result.push(arr[i]);
  }
  return result;
}

function single(arr: unknown[] | undefined, func?: Callable): unknown {
  if (arr === undefined) return undefined;
  let found = false;
  let result: unknown;
  for (let i = 0; i < arr.length; i++) {
    const positive = func === undefined ? true : toBoolean(func.call(callbackArgs(func, arr[i], i, arr)));
    if (!positive) continue;
    if (found) throw new JsonataError('D3138', i);
    result = arr[i];
    found = true;
  }
  if (!found) throw new JsonataError('D3139');
  return result;
}

function reduce(sequence: unknown[] | undefined, func: Callable, init?: unknown): unknown {
  if (sequence === undefined) return undefined;
  if (func.arity < 2) throw new JsonataError('D3050');
  let result: unknown;
  let index: number;
  if (init === undefined && sequence.length > 0) {
    result = sequence[0];
    index = 1;
  } else {
    result = init;
    index = 0;
  }
  for (; index < sequence.length; index++) {
    const args = [result, sequence[index]];
    if (func.arity >= 3) args.push(index);
    if (func.arity >= 4) args.push(sequence);
    result = func.call(args);
  }
  return result;
}

function objectKeys(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}

function each(obj: unknown, func: Callable): unknown {
  const result = createSequence();
  const record = obj as Record<string, unknown>;
  for (const key of objectKeys(obj)) {
    const value = func.call(callbackArgs(func, record[key], key, obj));
    if (value !== undefined) result.push(value);
  }
  return result;
}

function sift(obj: unknown, func: Callable): unknown {
  const result: Record<string, unknown> = Object.create(null);
  const record = obj as Record<string, unknown>;
  for (const key of objectKeys(obj)) {
    if (toBoolean(func.call(callbackArgs(func, record[key], key, obj)))) result[key] = record[key];
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

function keys(arg: unknown): unknown {
  if (Array.isArray(arg)) {
    const merged: Record<string, boolean> = Object.create(null);
    for (const item of arg) for (const key of keys(item) as string[]) merged[key] = true;
    return keys(merged);
  }
  const result = createSequence();
  if (arg !== null && typeof arg === 'object' && !isCallable(arg)) result.push(...Object.keys(arg));
  return result;
}

function merge(arg: unknown[] | undefined): unknown {
  if (arg === undefined) return undefined;
  const result: Record<string, unknown> = Object.create(null);
  for (const obj of arg) {
    const record = obj as Record<string, unknown>;
    for (const prop of objectKeys(obj)) result[prop] = record[prop];
  }
  return result;
}

function distinct(arr: unknown): unknown {
  if (arr === undefined) return undefined;
  if (!Array.isArray(arr) || arr.length <= 1) return arr;
  const results: unknown[] = isSequence(arr) ? createSequence() : [];
  for (const value of arr) {
    if (!results.some((seen) => isDeepEqual(value, seen))) results.push(value);
  }
  return results;
}

function reverse(arr: unknown[] | undefined): unknown {
  if (arr === undefined) return undefined;
  if (arr.length <= 1) return arr;
  return [...arr].reverse();
}

function type(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (isNumeric(value)) return 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value;
  if (Array.isArray(value)) return 'array';
  return isCallable(value) ? 'function' : 'object';
}

const numbers =
  (f: (values: number[]) => number | undefined, emptyIsUndefined = true) =>
  (args: number[] | undefined) =>
    args === undefined || (emptyIsUndefined && args.length === 0) ? undefined : f(args);

const total = (values: number[]) => values.reduce((sum, n) => sum + n, 0);

const DATA_BUILTINS: Record<string, [string, Impl]> = {
  sum: ['<a<n>:n>', numbers(total, false)],
  count: ['<a:n>', (args: unknown[] | undefined) => (args === undefined ? 0 : args.length)],
  max: ['<a<n>:n>', numbers((values) => Math.max(...values))],
  min: ['<a<n>:n>', numbers((values) => Math.min(...values))],
  average: ['<a<n>:n>', numbers((values) => total(values) / values.length)],
  keys: ['<x-:a<s>>', keys],
  lookup: ['<x-s:x>', lookup],
  append: ['<xx:a>', append],
  exists: ['<x:b>', (arg: unknown) => arg !== undefined],
  merge: ['<a<o>:o>', merge],
  reverse: ['<a:a>', reverse],
  type: ['<x:s>', type],
  distinct: ['<x:x>', distinct],
  map: ['<af>', map],
  filter: ['<af>', filter],
  single: ['<af?>', single],
  reduce: ['<afj?:j>', reduce],
  each: ['<o-f:a>', each],
  sift: ['<o-f?:o>', sift],
};

/** $contains, $replace, $split, $match: the second argument may be a regex literal. */
const MATCHERS = new Set<Impl>(
  ['contains', 'replace', 'split', 'match'].map((name) => TEXT_BUILTINS[name][1]),
);

/** The parameter type letters of a signature (`<s-f<s:o>n?:a<o>>` → `sfn`), choices as `c`. */
function parameterLetters(signature: string): string {
  let letters = '';
  let depth = 0;
  for (const char of signature.slice(1, -1)) {
    if (char === '<' || char === '(') depth++;
    else if (char === '>' || char === ')') depth--;
    else if (depth === 0 && char === ':') break; // the return type
    if (depth === 1 && char === '(') letters += 'c';
    else if (depth === 0 && /[a-z]/.test(char)) letters += char;
  }
  return letters;
}

function define(signature: string, implementation: Impl): Builtin {
  const letters = parameterLetters(signature);
  return {
    signature: parseSignature(signature),
    implementation: implementation as (...args: unknown[]) => unknown,
    functionParams: [...letters].flatMap((symbol, index) => (symbol === 'f' ? [index] : [])),
    matcherParams: MATCHERS.has(implementation) ? [1] : [],
  };
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  Object.entries({ ...TEXT_BUILTINS, ...DATA_BUILTINS }).map(([name, [sig, impl]]) => [
    name,
    define(sig, impl),
  ]),
);

/** Every name jsonata 2.2.2 binds in its static frame (plus `$now`, `$millis`): a free `$name` may mean one. */
export const JSONATA_BUILTIN_NAMES: ReadonlySet<string> = new Set([
  ...'sum count max min average string substring substringBefore substringAfter lowercase uppercase length'.split(
    ' ',
  ),
  ...'trim pad match contains replace split join formatNumber formatBase formatInteger parseInteger number'.split(
    ' ',
  ),
  ...'floor ceil round abs sqrt power random boolean not map zip filter single reduce sift keys lookup append'.split(
    ' ',
  ),
  ...'exists spread merge reverse each error assert type sort shuffle distinct base64encode base64decode'.split(
    ' ',
  ),
  ...'encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval toMillis fromMillis clone now millis'.split(
    ' ',
  ),
]);
