import { ApiError } from '@app/http';

/** One entity tag of a precondition header: its opaque part with the quotes, and whether it was `W/`. */
export interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** `If-Match` / `If-None-Match` as read: `*` (any current record) or a list of entity tags. */
export type EntityTagCondition = { any: true } | { any: false; tags: readonly EntityTag[] };

export type PreconditionHeader = 'If-Match' | 'If-None-Match';

// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text (a
// comma may sit inside the quotes). One list element at a time, with its separator; empty ones allowed.
const LIST_ELEMENT = /[ \t]*(?:(W\/)?("[\x21\x23-\x7e\x80-\xff]*")[ \t]*)?(?:,|$)/y;

/**
 * Reads a precondition header. Absent: undefined. `*` or a comma-separated list of entity tags
 * (empty list elements are allowed, as RFC 9110 §5.6.1 asks); anything else is a 400 that says how
 * the header must look, so a client's typo never turns into an unconditional write.
 */
export function parseEntityTags(
  header: string | string[] | undefined,
  name: PreconditionHeader,
): EntityTagCondition | undefined {
  if (header === undefined) return undefined;
  const text = (Array.isArray(header) ? header.join(',') : header).trim();
  if (text === '*') return { any: true };
  const tags: EntityTag[] = [];
  let position = 0;
  let malformed = false;
  while (position < text.length && !malformed) {
    LIST_ELEMENT.lastIndex = position;
    const match = LIST_ELEMENT.exec(text);
    malformed = !match || LIST_ELEMENT.lastIndex === position;
    position = LIST_ELEMENT.lastIndex;
    if (match?.[2] !== undefined) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
  }
  if (malformed || tags.length === 0) {
    throw new ApiError(400, `${name} must be * or a list of entity tags such as "abc" or W/"abc"`, {
      header: name,
      value: text,
    });
  }
  return { any: false, tags };
}

/**
 * `If-Match` (RFC 9110 §13.1.1): true when there is a current record and, unless `*`, one of the tags
 * is its etag by strong comparison (a `W/` tag never matches). `current` null: no such record.
 */
export function ifMatchHolds(condition: EntityTagCondition, current: string | null): boolean {
  if (current === null) return false;
  if (condition.any) return true;
  const tag = entityTagOf(current);
  return !tag.weak && condition.tags.some((t) => !t.weak && t.opaque === tag.opaque);
}

/**
 * `If-None-Match` on a read (RFC 9110 §13.1.2): the record is "not modified" for the client when `*`
 * and the record exists, or when one of its tags is the record's etag by weak comparison.
 */
export function isNotModified(condition: EntityTagCondition, current: string): boolean {
  if (condition.any) return true;
  const tag = entityTagOf(current);
  return condition.tags.some((t) => t.opaque === tag.opaque);
}

/** 412 naming the record's current etag (null when it does not exist), so the client can re-read and retry. */
export function preconditionFailed(
  resource: string,
  id: string,
  current: string | null,
  condition: EntityTagCondition,
): ApiError {
  const message =
    current === null
      ? `If-Match failed: ${resource} ${id} does not exist at the provider; nothing was written`
      : `If-Match failed: ${resource} ${id} changed at the provider (its etag is now ${current}); nothing was written`;
  return new ApiError(
    412,
    message,
    {
      resource,
      id,
      current_etag: current,
      if_match: condition.any ? '*' : condition.tags.map((t) => (t.weak ? `W/${t.opaque}` : t.opaque)),
    },
    current === null ? {} : { etag: current },
  );
}

function entityTagOf(etag: string): EntityTag {
  return etag.startsWith('W/') ? { weak: true, opaque: etag.slice(2) } : { weak: false, opaque: etag };
}
