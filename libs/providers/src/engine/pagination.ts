import type { PaginationDefinition } from '../definition';
import { InvalidCursorError } from './errors';

/**
 * Where the next page starts, in the provider's terms. Serialised into the opaque cursor. `skip`: the
 * provider serves pages of its own fixed size, larger than the caller's limit, so the same provider page
 * is asked again and its first `skip` objects were already returned.
 */
export type PageState = (
  | { kind: 'first' }
  | { kind: 'url'; pathAndQuery: string }
  | { kind: 'offset'; start: number }
  | { kind: 'token'; token: string }
  | { kind: 'page'; page: number }
) & { skip?: number };

export interface PageRequest {
  /** Query parameters for the provider (page size, position). */
  params: Record<string, string>;
  /** For link-header pages: the exact path and query to request instead of building one. */
  pathAndQuery?: string;
}

export interface PageResponse {
  headers: Record<string, string>;
  body: unknown;
  /** Objects on this page before any filtering by the response mapping. */
  count: number;
}

export function pageSize(definition: PaginationDefinition, limit: number | undefined): number {
  const max = definition.strategy === 'none' ? Infinity : definition.maxPageSize;
  return Math.max(1, Math.min(limit ?? 50, max));
}

/** The request for the page described by `state`. */
export function pageRequest(definition: PaginationDefinition, state: PageState, size: number): PageRequest {
  switch (definition.strategy) {
    case 'none':
      return { params: {} };
    case 'link-header':
    case 'next-url':
      return state.kind === 'url'
        ? { params: {}, pathAndQuery: state.pathAndQuery }
        : { params: definition.sizeParam ? { [definition.sizeParam]: String(size) } : {} };
    case 'offset':
      return {
        params: {
          [definition.startParam]: String(state.kind === 'offset' ? state.start : 0),
          [definition.sizeParam]: String(size),
        },
      };
    case 'next-page-token':
      return {
        params: {
          [definition.sizeParam]: String(size),
          ...(state.kind === 'token' ? { [definition.tokenParam]: state.token } : {}),
        },
      };
    case 'cursor':
      return {
        params: {
          [definition.sizeParam]: String(size),
          ...(state.kind === 'token' ? { [definition.cursorParam]: state.token } : {}),
        },
      };
    case 'page-number':
      return {
        params: {
          [definition.pageParam]: String(state.kind === 'page' ? state.page : (definition.firstPage ?? 1)),
          ...(definition.sizeParam ? { [definition.sizeParam]: String(size) } : {}),
        },
      };
  }
}

/** The state of the page after this one, or undefined on the last page. */
export function nextPageState(
  definition: PaginationDefinition,
  state: PageState,
  size: number,
  response: PageResponse,
  baseUrl: string,
): PageState | undefined {
  switch (definition.strategy) {
    case 'none':
      return undefined;
    case 'link-header': {
      const next = nextLink(response.headers.link);
      return next ? { kind: 'url', pathAndQuery: sameOriginPath(next, baseUrl) } : undefined;
    }
    case 'next-url': {
      const next = readPath(response.body, definition.urlPath);
      return typeof next === 'string' && next !== ''
        ? { kind: 'url', pathAndQuery: sameOriginPath(next, baseUrl) }
        : undefined;
    }
    case 'offset': {
      const start = state.kind === 'offset' ? state.start : 0;
      const isLast = definition.isLastPath ? readPath(response.body, definition.isLastPath) : undefined;
      if (isLast === true) return undefined;
      const nextStart = start + response.count;
      // A provider may serve fewer than asked (its own cap) and say so only by `isLast: false`.
      if (isLast === false) return response.count > 0 ? { kind: 'offset', start: nextStart } : undefined;
      const total = definition.totalPath ? readPath(response.body, definition.totalPath) : undefined;
      if (typeof total === 'number')
        return nextStart < total && response.count > 0 ? { kind: 'offset', start: nextStart } : undefined;
      return response.count >= size ? { kind: 'offset', start: nextStart } : undefined;
    }
    case 'next-page-token': {
      const token = readPath(response.body, definition.tokenPath);
      return typeof token === 'string' && token !== '' ? { kind: 'token', token } : undefined;
    }
    case 'cursor': {
      const hasMore = readPath(response.body, definition.hasMorePath);
      const token = readPath(response.body, definition.cursorPath);
      return hasMore === true && typeof token === 'string' ? { kind: 'token', token } : undefined;
    }
    case 'page-number': {
      const page = state.kind === 'page' ? state.page : (definition.firstPage ?? 1);
      const isLast = definition.lastPagePath ? readPath(response.body, definition.lastPagePath) : undefined;
      if (typeof isLast === 'boolean') return isLast ? undefined : { kind: 'page', page: page + 1 };
      // A fixed page size (no size parameter): a full page of the provider's size may have a next one.
      const full = definition.sizeParam ? size : definition.maxPageSize;
      return response.count >= full ? { kind: 'page', page: page + 1 } : undefined;
    }
  }
}

/** RFC 5988: `<https://…?page=2>; rel="next", <…>; rel="last"`. */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    if (match && /\brel="?([^";]*\s)?next(\s[^";]*)?"?/.test(match[2])) return match[1];
  }
  return undefined;
}

/** A next-page URL must stay on the connection's API origin; only its path and query are kept. */
function sameOriginPath(link: string, baseUrl: string): string {
  const target = new URL(link, baseUrl);
  const base = new URL(baseUrl);
  if (target.origin !== base.origin)
    throw new InvalidCursorError('the provider pointed the next page at another origin');
  return `${target.pathname}${target.search}`;
}

function readPath(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Opaque to callers; the gateway signs it to make it tamper-evident. */
export function encodeCursor(state: PageState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeCursor(cursor: string): PageState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor issued by this API');
  }
  const { kind, skip } = (parsed ?? {}) as { kind?: unknown; skip?: unknown };
  if (!['url', 'offset', 'token', 'page', 'first'].includes(String(kind)))
    throw new InvalidCursorError('unknown cursor kind');
  // The first page is only ever resumed part-way (a provider's fixed page larger than the limit).
  if (skip !== undefined && !(Number.isInteger(skip) && (skip as number) > 0))
    throw new InvalidCursorError('invalid skip in cursor');
  if (kind === 'first' && skip === undefined) throw new InvalidCursorError('unknown cursor kind');
  return parsed as PageState;
}
