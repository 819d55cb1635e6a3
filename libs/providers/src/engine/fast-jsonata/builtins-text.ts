import { fromMillis, toMillis } from './datetime';
import { matchAll, RegexMatcher, replaceMatches, splitMatches } from './regex';
import { JsonataError, NotCompiled, stringToArray, toBoolean, toJsonataString } from './values';

/**
 * String, number and boolean built-ins, ported from jsonata 2.2.2 `functions.js`. Arguments arrive already
 * validated against the function's signature (signature.ts), exactly as the interpreter hands them over,
 * so these bodies keep the interpreter's own checks (and its quirks) and nothing more.
 */
export type Impl = (...args: never[]) => unknown;

function substring(str: string | undefined, start: number, length?: number): string | undefined {
  if (str === undefined) return undefined;
  const chars = stringToArray(str);
  const strLength = chars.length;
  let from = start;
  if (strLength + from < 0) from = 0;
  if (length !== undefined) {
    if (length <= 0) return '';
    const end = from >= 0 ? from + length : strLength + from + length;
    return chars.slice(from, end).join('');
  }
  return chars.slice(from).join('');
}

/** `$substringBefore(str, undefined)` searches for "undefined" in jsonata: not worth copying. */
function requireChars(chars: string | undefined): string {
  if (chars === undefined) throw new NotCompiled('substring function with an undefined separator');
  return chars;
}

function pad(str: string | undefined, width: number, char?: string): string | undefined {
  if (str === undefined) return undefined;
  const filler = char === undefined || char.length === 0 ? ' ' : char;
  const w = Math.trunc(width);
  const padLength = Math.abs(w) - stringToArray(str).length;
  if (padLength <= 0) return str;
  let padding = new Array(padLength + 1).join(filler);
  if (filler.length > 1) padding = substring(padding, 0, padLength) as string;
  return w > 0 ? str + padding : padding + str;
}

function trim(str: string | undefined): string | undefined {
  if (str === undefined) return undefined;
  let result = str.replace(/[ \t\n\r]+/gm, ' ');
  if (result.charAt(0) === ' ') result = result.substring(1);
  if (result.charAt(result.length - 1) === ' ') result = result.substring(0, result.length - 1);
  return result;
}

/** A pattern is a string or a regex literal; a lambda as matcher never compiles (calls.ts). */
function pattern(value: unknown): string | RegexMatcher {
  if (typeof value === 'string' || value instanceof RegexMatcher) return value;
  throw new NotCompiled('matcher function argument');
}

function contains(str: string | undefined, token: unknown): boolean | undefined {
  if (str === undefined || token === undefined) return undefined;
  const p = pattern(token);
  return typeof p === 'string' ? str.indexOf(p) !== -1 : p.exec(str) !== undefined;
}

function split(str: string | undefined, separator: unknown, limit?: number): string[] | undefined {
  if (str === undefined) return undefined;
  if (limit !== undefined && limit < 0) throw new JsonataError('D3020', limit);
  if (limit !== undefined && !(limit > 0)) return [];
  const p = pattern(separator);
  return typeof p === 'string' ? str.split(p, limit) : splitMatches(str, p, limit);
}

function replace(str: string | undefined, patternArg: unknown, replacement: unknown, limit?: number) {
  if (str === undefined) return undefined;
  if (patternArg === '') throw new JsonataError('D3010', patternArg);
  if (limit !== undefined && limit < 0) throw new JsonataError('D3011', limit);
  if (limit !== undefined && !(limit > 0)) return str;
  const p = pattern(patternArg);
  if (p instanceof RegexMatcher) return replaceMatches(str, p, replacement, limit);
  if (typeof replacement !== 'string' && replacement !== undefined) {
    throw new NotCompiled('replacement function');
  }
  // A string pattern inserts the replacement text as it is ($0, $1 are not interpreted), as jsonata does.
  let result = '';
  let position = 0;
  let count = 0;
  let index = str.indexOf(p, position);
  while (index !== -1 && (limit === undefined || count < limit)) {
    result += str.substring(position, index);
    result += String(replacement);
    position = index + p.length;
    count++;
    index = str.indexOf(p, position);
  }
  return result + str.substring(position);
}

function join(strs: string[] | undefined, separator?: string): string | undefined {
  if (strs === undefined) return undefined;
  return strs.join(separator === undefined ? '' : separator);
}

