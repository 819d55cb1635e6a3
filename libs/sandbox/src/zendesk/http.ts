import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Zendesk's error bodies, as its API reference documents them. */
export const ZENDESK_ERRORS = {
  unauthorized: { error: "Couldn't authenticate you" },
  notFound: { error: 'RecordNotFound', description: 'Not found' },
  rateLimited: 'Number of allowed API requests per minute exceeded',
} as const;

export interface FieldError {
  description: string;
  error: string;
}

/** A request the emulator refuses, answered with Zendesk's status and body. */
export class ZendeskHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`zendesk ${status}`);
  }
}

export const notFound = (): ZendeskHttpError => new ZendeskHttpError(404, ZENDESK_ERRORS.notFound);

/** 422 RecordInvalid with per-attribute details, e.g. `{subject: [{description, error}]}`. */
export function recordInvalid(details: Record<string, FieldError[]>): ZendeskHttpError {
  return new ZendeskHttpError(422, {
    error: 'RecordInvalid',
    description: 'Record validation errors',
    details,
  });
}

export function invalidValue(field: string, label: string, value: unknown): ZendeskHttpError {
  return recordInvalid({
    [field]: [{ description: `${label}: ${String(value)} is not valid for ${label}`, error: 'InvalidValue' }],
  });
}

export function badRequest(error: string, description: string): ZendeskHttpError {
  return new ZendeskHttpError(400, { error, description });
}

export type Query = Record<string, string | string[] | undefined>;

export const queryOf = (request: FastifyRequest): Query => (request.query ?? {}) as Query;

/** The first value of a query parameter (repeated parameters arrive as arrays). */
export function param(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Path ids accept Zendesk's optional `.json` suffix (`/tickets/5.json`). */
export function idParam(request: FastifyRequest, name = 'id'): number {
  const raw = String((request.params as Record<string, string>)[name] ?? '').replace(/\.json$/, '');
  if (!/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

/** The object under `key` of a JSON body (`{"ticket": {...}}`), or a 400 like Zendesk's. */
export function bodyObject(request: FastifyRequest, key: string): Record<string, unknown> {
  const body = request.body as Record<string, unknown> | undefined;
  const inner = body?.[key];
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
    throw badRequest('InvalidEndpoint', `The request body must be a JSON object with a "${key}" object`);
  }
  return inner as Record<string, unknown>;
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * Registers a route the way Zendesk serves it: collection paths also answer with a `.json` suffix;
 * item paths strip it in `idParam`. Handler errors of type ZendeskHttpError become Zendesk answers.
 */
export function route(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  handler: Handler,
): void {
  const wrapped = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      const result = await handler(request, reply);
      if (result !== undefined) return reply.send(result);
      return reply;
    } catch (error) {
      if (error instanceof ZendeskHttpError) {
        const text = typeof error.body === 'string';
        return reply
          .status(error.status)
          .header('content-type', text ? 'text/plain' : 'application/json; charset=utf-8')
          .send(text ? error.body : JSON.stringify(error.body));
      }
      throw error;
    }
  };
  app.route({ method, url: path, handler: wrapped });
  if (!path.includes(':')) app.route({ method, url: `${path}.json`, handler: wrapped });
}
