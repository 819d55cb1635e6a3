/**
 * Provider query strings, written byte for byte as axios (the engine's HTTP client until the hot path
 * moved to undici, docs/architecture.md) wrote them, so no provider sees a different request: `encodeURIComponent`
 * with `:`, `$` and `,` left as they are and spaces as `+`; keys trimmed; null and undefined left out; a
 * flat array as `key[]=a&key[]=b`; nested objects and arrays as `key[sub]=…` / `key[0]=…`; a key ending
 * in `{}` carries its value as JSON; dates as ISO strings. Proved against axios itself in
 * http-transport.spec.ts.
 */

/** `path` (a URL's path and search) with the encoded `params` appended; the fragment dropped when any are. */
export function withQuery(path: string, params: Record<string, unknown> | undefined): string {
  if (!params) return path;
  const pairs: string[] = [];
  addPairs(params, undefined, pairs);
  if (pairs.length === 0) return path;
  const hash = path.indexOf('#');
  const base = hash === -1 ? path : path.slice(0, hash);
  return `${base}${base.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}

function addPairs(container: object, keyPath: string[] | undefined, pairs: string[]): void {
  const entries: Array<[string, unknown]> = Array.isArray(container)
    ? container.map((value, index) => [String(index), value])
    : Object.keys(container).map((key) => [key.trim(), (container as Record<string, unknown>)[key]]);
  for (const [key, value] of entries) {
    if (value === undefined || value === null) continue;
    if (keyPath === undefined && typeof value === 'object') {
      if (key.endsWith('{}')) {
        pairs.push(pair(key, JSON.stringify(value)));
        continue;
      }
      const elements = Array.isArray(value) && !value.some(isVisitable) ? value : arrayByKey(key, value);
      if (elements) {
        const name = `${withoutBrackets(key)}[]`;
        for (const element of elements as unknown[]) {
          if (element !== undefined && element !== null) pairs.push(pair(name, element));
        }
        continue;
      }
    }
    if (isVisitable(value)) addPairs(value, [...(keyPath ?? []), key], pairs);
    else pairs.push(pair(keyPath ? nestedKey([...keyPath, key]) : key, value));
  }
}

/** A value under a `key[]` name is taken as a list when it is one (axios: `toArray` of array-likes). */
function arrayByKey(key: string, value: object): unknown[] | undefined {
  return key.endsWith('[]') && Array.isArray(value) ? value : undefined;
}

function isVisitable(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    (prototype === null ||
      prototype === Object.prototype ||
      Object.getPrototypeOf(prototype as object) === null) &&
    !(Symbol.toStringTag in value) &&
    !(Symbol.iterator in value)
  );
}

function withoutBrackets(key: string): string {
  return key.endsWith('[]') ? key.slice(0, -2) : key;
}

/** `a`, `b`, `0` → `a[b][0]`. */
function nestedKey(keys: string[]): string {
  return keys.map((key, i) => (i === 0 ? withoutBrackets(key) : `[${withoutBrackets(key)}]`)).join('');
}

function pair(key: string, value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `${encode(key)}=${encode(text)}`;
}

function encode(text: string): string {
  return encodeURIComponent(text)
    .replace(/%3A/gi, ':')
    .replace(/%24/g, '$')
    .replace(/%2C/gi, ',')
    .replace(/%20/g, '+');
}