function number(arg: unknown): number | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg === 'number') return arg;
  if (
    typeof arg === 'string' &&
    /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/.test(arg) &&
    !Number.isNaN(parseFloat(arg)) &&
    Number.isFinite(Number(arg))
  ) {
    return parseFloat(arg);
  }
  if (typeof arg === 'string' && /^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$/.test(arg))
    return Number(arg);
  if (arg === true) return 1;
  if (arg === false) return 0;
  throw new JsonataError('D3030', arg);
}

function round(arg: number | undefined, precision?: number): number | undefined {
  if (arg === undefined) return undefined;
  let value = arg;
  if (precision) {
    // Shifting the decimal point in the string avoids floating point errors (as jsonata does).
    const parts = value.toString().split('e');
    value = +(parts[0] + 'e' + (parts[1] ? +parts[1] + precision : precision));
  }
  let result = Math.round(value);
  if (Math.abs(result - value) === 0.5 && Math.abs(result % 2) === 1) result = result - 1; // half to even
  if (precision) {
    const parts = result.toString().split('e');
    result = +(parts[0] + 'e' + (parts[1] ? +parts[1] - precision : -precision));
  }
  return Object.is(result, -0) ? 0 : result;
}

function uri(encode: (s: string) => string) {
  return (str: string | undefined): string | undefined => {
    if (str === undefined) return undefined;
    try {
      return encode(str);
    } catch {
      throw new JsonataError('D3140', str);
    }
  };
}

const ifDefined =
  <T, R>(f: (value: T) => R) =>
  (value: T | undefined): R | undefined =>
    value === undefined ? undefined : f(value);

/** name → [signature, implementation]. */
export const TEXT_BUILTINS: Record<string, [string, Impl]> = {
  string: ['<x-b?:s>', (arg: unknown, prettify?: boolean) => toJsonataString(arg, prettify === true)],
  substring: ['<s-nn?:s>', substring],
  substringBefore: [
    '<s-s:s>',
    (str: string | undefined, chars: string | undefined) => {
      if (str === undefined) return undefined;
      const pos = str.indexOf(requireChars(chars));
      return pos > -1 ? str.substring(0, pos) : str;
    },
  ],
  substringAfter: [
    '<s-s:s>',
    (str: string | undefined, chars: string | undefined) => {
      if (str === undefined) return undefined;
      const token = requireChars(chars);
      const pos = str.indexOf(token);
      return pos > -1 ? str.substring(pos + token.length) : str;
    },
  ],
  lowercase: ['<s-:s>', ifDefined((s: string) => s.toLowerCase())],
  uppercase: ['<s-:s>', ifDefined((s: string) => s.toUpperCase())],
  length: ['<s-:n>', ifDefined((s: string) => stringToArray(s).length)],
  trim: ['<s-:s>', trim],
  pad: ['<s-ns?:s>', pad],
  contains: ['<s-(sf):b>', contains],
  replace: ['<s-(sf)(sf)n?:s>', replace],
  split: ['<s-(sf)n?:a<s>>', split],
  match: [
    '<s-f<s:o>n?:a<o>>',
    (str: string | undefined, regex: unknown, limit?: number) => {
      if (!(regex instanceof RegexMatcher)) throw new NotCompiled('matcher function argument');
      return matchAll(str, regex, limit);
    },
  ],
  fromMillis: ['<n-s?s?:s>', fromMillis],
  toMillis: ['<s-s?:n>', toMillis],
  join: ['<a<s>s?:s>', join],
  number: ['<(nsb)-:n>', number],
  floor: ['<n-:n>', ifDefined(Math.floor)],
  ceil: ['<n-:n>', ifDefined(Math.ceil)],
  abs: ['<n-:n>', ifDefined(Math.abs)],
  round: ['<n-n?:n>', round],
  boolean: ['<x-:b>', toBoolean],
  not: ['<x-:b>', (arg: unknown) => (arg === undefined ? undefined : !toBoolean(arg))],
  encodeUrlComponent: ['<s-:s>', uri(encodeURIComponent)],
  encodeUrl: ['<s-:s>', uri(encodeURI)],
  decodeUrlComponent: ['<s-:s>', uri(decodeURIComponent)],
  decodeUrl: ['<s-:s>', uri(decodeURI)],
  error: [
    '<s?:x>',
    (message?: string) => {
      throw new JsonataError('D3137', message);
    },
  ],
  assert: [
    '<bs?:x>',
    (condition: boolean | undefined, message?: string) => {
      if (!condition) throw new JsonataError('D3141', message);
      return undefined;
    },
  ],
};
