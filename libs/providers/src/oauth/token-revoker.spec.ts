import { generateKeyPairSync } from 'node:crypto';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO } from '@app/sandbox/github';
import { GITHUB_DEMO_OAUTH_APP } from '@app/sandbox/github/oauth';
import type { ConnectionContext } from '../engine/connection-context';
import { ProviderRegistry } from '../registry';
import { AppInstallationTokenMinter } from './app-installation-token';
import { TokenRevoker } from './token-revoker';

/** A user token from the emulator's OAuth app flow: consent, then the code exchanged. */
async function oauthToken(base: string): Promise<string> {
  const redirect = 'http://127.0.0.1:1/callback';
  const consent = await fetch(`${base}/login/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: GITHUB_DEMO_OAUTH_APP.clientId,
      redirect_uri: redirect,
      decision: 'allow',
    }).toString(),
    redirect: 'manual',
  });
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const answer = await fetch(`${base}/login/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: GITHUB_DEMO_OAUTH_APP.clientId,
      client_secret: GITHUB_DEMO_OAUTH_APP.clientSecret,
      code,
      redirect_uri: redirect,
    }).toString(),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

describe('TokenRevoker (definition-driven, against the GitHub emulator)', () => {
  const emulator = new GithubEmulator();
  const registry = new ProviderRegistry();
  const apps = { oauthApp: async () => GITHUB_DEMO_OAUTH_APP };
  const revoker = new TokenRevoker(registry, apps);
  const settings = () => ({ owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url });
  const connection = (credentials: Record<string, string>, authMethod: ConnectionContext['authMethod']) => ({
    id: 'conn-1',
    tenantId: 't1',
    provider: 'github',
    settings: settings(),
    credentials,
    authMethod,
  });
  const works = async (token: string) =>
    (
      await fetch(`${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).status;

  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('revokes an OAuth user token as the OAuth app; a token already gone counts as revoked', async () => {
    const token = await oauthToken(emulator.url);
    expect(await works(token)).toBe(200);
    expect(await revoker.revoke(connection({ access_token: token }, 'oauth2'))).toEqual({
      outcome: 'revoked',
      status: 204,
    });
    expect(await works(token)).toBe(401);
    expect(emulator.oauth.revoked).toContain(token);
    expect(await revoker.revoke(connection({ access_token: token }, 'oauth2'))).toEqual({
      outcome: 'revoked',
      status: 404,
    });
  });

  it('revokes an app installation token with the token itself', async () => {
    const keys = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    emulator.apps.register({ id: 31337, publicKeyPem: keys.publicKey });
    emulator.apps.install(31337, GITHUB_SEED_OWNER);
    const app = connection({ app_id: '31337', private_key: keys.privateKey }, 'app_installation');
    const { credentials } = await new AppInstallationTokenMinter().mint(registry.get('github'), app);
    expect(await works(credentials.access_token)).toBe(200);
    expect(await revoker.revoke({ ...app, credentials })).toEqual({ outcome: 'revoked', status: 204 });
    expect(await works(credentials.access_token)).toBe(401);
  });

  it('leaves credentials the end user made alone, and reports a provider that does not answer', async () => {
    expect(await revoker.revoke(connection({ token: 'ghp_x' }, 'credentials'))).toMatchObject({
      outcome: 'not_applicable',
    });
    const down = {
      ...connection({ access_token: 'x' }, 'oauth2'),
      settings: { ...settings(), base_url: 'http://127.0.0.1:9' },
    };
    expect(await revoker.revoke(down)).toMatchObject({ outcome: 'failed', reason: /did not answer/ });
    const jira = { ...connection({ access_token: 'x' }, 'oauth2'), provider: 'jira' };
    expect(await revoker.revoke(jira)).toMatchObject({ outcome: 'not_applicable', reason: /offers no way/ });
  });
});
