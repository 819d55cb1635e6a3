import type { FastifyReply } from 'fastify';

/** Query strings as Fastify parses them. */
export type Query = Record<string, string | string[] | undefined>;

export function param(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Jira's error body: `{"errorMessages": [...], "errors": {field: message}}`. */
export function sendError(
  reply: FastifyReply,
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
): FastifyReply {
  return reply.status(status).type('application/json;charset=UTF-8').send({ errorMessages, errors });
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** `startAt` / `maxResults` as Jira reads them: bad numbers fall back to the defaults, sizes are capped. */
export function pageWindow(
  query: Query,
  defaultSize: number,
  maxSize: number,
): { startAt: number; maxResults: number } {
  const startAt = Number.parseInt(param(query, 'startAt') ?? '0', 10);
  const size = Number.parseInt(param(query, 'maxResults') ?? String(defaultSize), 10);
  return {
    startAt: Number.isFinite(startAt) && startAt > 0 ? startAt : 0,
    maxResults: Number.isFinite(size) && size >= 0 ? Math.min(size, maxSize) : defaultSize,
  };
}

/** A `PageBean` page (`values`, `startAt`, `maxResults`, `total`, `isLast`) over a full list. */
export function pageBean<T>(
  self: string,
  items: T[],
  window: { startAt: number; maxResults: number },
): Record<string, unknown> {
  const values = items.slice(window.startAt, window.startAt + window.maxResults);
  const isLast = window.startAt + values.length >= items.length;
  const next = `${self.split('?')[0]}?startAt=${window.startAt + window.maxResults}&maxResults=${window.maxResults}`;
  return {
    self,
    ...(isLast ? {} : { nextPage: next }),
    maxResults: window.maxResults,
    startAt: window.startAt,
    total: items.length,
    isLast,
    values,
  };
}

export function isRecordBody(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
