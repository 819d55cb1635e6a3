import { CallableBase, createSequence, JsonataError, NotCompiled } from './values';

/**
 * Regular expressions, ported from jsonata 2.2.2 (evaluateRegex and the matcher branches of $match,
 * $replace, $contains, $split). A regex literal is a function value in jsonata; the compiler only lets
 * one appear as the pattern argument of those four built-ins, so it never reaches data.
 */
export interface RegexMatch {
  match: string;
  start: number;
  end: number;
  groups: string[];
  next: () => RegexMatch | undefined;
}

export class RegexMatcher extends CallableBase {
  readonly arity = 2;
  private readonly re: RegExp;

  /** A fresh RegExp per evaluation of the literal: its `lastIndex` is the matcher's state. */
  constructor(private readonly literal: RegExp) {
    super();
    this.re = new RegExp(literal);
  }

  call(args: unknown[]): RegexMatch | undefined {
    return this.exec(String(args[0]), Number(args[1] ?? 0));
  }

  exec(str: string, fromIndex = 0): RegexMatch | undefined {
    this.re.lastIndex = fromIndex || 0;
    const match = this.re.exec(str);
    if (match === null) return undefined;
    const result: RegexMatch = {
      match: match[0],
      start: match.index,
      end: match.index + match[0].length,
      groups: match.slice(1),
      next: () => {
        if (this.re.lastIndex >= str.length) return undefined;
        const next = this.exec(str, this.re.lastIndex);
        // A zero-length match would never progress.
        if (next && next.match === '') throw new JsonataError('D1004', this.literal.source);
        return next;
      },
    };
    return result;
  }
}

export function matchAll(str: string | undefined, regex: RegexMatcher, limit?: number): unknown {
  if (str === undefined) return undefined;
  if (limit !== undefined && limit < 0) throw new JsonataError('D3040', limit);
  const result = createSequence();
  if (limit === undefined || limit > 0) {
    let count = 0;
    let matches = regex.exec(str);
    while (matches !== undefined && (limit === undefined || count < limit)) {
      result.push({ match: matches.match, index: matches.start, groups: matches.groups });
      matches = matches.next();
      count++;
    }
  }
  return result;
}

export function replaceMatches(
  str: string,
  regex: RegexMatcher,
  replacement: unknown,
  limit?: number,
): string {
  let matches = regex.exec(str);
  if (matches === undefined) return str;
  // jsonata calls a non-string replacement as a function, at the first match: not reproduced.
  if (typeof replacement !== 'string') throw new NotCompiled('replacement function');
  let result = '';
  let position = 0;
  let count = 0;
  while (matches !== undefined && (limit === undefined || count < limit)) {
    result += str.substring(position, matches.start);
    result += substitute(replacement, matches);
    position = matches.start + matches.match.length;
    count++;
    matches = matches.next();
  }
  return result + str.substring(position);
}

/** The replacement text with `$0`, `$1`…`$n` and `$$` resolved, exactly as jsonata scans it. */
function substitute(replacement: string, regexMatch: RegexMatch): string {
  let result = '';
  let position = 0;
  let index = replacement.indexOf('$', position);
  while (index !== -1 && position < replacement.length) {
    result += replacement.substring(position, index);
    position = index + 1;
    const dollarVal = replacement.charAt(position);
    if (dollarVal === '$') {
      result += '$';
      position++;
    } else if (dollarVal === '0') {
      result += regexMatch.match;
      position++;
    } else {
      const groups = regexMatch.groups.length;
      const maxDigits = groups === 0 ? 1 : Math.floor(Math.log(groups) * Math.LOG10E) + 1;
      let group = parseInt(replacement.substring(position, position + maxDigits), 10);
      if (maxDigits > 1 && group > groups)
        group = parseInt(replacement.substring(position, position + maxDigits - 1), 10);
      if (!Number.isNaN(group)) {
        if (groups > 0) {
          const submatch = regexMatch.groups[group - 1];
          if (submatch !== undefined) result += submatch;
        }
        position += group.toString().length;
      } else {
        result += '$'; // not a group number: a literal $
      }
    }
    index = replacement.indexOf('$', position);
  }
  return result + replacement.substring(position);
}

export function splitMatches(str: string, regex: RegexMatcher, limit?: number): string[] {
  const result: string[] = [];
  let matches = regex.exec(str);
  if (matches === undefined) return [str];
  let start = 0;
  let count = 0;
  while (matches !== undefined && (limit === undefined || count < limit)) {
    result.push(str.substring(start, matches.start));
    start = matches.end;
    matches = matches.next();
    count++;
  }
  if (limit === undefined || count < limit) result.push(str.substring(start));
  return result;
}
