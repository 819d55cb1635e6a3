import type { FastifyReply, FastifyRequest } from 'fastify';

/** GitHub's error bodies: `message`, `documentation_url` and (since 2024) the status as a string. */
export const DOCS = 'https://docs.github.com/rest';

export interface FieldError {
  resource: string;
  field: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  value?: unknown;
  message?: string;
}

export function sendError(
  reply: FastifyReply,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({ message, ...extra, documentation_url: DOCS, status: String(status) });
}

export const notFound = (reply: FastifyReply) => sendError(reply, 404, 'Not Found');

/** 422 `Validation Failed` with GitHub's `errors` array (`resource`, `field`, `code`). */
export const validationFailed = (reply: FastifyReply, errors: FieldError[]) =>
  sendError(reply, 422, 'Validation Failed', { errors });

/** 422 for a body that does not match the endpoint's JSON schema (a required key missing). */
export const notSupplied = (reply: FastifyReply, key: string) =>
  sendError(reply, 422, `Invalid request.\n\n"${key}" wasn't supplied.`);

export const invalidValue = (reply: FastifyReply, key: string, value: unknown, expected: string) =>
  sendError(
    reply,
    422,
    `Invalid request.\n\nFor 'properties/${key}', ${JSON.stringify(value)} is not ${expected}.`,
  );

/** The JSON object of a write request (an absent body counts as `{}`, as GitHub treats it). */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

export function queryOf(request: FastifyRequest): Record<string, string> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? String(v[v.length - 1]) : String(v)]),
  );
}

export const isString = (value: unknown): value is string => typeof value === 'string';

/** `per_page` (default 30, at most 100) and `page` (default 1), as GitHub reads them. */
function pageParams(query: Record<string, string>): { perPage: number; page: number } {
  const perPage = Number.parseInt(query.per_page ?? '', 10);
  const page = Number.parseInt(query.page ?? '', 10);
  return {
    perPage: Number.isFinite(perPage) && perPage > 0 ? Math.min(perPage, 100) : 30,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/**
 * Answers one page of `items` with GitHub's `Link` header (`prev`, `next`, `last`, `first`). The links
 * keep every query parameter of the request; `linkPath` lets repository lists link through
 * `/repositories/{id}/…` as GitHub does.
 */
export function sendPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  apiBase: string,
  items: T[],
  render: (item: T) => unknown,
  linkPath?: string,
): FastifyReply {
  const query = queryOf(request);
  const { perPage, page } = pageParams(query);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const path = linkPath ?? request.url.split('?')[0];
  const link = (p: number) => {
    const params = new URLSearchParams({ ...query, page: String(p) });
    return `<${apiBase}${path}?${params.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  if (page > 1) rels.push(`${link(1)}; rel="first"`);
  if (rels.length > 0) reply.header('link', rels.join(', '));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return reply.type('application/json; charset=utf-8').send(slice.map(render));
}

/** Sorts a copy by a timestamp or number key, GitHub's `sort` + `direction`. */
export function sortBy<T>(items: T[], key: (item: T) => string | number, direction: 'asc' | 'desc'): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -sign : x > y ? sign : 0;
  });
}

/** `since` is inclusive: "only results last updated at or after this time". Invalid → 422 upstream. */
export function parseSince(value: string | undefined): number | undefined | 'invalid' {
  if (value === undefined || value === '') return undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? at : 'invalid';
}
