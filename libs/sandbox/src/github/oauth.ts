import { EmulatedOAuthServer } from '../kit/oauth';

/** The demo tenant's GitHub OAuth app, registered at the emulator. */
export const GITHUB_DEMO_OAUTH_APP = {
  clientId: 'Iv1.demo0github0app',
  clientSecret: 'demo-github-oauth-client-secret',
};

/**
 * github.com's OAuth endpoints for an OAuth app: consent at /login/oauth/authorize, tokens at
 * /login/oauth/access_token (JSON when asked with `Accept: application/json`). An OAuth app's tokens do
 * not expire and come without a refresh token.
 */
export function githubOAuthServer(tokens: { accept(token: string): void; revoke(token: string): void }) {
  return new EmulatedOAuthServer({
    providerName: 'GitHub',
    authorizePath: '/login/oauth/authorize',
    tokenPath: '/login/oauth/access_token',
    clients: { [GITHUB_DEMO_OAUTH_APP.clientId]: GITHUB_DEMO_OAUTH_APP.clientSecret },
    refreshTokens: false,
    accept: (token) => tokens.accept(token),
    revoke: (token) => tokens.revoke(token),
  });
}
