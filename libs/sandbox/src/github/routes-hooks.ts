import type { FastifyInstance } from 'fastify';
import type { EmulatedHook, EmulatedHooks } from '../kit/hooks';
import { repoRoute, type GithubContext } from './context';
import { notFound, validationFailed } from './http';

/** GitHub's `hook` representation (REST: repos/create-webhook). */
function hookOf(apiBase: string, repoPath: string, hook: EmulatedHook): Record<string, unknown> {
  const url = `${apiBase}/repos/${repoPath}/hooks/${hook.id}`;
  return {
    type: 'Repository',
    id: Number(hook.id),
    name: 'web',
    active: true,
    events: hook.events,
    config: { content_type: 'json', insecure_ssl: '0', url: hook.url, secret: '********' },
    updated_at: hook.createdAt,
    created_at: hook.createdAt,
    url,
    test_url: `${url}/test`,
    ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`,
    last_response: { code: null, status: 'unused', message: null },
  };
}

/** Repository webhooks: create, read, list and delete (what the platform registers on connect). */
export function registerHookRoutes(
  app: FastifyInstance,
  ctx: GithubContext,
  hooks: EmulatedHooks,
  apiBase: () => string,
) {
  repoRoute(app, ctx, 'POST', '/hooks', ({ fullName, request, reply }) => {
    const body = (request.body ?? {}) as { config?: { url?: unknown; secret?: unknown }; events?: unknown };
    if (typeof body.config?.url !== 'string' || !/^https?:\/\//.test(body.config.url))
      return validationFailed(reply, [
        { resource: 'Hook', field: 'config', code: 'custom', message: 'Config must contain a valid url' },
      ]);
    const events = Array.isArray(body.events) ? body.events.map(String) : ['push'];
    const secret = typeof body.config.secret === 'string' ? body.config.secret : '';
    const hook = hooks.create(body.config.url, secret, events);
    return reply.status(201).send(hookOf(apiBase(), fullName, hook));
  });
  repoRoute(app, ctx, 'GET', '/hooks', ({ fullName }) =>
    [...hooks.hooks.values()].map((hook) => hookOf(apiBase(), fullName, hook)),
  );
  repoRoute(app, ctx, 'GET', '/hooks/:hook_id', ({ fullName, params, reply }) => {
    const hook = hooks.get(params.hook_id);
    return hook ? hookOf(apiBase(), fullName, hook) : notFound(reply);
  });
  repoRoute(app, ctx, 'DELETE', '/hooks/:hook_id', ({ params, reply }) =>
    hooks.remove(params.hook_id) ? reply.status(204).send() : notFound(reply),
  );
}
