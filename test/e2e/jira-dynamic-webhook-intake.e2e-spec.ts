import { createHmac, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signJwt } from '@app/providers';
import { seedStore, startIngest } from '../support/stack';

/**
 * A Jira OAuth connection's dynamic webhooks are signed with a JWT made with the OAuth app's client secret;
 * the running ingest verifies them with the registration's scheme, while an API-token connection keeps
 * the admin webhooks' X-Hub-Signature.
 */
describe('webhook-ingest: Jira dynamic webhooks of OAuth connections', () => {
  const clientSecret = `client-secret-${randomUUID()}`;
  let ingest: { app: NestFastifyApplication; url: string };
  let oauthConnection = '';
  let tokenConnection = '';

  beforeAll(async () => {
    const seeded = await seedStore([
      {
        provider: 'jira',
        settings: { site: 'acme' },
        credentials: { access_token: 'unused' },
        webhookSecret: clientSecret,
        authMethod: 'oauth2',
      },
      {
        provider: 'jira',
        settings: { site: 'acme' },
        credentials: { email: 'a@b.c', api_token: 't' },
        webhookSecret: clientSecret,
      },
    ]);
    [oauthConnection, tokenConnection] = seeded.connectionIds;
    ingest = await startIngest({ ...seeded.env, KAFKA_BROKERS: process.env.KAFKA_BROKERS as string });
  });
  afterAll(() => ingest?.app.close());

  const body = () =>
    JSON.stringify({
      webhookEvent: 'jira:issue_updated',
      timestamp: Date.now(),
      issue: { id: '10001', key: 'SUP-1' },
    });
  const post = (connection: string, headers: Record<string, string>, text = body()) =>
    fetch(`${ingest.url}/webhooks/${connection}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-atlassian-webhook-identifier': randomUUID(),
        ...headers,
      },
      body: text,
    });
  const jwt = (secret: string, expiresIn = 180) =>
    `Bearer ${signJwt(secret, { iss: 'app', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + expiresIn })}`;
  const hub = (secret: string, text: string) =>
    `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`;

  it('accepts a JWT signed with the client secret on the OAuth connection, and refuses forged or expired ones', async () => {
    expect((await post(oauthConnection, { authorization: jwt(clientSecret) })).status).toBe(202);
    expect((await post(oauthConnection, { authorization: jwt('another-secret') })).status).toBe(401);
    expect((await post(oauthConnection, { authorization: jwt(clientSecret, -600) })).status).toBe(401);
    const text = body();
    expect((await post(oauthConnection, { 'x-hub-signature': hub(clientSecret, text) }, text)).status).toBe(
      401,
    );
  });

  it('keeps X-Hub-Signature (admin webhooks) for the API-token connection', async () => {
    const text = body();
    expect((await post(tokenConnection, { 'x-hub-signature': hub(clientSecret, text) }, text)).status).toBe(
      202,
    );
    expect((await post(tokenConnection, { authorization: jwt(clientSecret) })).status).toBe(401);
  });
});
