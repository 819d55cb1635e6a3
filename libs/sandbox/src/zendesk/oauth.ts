import type { FastifyInstance } from 'fastify';
import { EmulatedOAuthServer } from '../kit/oauth';
import { bearerToken } from '../kit/provider-emulator';

/** The demo tenant's Zendesk OAuth client, registered at the emulator. */
export const ZENDESK_DEMO_OAUTH_CLIENT = {
  clientId: 'demo_zendesk_client',
  clientSecret: 'demo-zendesk-oauth-client-secret',
};

/**
 * Zendesk's OAuth endpoints on the account's host: consent at /oauth/authorizations/new, tokens at
 * /oauth/tokens. Access tokens expire (30 minutes here) and come with a refresh token that rotates.
 */
export function zendeskOAuthServer(tokens: {
  accept(token: string, expiresAt?: number): void;
  revoke(token: string): void;
}) {
  return new EmulatedOAuthServer({
    providerName: 'Zendesk',
    authorizePath: '/oauth/authorizations/new',
    tokenPath: '/oauth/tokens',
    clients: { [ZENDESK_DEMO_OAUTH_CLIENT.clientId]: ZENDESK_DEMO_OAUTH_CLIENT.clientSecret },
    accessTokenTtlSeconds: 1800,
    refreshTokens: true,
    accept: (token, expiresAt) => tokens.accept(token, expiresAt),
    revoke: (token) => tokens.revoke(token),
  });
}

/**
 * "Revoking a known access token": `DELETE /api/v2/oauth/tokens/current.json` with the token itself
 * (the API's guard has already authenticated it) → 204; the token is dead from then on.
 */
export function registerTokenRevocation(app: FastifyInstance, oauth: EmulatedOAuthServer): void {
  app.delete('/api/v2/oauth/tokens/current.json', (request, reply) => {
    const token = bearerToken(request);
    if (!token || !oauth.revokeAccessToken(token))
      return reply.status(404).send({ error: 'RecordNotFound', description: 'Not found' });
    return reply.status(204).send();
  });
}
