import { JsonataError, NotCompiled } from './values';

/**
 * The part of jsonata 2.2.2's date/time functions the definitions use: `$toMillis(iso)` and
 * `$fromMillis(ms[, picture])` in UTC with numeric pictures like `[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]Z`.
 * Anything else (other pictures, names, time zones, years outside 0-9999) hands over to the interpreter.
 */

// jsonata's own check before Date.parse.
const ISO_8601 = /^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$/;

export function toMillis(timestamp: string | undefined, picture?: string): number | undefined {
  if (timestamp === undefined) return undefined;
  if (picture !== undefined) throw new NotCompiled('$toMillis picture');
  if (!ISO_8601.test(timestamp)) throw new JsonataError('D3110', timestamp);
  return Date.parse(timestamp);
}

/** jsonata's default picture, which is what toISOString() prints for years 0-9999. */
const DEFAULT_PICTURE = '[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]';

type Component = (date: Date) => string;
const pad = (value: number, width: number) => String(value).padStart(width, '0');
const MARKERS: Record<string, Component> = {
  Y0001: (d) => pad(d.getUTCFullYear(), 4),
  M01: (d) => pad(d.getUTCMonth() + 1, 2),
  D01: (d) => pad(d.getUTCDate(), 2),
  H01: (d) => pad(d.getUTCHours(), 2),
  m01: (d) => pad(d.getUTCMinutes(), 2),
  s01: (d) => pad(d.getUTCSeconds(), 2),
  f001: (d) => pad(d.getUTCMilliseconds(), 3),
};

const pictures = new Map<string, (Component | string)[] | null>();

/** Literal text and numeric markers only; `[[`, `]]` and any other marker are not compiled. */
function parsePicture(picture: string): (Component | string)[] | null {
  if (picture.includes('[[') || picture.includes(']]')) return null;
  const parts: (Component | string)[] = [];
  const pattern = /\[([^\]]*)\]|[^[]+/g;
  let consumed = 0;
  for (let match = pattern.exec(picture); match !== null; match = pattern.exec(picture)) {
    consumed += match[0].length;
    if (match[1] === undefined) {
      parts.push(match[0]);
    } else {
      const marker = MARKERS[match[1]];
      if (!marker) return null;
      parts.push(marker);
    }
  }
  return consumed === picture.length ? parts : null;
}

export function fromMillis(
  millis: number | undefined,
  picture?: string,
  timezone?: string,
): string | undefined {
  if (millis === undefined) return undefined;
  if (timezone !== undefined) throw new NotCompiled('$fromMillis time zone');
  const date = new Date(millis);
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new NotCompiled('$fromMillis year range');
  if (picture === undefined || picture === DEFAULT_PICTURE) return date.toISOString();
  let parts = pictures.get(picture);
  if (parts === undefined) {
    parts = parsePicture(picture);
    if (pictures.size < 100) pictures.set(picture, parts);
  }
  if (!parts) throw new NotCompiled(`$fromMillis picture ${picture}`);
  return parts.map((part) => (typeof part === 'string' ? part : part(date))).join('');
}
