import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatedOAuthServer } from '../kit/oauth';
import { bearerToken } from '../kit/provider-emulator';
import type { EmulatedGithubApp, EmulatedGithubApps, EmulatedInstallation } from './app-installations';
import type { GithubContext } from './context';
import { notFound, notSupplied, sendError } from './http';

/** Paths GitHub authenticates as the app (its JWT) or as an OAuth app (basic), not with a token. */
export const APP_AUTHENTICATED = /^\/(app\/|applications\/|repos\/[^/]+\/[^/]+\/installation(\?|$))/;

function installationOf(api: string, installation: EmulatedInstallation): Record<string, unknown> {
  return {
    id: installation.id,
    client_id: installation.app.clientId,
    account: { login: installation.account, type: 'Organization' },
    repository_selection: 'all',
    access_tokens_url: `${api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${api}/installation/repositories`,
    app_id: installation.app.id,
    app_slug: installation.app.slug,
    target_type: 'Organization',
    permissions: { issues: 'write', metadata: 'read', pull_requests: 'read' },
    events: ['issues', 'issue_comment', 'label', 'milestone'],
    created_at: '2026-01-05T10:00:00Z',
    updated_at: '2026-01-05T10:00:00Z',
  };
}

/** The app a request's JWT authenticates, or GitHub's 401 already sent. */
function appOf(apps: EmulatedGithubApps, request: FastifyRequest, reply: FastifyReply) {
  const jwt = bearerToken(request);
  if (!jwt) {
    sendError(reply, 401, 'A JSON web token could not be decoded');
    return undefined;
  }
  const app = apps.authenticate(jwt);
  if ('refused' in app) {
    sendError(reply, 401, app.refused);
    return undefined;
  }
  return app;
}

/**
 * GitHub App authentication (find a repository's installation, mint an installation token, revoke one)
 * and OAuth app token revocation — the calls the platform makes to connect and disconnect.
 */
export function registerAppRoutes(
  app: FastifyInstance,
  ctx: GithubContext,
  apps: EmulatedGithubApps,
  oauth: EmulatedOAuthServer,
  apiBase: () => string,
): void {
  app.get('/repos/:owner/:repo/installation', (request, reply) => {
    const githubApp: EmulatedGithubApp | undefined = appOf(apps, request, reply);
    if (!githubApp) return reply;
    const { owner, repo } = request.params as { owner: string; repo: string };
    const exists = ctx.state.repos.some(
      (r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === repo.toLowerCase(),
    );
    const installation = exists ? apps.installationFor(githubApp, owner) : undefined;
    return installation ? installationOf(apiBase(), installation) : notFound(reply);
  });

  app.post('/app/installations/:installation_id/access_tokens', (request, reply) => {
    const githubApp = appOf(apps, request, reply);
    if (!githubApp) return reply;
    const id = Number((request.params as { installation_id: string }).installation_id);
    const installation = apps.installation(githubApp, id);
    if (!installation) return notFound(reply);
    const { token, expiresAt } = apps.mint(installation);
    return reply.status(201).send({
      token,
      expires_at: expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      permissions: installationOf(apiBase(), installation).permissions,
      repository_selection: 'all',
    });
  });

  // Behind the API's token guard: the installation token revokes itself.
  app.delete('/installation/token', (request, reply) => {
    const token = bearerToken(request) ?? '';
    if (!apps.isInstallationToken(token)) return sendError(reply, 401, 'Bad credentials');
    apps.revoke(token);
    return reply.status(204).send();
  });

  // An OAuth app revokes one of its user tokens, authenticated as the app (client id and secret).
  app.delete('/applications/:client_id/token', (request, reply) => {
    const client = oauth.basicClient(request);
    if (!client || client !== (request.params as { client_id: string }).client_id)
      return sendError(reply, 401, 'Requires authentication');
    const accessToken = (request.body as { access_token?: unknown } | undefined)?.access_token;
    if (typeof accessToken !== 'string') return notSupplied(reply, 'access_token');
    return oauth.revokeAccessToken(accessToken, client) ? reply.status(204).send() : notFound(reply);
  });
}
