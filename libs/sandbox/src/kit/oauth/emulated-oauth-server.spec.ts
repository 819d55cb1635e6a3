import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { EmulatedOAuthServer } from './emulated-oauth-server';

const CLIENT = { id: 'client-1', secret: 'secret-1' };
const REDIRECT = 'https://gateway.example/connect/oauth/callback';
const verifier = 'v'.repeat(50);
const challenge = createHash('sha256').update(verifier).digest('base64url');

async function setup(refreshTokens = true) {
  const accepted = new Set<string>();
  const server = new EmulatedOAuthServer({
    providerName: 'Acme',
    authorizePath: '/authorize',
    tokenPath: '/token',
    clients: { [CLIENT.id]: CLIENT.secret },
    accessTokenTtlSeconds: 60,
    refreshTokens,
    accept: (t) => accepted.add(t),
    revoke: (t) => accepted.delete(t),
  });
  const app = Fastify();
  server.register(app);
  const form = (url: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const code = async (extra: Record<string, string> = {}) => {
    const answer = await form('/authorize', {
      client_id: CLIENT.id,
      redirect_uri: REDIRECT,
      state: 's1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      decision: 'allow',
      ...extra,
    });
    return new URL(answer.headers.location as string).searchParams.get('code')!;
  };
  const exchange = (c: string, extra: Record<string, string> = {}) =>
    form('/token', {
      grant_type: 'authorization_code',
      code: c,
      redirect_uri: REDIRECT,
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      code_verifier: verifier,
      ...extra,
    });
  return { server, app, accepted, form, code, exchange };
}

describe('EmulatedOAuthServer', () => {
  it('issues tokens for a code with the right verifier, once; a replay revokes what it issued', async () => {
    const { code, exchange, accepted } = await setup();
    const c = await code();
    const first = await exchange(c);
    expect(first.statusCode).toBe(200);
    const token = first.json();
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 60 });
    expect(accepted.has(token.access_token)).toBe(true);
    const replay = await exchange(c);
    expect(replay.json().error).toBe('invalid_grant');
    expect(accepted.has(token.access_token)).toBe(false);
  });

  it('refuses a wrong verifier, another redirect URI and a wrong client secret', async () => {
    const { code, exchange } = await setup();
    expect((await exchange(await code(), { code_verifier: 'w'.repeat(50) })).json().error).toBe(
      'invalid_grant',
    );
    expect((await exchange(await code(), { redirect_uri: 'https://evil.example/cb' })).json().error).toBe(
      'invalid_grant',
    );
    const badClient = await exchange(await code(), { client_secret: 'nope' });
    expect(badClient.statusCode).toBe(401);
    expect(badClient.json().error).toBe('invalid_client');
  });

  it('rotates refresh tokens: the old one and its access token stop working', async () => {
    const { code, exchange, form, accepted, server } = await setup();
    const first = (await exchange(await code())).json();
    const refresh = (rt: string) =>
      form('/token', {
        grant_type: 'refresh_token',
        refresh_token: rt,
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
      });
    const second = (await refresh(first.refresh_token)).json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(accepted.has(first.access_token)).toBe(false);
    expect(accepted.has(second.access_token)).toBe(true);
    expect((await refresh(first.refresh_token)).json().error).toBe('invalid_grant');
    server.revokeAllRefreshTokens();
    expect((await refresh(second.refresh_token)).json().error).toBe('invalid_grant');
    expect(server.grants('refresh_token')).toBe(1);
  });

  it('sends a denial back to the redirect URI, and refuses unknown clients on the consent page', async () => {
    const { app, form } = await setup(false);
    const denied = await form('/authorize', {
      client_id: CLIENT.id,
      redirect_uri: REDIRECT,
      state: 'x',
      decision: 'deny',
    });
    const back = new URL(denied.headers.location as string);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('x');
    const unknown = await app.inject({
      method: 'GET',
      url: `/authorize?client_id=nobody&redirect_uri=${REDIRECT}`,
    });
    expect(unknown.statusCode).toBe(400);
  });
});
