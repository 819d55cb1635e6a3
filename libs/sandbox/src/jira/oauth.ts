import type { FastifyInstance } from 'fastify';
import { bearerToken } from '../kit/provider-emulator';
import { EmulatedOAuthServer } from '../kit/oauth';

/** The demo tenant's Atlassian OAuth 2.0 (3LO) app, registered at the emulator. */
export const JIRA_DEMO_OAUTH_APP = {
  clientId: 'demo-atlassian-3lo-app',
  clientSecret: 'demo-atlassian-oauth-client-secret',
};
/** The emulated site's cloud id, as accessible-resources reports it. */
export const JIRA_CLOUD_ID = '11223344-a1b2-4c3d-9e8f-556677889900';

/**
 * Atlassian's 3LO endpoints: consent at auth.atlassian.com/authorize, tokens at /oauth/token (access tokens
 * for an hour, rotating refresh tokens with `offline_access`), and api.atlassian.com's
 * /oauth/token/accessible-resources listing the sites the token reaches.
 */
export function jiraOAuthServer(tokens: {
  accept(token: string, expiresAt?: number): void;
  revoke(token: string): void;
}) {
  return new EmulatedOAuthServer({
    providerName: 'Atlassian',
    authorizePath: '/authorize',
    tokenPath: '/oauth/token',
    clients: { [JIRA_DEMO_OAUTH_APP.clientId]: JIRA_DEMO_OAUTH_APP.clientSecret },
    accessTokenTtlSeconds: 3600,
    refreshTokens: true,
    accept: (token, expiresAt) => tokens.accept(token, expiresAt),
    revoke: (token) => tokens.revoke(token),
  });
}

export function registerAccessibleResources(
  app: FastifyInstance,
  site: { url: string; name: string },
  isValid: (token: string | undefined) => boolean,
): void {
  app.get('/oauth/token/accessible-resources', (request, reply) => {
    if (!isValid(bearerToken(request)))
      return reply.status(401).send({ code: 401, message: 'Unauthorized; scope does not match' });
    return [
      {
        id: JIRA_CLOUD_ID,
        url: site.url,
        name: site.name,
        scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'],
        avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png',
      },
    ];
  });
}
