import { ApiError } from '@app/http';

/** How many unified calls one `POST /batch` may carry. */
export const BATCH_MAX_REQUESTS = 50;
export const BATCH_METHODS = ['GET', 'POST', 'PATCH', 'DELETE'] as const;
/** The request headers an item may set; the API key (and so the tenant) is always the batch's own. */
export const BATCH_ITEM_HEADERS = ['if-match', 'if-none-match', 'idempotency-key'] as const;

export type BatchMethod = (typeof BATCH_METHODS)[number];
type QueryValue = string | number | boolean | ReadonlyArray<string | number | boolean>;

/** One valid item, ready to be run as a call of the unified API. */
export interface BatchCall {
  method: BatchMethod;
  /** Path and query string, always under /unified/ticketing/. */
  url: string;
  body?: unknown;
  headers: Record<string, string>;
}

/** An item of the batch in its place: a call to run, or the problems that make it a 400 of its own. */
export type BatchItem = { id: string | null } & (
  { call: BatchCall; problems?: undefined } | { call?: undefined; problems: string[] }
);

const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
const ITEM_KEYS = ['id', 'method', 'path', 'query', 'body', 'headers'];
// A resource and optionally one record id, each one raw path segment; the query may follow.
const UNIFIED_PATH = /^\/unified\/ticketing\/[a-z_]+(?:\/[^/?#]+)?(?:\?[^#]*)?$/;

/**
 * Reads `{requests: [...]}`. What makes the whole batch unreadable (not an object, no list, too many
 * items) is a 400 for the batch; a malformed item becomes its own 400 and the others still run.
 */
export function readBatch(body: unknown): BatchItem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, 'The body must be a JSON object: {"requests": [...]}');
  const extra = Object.keys(body).filter((key) => key !== 'requests');
  if (extra.length > 0) throw new ApiError(400, `Unknown batch properties: ${extra.join(', ')}`);
  const requests = (body as { requests?: unknown }).requests;
  if (!Array.isArray(requests) || requests.length === 0)
    throw new ApiError(400, 'requests must be a non-empty array of unified calls');
  if (requests.length > BATCH_MAX_REQUESTS) {
    throw new ApiError(
      400,
      `A batch holds at most ${BATCH_MAX_REQUESTS} requests; this one has ${requests.length}`,
      {
        max_requests: BATCH_MAX_REQUESTS,
        requests: requests.length,
      },
    );
  }
  const seen = new Map<string, number>();
  return requests.map((request: unknown, index) => {
    const item = readItem(request);
    if (item.id !== null) {
      const first = seen.get(item.id);
      if (first !== undefined)
        return { id: item.id, problems: [`id ${item.id} is already used by request ${first}`] };
      seen.set(item.id, index);
    }
    return item;
  });
}

function readItem(request: unknown): BatchItem {
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return { id: null, problems: ['each request must be a JSON object'] };
  const item = request as Record<string, unknown>;
  const problems: string[] = [];
  const id = typeof item.id === 'string' && item.id !== '' ? item.id : null;
  if (item.id !== undefined && id === null) problems.push('id must be a non-empty string');
  const unknown = Object.keys(item).filter((key) => !ITEM_KEYS.includes(key));
  if (unknown.length > 0) problems.push(`unknown properties: ${unknown.join(', ')}`);
  const method = typeof item.method === 'string' ? item.method.toUpperCase() : undefined;
  if (!method || !(BATCH_METHODS as readonly string[]).includes(method))
    problems.push(`method must be one of ${BATCH_METHODS.join(', ')}`);
  const path = pathProblem(item.path);
  if (path) problems.push(path);
  const query = queryString(item.query, problems);
  if (item.body !== undefined && (method === 'GET' || method === 'DELETE'))
    problems.push(`${method} takes no body`);
  const headers = itemHeaders(item.headers, problems);
  if (problems.length > 0) return { id, problems };
  const url = query
    ? `${item.path as string}${(item.path as string).includes('?') ? '&' : '?'}${query}`
    : (item.path as string);
  return { id, call: { method: method as BatchMethod, url, body: item.body, headers } };
}

/** Only unified calls: no /admin, no /batch, no dot segments that would climb out of /unified/ticketing. */
function pathProblem(path: unknown): string | undefined {
  const expected = 'path must be a unified API path: /unified/ticketing/{resource}[/{id}]';
  if (typeof path !== 'string' || !UNIFIED_PATH.test(path)) return expected;
  for (const segment of path.split('?')[0].split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `path has a malformed percent-encoding: ${segment}`;
    }
    if (decoded === '.' || decoded === '..') return expected;
  }
  return undefined;
}

function queryString(query: unknown, problems: string[]): string {
  if (query === undefined) return '';
  if (typeof query !== 'object' || query === null || Array.isArray(query)) {
    problems.push('query must be an object of parameter names to values');
    return '';
  }
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (!values.every(isScalar)) {
      problems.push(`query.${name} must be a string, number or boolean, or an array of them`);
      continue;
    }
    for (const one of values as QueryValue[]) params.append(name, String(one));
  }
  return params.toString();
}

function itemHeaders(headers: unknown, problems: string[]): Record<string, string> {
  if (headers === undefined) return {};
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    problems.push('headers must be an object of header names to string values');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    const lower = name.toLowerCase();
    if (!(BATCH_ITEM_HEADERS as readonly string[]).includes(lower))
      problems.push(`header ${name} cannot be set in a batch; allowed: ${BATCH_ITEM_HEADERS.join(', ')}`);
    else if (typeof value !== 'string' || !HEADER_VALUE.test(value))
      problems.push(`header ${name} must be a string of visible characters`);
    else out[lower] = value;
  }
  return out;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
