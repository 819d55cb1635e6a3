import { createHmac, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { seedStore, startIngest } from '../support/stack';

/**
 * Schemes that sign the request line (HubSpot's signature v3: method + full URL + body + timestamp) are
 * verified by the running ingest against the URL the provider called: its own scheme and Host, or what a
 * proxy forwarded (`X-Forwarded-Proto` / `X-Forwarded-Host`).
 */
describe('webhook-ingest: signatures over the method and URL the provider called', () => {
  const secret = `client-secret-${randomUUID()}`;
  let ingest: { app: NestFastifyApplication; url: string };
  let connectionId = '';

  beforeAll(async () => {
    const seeded = await seedStore([
      { provider: 'hubspot', settings: {}, credentials: { access_token: 'unused' }, webhookSecret: secret },
    ]);
    connectionId = seeded.connectionIds[0];
    ingest = await startIngest({ ...seeded.env, KAFKA_BROKERS: process.env.KAFKA_BROKERS as string });
  });
  afterAll(() => ingest?.app.close());

  const post = (signedUrl: string, headers: Record<string, string> = {}) => {
    const body = JSON.stringify([
      { eventId: Date.now(), subscriptionType: 'ticket.creation', objectId: 1001, occurredAt: Date.now() },
    ]);
    const timestamp = String(Date.now());
    const signature = createHmac('sha256', secret)
      .update(`POST${signedUrl}${body}${timestamp}`)
      .digest('base64');
    return fetch(`${ingest.url}/webhooks/${connectionId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-v3': signature,
        'x-hubspot-request-timestamp': timestamp,
        ...headers,
      },
      body,
    });
  };

  it('accepts a delivery signed over the URL it was sent to, and refuses one signed over another', async () => {
    const direct = `${ingest.url}/webhooks/${connectionId}`;
    expect((await post(direct)).status).toBe(202);
    expect((await post(`${direct}?x=1`)).status).toBe(401);
  });

  it('behind a proxy, verifies against the forwarded scheme and host', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.com' };
    const publicUrl = `https://hooks.example.com/webhooks/${connectionId}`;
    expect((await post(publicUrl, forwarded)).status).toBe(202);
    expect((await post(`${ingest.url}/webhooks/${connectionId}`, forwarded)).status).toBe(401);
  });
});
