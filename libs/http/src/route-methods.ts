import type { FastifyInstance } from 'fastify';

/**
 * The methods each route path answers, recorded as routes are registered, so that a request with a
 * method a path does not support is answered 405 with `Allow` (RFC 9110) instead of 404.
 */
export class RouteMethods {
  private readonly routes: { pattern: RegExp; method: string }[] = [];

  add(method: string | string[], url: string): void {
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
    for (const m of Array.isArray(method) ? method : [method])
      this.routes.push({ pattern, method: m.toUpperCase() });
  }

  /** The methods some route answers for this path (without its query), sorted; empty when no route has it. */
  allowedFor(url: string): string[] {
    const path = url.split('?')[0];
    return [...new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method))].sort();
  }
}

/** Records every route the app registers from now on (call before the routes are registered). */
export function recordRouteMethods(fastify: FastifyInstance): RouteMethods {
  const methods = new RouteMethods();
  fastify.addHook('onRoute', (route) => methods.add(route.method, route.url));
  return methods;
}
