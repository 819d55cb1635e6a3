import { badRequest, param, type Query } from './http';

const MAX_PAGE_SIZE = 100;

export interface ListPage {
  /** The response body: `{[key]: items, ...paging}`. */
  body: Record<string, unknown>;
}

interface Identified {
  id: number;
}

/**
 * Zendesk's two pagination styles on one list (https://developer.zendesk.com/api-reference/introduction/pagination/):
 * cursor pagination when `page[size]` or `page[after]`/`page[before]` is given (`meta.has_more`,
 * `meta.after_cursor`, `links.next`), offset pagination otherwise (`page`, `per_page` → `next_page`,
 * `previous_page`, `count`). Items are ordered by id, as Zendesk's default cursor order is.
 */
export function paginate<T extends Identified>(
  all: readonly T[],
  key: string,
  query: Query,
  listUrl: string,
  toJson: (item: T) => unknown,
  extra: Record<string, unknown> = {},
): ListPage {
  const items = [...all].sort((a, b) => a.id - b.id);
  const size = param(query, 'page[size]');
  const after = param(query, 'page[after]');
  const before = param(query, 'page[before]');
  if (size !== undefined || after !== undefined || before !== undefined) {
    return cursorPage(items, key, listUrl, toJson, extra, size, after, before);
  }
  return offsetPage(items, key, query, listUrl, toJson, extra);
}

function cursorPage<T extends Identified>(
  items: T[],
  key: string,
  listUrl: string,
  toJson: (item: T) => unknown,
  extra: Record<string, unknown>,
  sizeParam: string | undefined,
  after: string | undefined,
  before: string | undefined,
): ListPage {
  const size = sizeParam === undefined ? MAX_PAGE_SIZE : Number(sizeParam);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badRequest(
      'InvalidPaginationParameter',
      `page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  let page: T[];
  if (after !== undefined) {
    const lastId = decodeCursor(after);
    page = items.filter((item) => item.id > lastId).slice(0, size + 1);
  } else if (before !== undefined) {
    const firstId = decodeCursor(before);
    page = items.filter((item) => item.id < firstId).slice(-(size + 1));
  } else {
    page = items.slice(0, size + 1);
  }
  const hasMore = page.length > size;
  const shown = before !== undefined ? page.slice(-size) : page.slice(0, size);
  const afterCursor = shown.length > 0 ? encodeCursor(shown[shown.length - 1].id) : null;
  const beforeCursor = shown.length > 0 ? encodeCursor(shown[0].id) : null;
  const link = (name: 'after' | 'before', cursor: string | null) =>
    cursor ? `${listUrl}.json?page[size]=${size}&page[${name}]=${cursor}` : null;
  return {
    body: {
      [key]: shown.map(toJson),
      ...extra,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: { prev: link('before', beforeCursor), next: hasMore ? link('after', afterCursor) : null },
    },
  };
}

/** Offset pagination over items in the order given (a list sorted by `sort_by`). */
export function offsetPage<T extends Identified>(
  items: T[],
  key: string,
  query: Query,
  listUrl: string,
  toJson: (item: T) => unknown,
  extra: Record<string, unknown>,
): ListPage {
  const page = Number(param(query, 'page') ?? '1');
  const perPage = Number(param(query, 'per_page') ?? String(MAX_PAGE_SIZE));
  if (!Number.isInteger(page) || page < 1)
    throw badRequest('InvalidPaginationParameter', 'page must be a positive integer');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PAGE_SIZE) {
    throw badRequest('InvalidPaginationParameter', `per_page must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  const start = (page - 1) * perPage;
  const shown = items.slice(start, start + perPage);
  const url = (n: number) => `${listUrl}.json?page=${n}&per_page=${perPage}`;
  return {
    body: {
      [key]: shown.map(toJson),
      ...extra,
      next_page: start + perPage < items.length ? url(page + 1) : null,
      previous_page: page > 1 ? url(page - 1) : null,
      count: items.length,
    },
  };
}

/** Cursors are opaque to clients; here they carry the id of the row they point after/before. */
function encodeCursor(id: number): string {
  return Buffer.from(`zd:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^zd:(\d+)$/.exec(decoded);
  if (!match)
    throw badRequest('InvalidPaginationParameter', 'page[after]/page[before] is not a valid cursor');
  return Number(match[1]);
}
