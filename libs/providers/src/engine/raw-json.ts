import { isAscii } from 'node:buffer';

/**
 * Remembers the exact bytes a provider sent for each object of a JSON answer that a unified record may
 * keep as `remote_data`: the answer itself and, for list answers, the elements of its item arrays (a top-level array, or
 * arrays reached through at most {@link MAX_OBJECT_DEPTH} levels of objects, as in `{issues: [...]}` or
 * `{data: {issues: {nodes: [...]}}}`).
 *
 * Why: most of a list answer is `remote_data`. Writing those bytes as they came, instead of
 * re-serializing what JSON.parse built, keeps the provider's representation verbatim and saves the
 * largest part of the gateway's work per list call (JSON.stringify plus UTF-8 encoding of ~85% of it).
 *
 * Only plain parsed objects get an entry, keyed by identity in a WeakMap: an object that a mapping
 * builds or changes is not the parsed one, so it has no entry and is serialized as usual. Anything this
 * scanner does not follow exactly (duplicate or reordered keys along the way, a count that differs from
 * what JSON.parse built) leaves the answer without entries rather than risk pairing the wrong bytes.
 */
const rawBytes = new WeakMap<object, Buffer>();

const MAX_OBJECT_DEPTH = 3;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The bytes the provider sent for this parsed object, if they were recorded. */
export function rawJsonOf(value: unknown): Buffer | undefined {
  return typeof value === 'object' && value !== null ? rawBytes.get(value) : undefined;
}

/** Parses a provider's JSON answer and records its raw bytes (items: see {@link recordItemBytes}). */
export function parseProviderJson(bytes: Buffer): unknown {
  // ASCII reads the same as Latin-1, which decodes in about half the time UTF-8 takes (most answers are ASCII).
  const parsed: unknown = JSON.parse(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'));
  if (typeof parsed === 'object' && parsed !== null) {
    rawBytes.set(parsed, bytes.subarray(skipWhitespace(bytes, 0), trimEnd(bytes)));
  }
  return parsed;
}

/**
 * Records the raw bytes of each item of a parsed list answer. Separate from parsing because only list
 * answers whose items are written out as `remote_data` need it (ListOptions.itemBytes) and it costs a
 * pass over the bytes.
 */
export function recordItemBytes(answer: unknown): void {
  const bytes = rawJsonOf(answer);
  if (!bytes) return;
  try {
    const [shape] = scan(bytes, 0, 0);
    const pairs: Array<[object, Buffer]> = [];
    if (shape && pair(shape, answer, bytes, pairs))
      for (const [object, raw] of pairs) rawBytes.set(object, raw);
  } catch {
    // Not followed exactly: the items simply have no raw bytes and are serialized as usual.
  }
}

/** What the scanner saw of the containers it follows. */
type Shape =
  | { kind: 'object'; keys: string[]; children: Array<Shape | undefined> }
  | { kind: 'array'; elements: Array<[start: number, end: number]> };

/** Follows objects down to MAX_OBJECT_DEPTH and the arrays they hold; skips everything else. */
function scan(bytes: Buffer, at: number, depth: number): [Shape | undefined, number] {
  const first = bytes[at];
  if (first === OPEN_ARRAY) return scanArray(bytes, at);
  if (first === OPEN_OBJECT && depth <= MAX_OBJECT_DEPTH) return scanObject(bytes, at, depth);
  return [undefined, skipValue(bytes, at)];
}

function scanObject(bytes: Buffer, at: number, depth: number): [Shape, number] {
  const shape: Shape = { kind: 'object', keys: [], children: [] };
  let i = skipWhitespace(bytes, at + 1);
  if (bytes[i] === CLOSE_OBJECT) return [shape, i + 1];
  for (;;) {
    const keyEnd = skipString(bytes, i);
    shape.keys.push(JSON.parse(bytes.toString('utf8', i, keyEnd)) as string);
    i = skipWhitespace(bytes, keyEnd);
    if (bytes[i] !== COLON) throw new Error('expected a colon');
    const [child, end] = scan(bytes, skipWhitespace(bytes, i + 1), depth + 1);
    shape.children.push(child);
    i = skipWhitespace(bytes, end);
    if (bytes[i] === CLOSE_OBJECT) return [shape, i + 1];
    if (bytes[i] !== COMMA) throw new Error('expected a comma');
    i = skipWhitespace(bytes, i + 1);
  }
}

function scanArray(bytes: Buffer, at: number): [Shape, number] {
  const shape: Shape = { kind: 'array', elements: [] };
  let i = skipWhitespace(bytes, at + 1);
  if (bytes[i] === CLOSE_ARRAY) return [shape, i + 1];
  for (;;) {
    const end = skipValue(bytes, i);
    shape.elements.push([i, end]);
    i = skipWhitespace(bytes, end);
    if (bytes[i] === CLOSE_ARRAY) return [shape, i + 1];
    if (bytes[i] !== COMMA) throw new Error('expected a comma');
    i = skipWhitespace(bytes, i + 1);
  }
}

/** Pairs what was scanned with what JSON.parse built; false at the first disagreement. */
function pair(shape: Shape, value: unknown, bytes: Buffer, pairs: Array<[object, Buffer]>): boolean {
  if (shape.kind === 'array') {
    if (!Array.isArray(value) || value.length !== shape.elements.length) return false;
    shape.elements.forEach(([start, end], index) => {
      const element: unknown = value[index];
      if (bytes[start] === OPEN_OBJECT && isPlainObject(element))
        pairs.push([element, bytes.subarray(start, end)]);
    });
    return true;
  }
  if (!isPlainObject(value)) return false;
  // Duplicate keys: JSON.parse kept one value, the bytes hold two.
  if (new Set(shape.keys).size !== shape.keys.length) return false;
  if (Object.keys(value).length !== shape.keys.length) return false;
  return shape.children.every(
    (child, index) => child === undefined || pair(child, value[shape.keys[index]], bytes, pairs),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function skipValue(bytes: Buffer, at: number): number {
  const first = bytes[at];
  if (first === QUOTE) return skipString(bytes, at);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) return skipScalar(bytes, at);
  let depth = 0;
  let i = at;
  while (i < bytes.length) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      i = skipString(bytes, i);
      continue;
    }
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
    else if ((byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) && --depth === 0) return i + 1;
    i++;
  }
  throw new Error('unterminated value');
}

/** From an opening quote to just past its closing quote (a quote after an odd run of backslashes is escaped). */
function skipString(bytes: Buffer, at: number): number {
  if (bytes[at] !== QUOTE) throw new Error('expected a string');
  let from = at + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, from);
    if (quote < 0) throw new Error('unterminated string');
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function skipScalar(bytes: Buffer, at: number): number {
  let i = at;
  while (i < bytes.length) {
    const byte = bytes[i];
    if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || byte <= 0x20) return i;
    i++;
  }
  return i;
}

function skipWhitespace(bytes: Buffer, at: number): number {
  let i = at;
  while (i < bytes.length && bytes[i] <= 0x20) i++;
  return i;
}

function trimEnd(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] <= 0x20) end--;
  return end;
}
