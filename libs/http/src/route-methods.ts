import type { FastifyInstance } from 'fastify';
import { reasonPhrase } from './api-error';

/**
 * The methods each route path answers, recorded as routes are registered, so that a request with a
 * method a path does not support is answered 405 with `Allow` (RFC 9110) instead of 404.
 */
const ORDINARY_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

export class RouteMethods {
  private readonly routes: { pattern: RegExp; method: string }[] = [];

  add(method: string | string[], url: string): void {
    // A route for every method (Nest's @All) is taken to answer the ordinary ones: WebDAV's, TRACE or
    // QUERY reaching it would be refused by its handler anyway, and are refused here before their body is read.
    const methods =
      Array.isArray(method) && method.length > ORDINARY_METHODS.length ? ORDINARY_METHODS : method;
    const pattern = new RegExp(
      `^${url
        .split('/')
        .map((segment) =>
          segment.startsWith(':')
            ? '[^/]+'
            : segment === '*'
              ? '.*'
              : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/')}/?$`,
    );
    for (const m of Array.isArray(methods) ? methods : [methods])
      this.routes.push({ pattern, method: m.toUpperCase() });
  }

  /** The methods some route answers for this path (without its query), sorted; empty when no route has it. */
  allowedFor(url: string): string[] {
    const path = url.split('?')[0];
    return [...new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method))].sort();
  }
}

/** The 405 answer's body: the method refused and the ones the path answers (also in `Allow`). */
export function methodNotAllowedBody(method: string, url: string, allowed: string[]) {
  return {
    statusCode: 405,
    error: reasonPhrase(405),
    message: `${method} is not supported on ${url.split('?')[0]}; it answers ${allowed.join(', ')}`,
    details: { allow: allowed },
  };
}

/**
 * Records every route the app registers from now on (call before the routes are registered), and
 * answers a method its path does not support with 405 as the request arrives: before its body is
 * parsed, so a method with a body Fastify reads (QUERY) is not refused for its content type first.
 */
export function recordRouteMethods(fastify: FastifyInstance): RouteMethods {
  const methods = new RouteMethods();
  fastify.addHook('onRoute', (route) => methods.add(route.method, route.url));
  fastify.addHook('onRequest', (request, reply, done) => {
    // A request its route matched with an ordinary method is answered by that route: only the router's
    // misses and unusual methods (QUERY matched by an @All route) need the routes' methods (matching every
    // pattern on each call cost ~1 % of a gateway get-one).
    if (!request.is404 && ORDINARY_METHODS.includes(request.method)) return done();
    const allowed = methods.allowedFor(request.url);
    if (allowed.length === 0 || allowed.includes(request.method)) return done();
    void reply
      .status(405)
      .header('allow', allowed.join(', '))
      .header('content-type', 'application/json')
      .send(methodNotAllowedBody(request.method, request.url, allowed));
  });
  return methods;
}
