import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '@app/providers';
import { zendeskWebhooks } from '@app/providers/zendesk/webhooks';
import { ZENDESK_SEED_CREDENTIALS, ZendeskEmulator } from './index';

interface Received {
  headers: Record<string, string>;
  raw: Buffer;
  body: { type: string; detail: Record<string, unknown>; event: Record<string, unknown> };
}

const SECRET = 'dGhpcyBpcyBhIHNpZ25pbmcgc2VjcmV0';

describe('ZendeskEmulator webhooks', () => {
  const emulator = new ZendeskEmulator();
  const received: Received[] = [];
  let receiver: Server;
  const authorization = `Basic ${Buffer.from(`${ZENDESK_SEED_CREDENTIALS.email}/token:${ZENDESK_SEED_CREDENTIALS.api_token}`).toString('base64')}`;
  const call = (path: string, method: string, body?: unknown) =>
    fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const verification = zendeskWebhooks.verification;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        received.push({
          headers: request.headers as Record<string, string>,
          raw,
          body: JSON.parse(raw.toString()),
        });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    await emulator.start();
    emulator.subscribeWebhooks(
      `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zendesk`,
      SECRET,
    );
  });
  afterAll(async () => {
    await emulator.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(() => (received.length = 0));

  it('signs every delivery as Zendesk does: base64 HMAC-SHA256 over timestamp + raw body', async () => {
    await call('/api/v2/tickets', 'POST', { ticket: { subject: 'Signed', comment: { body: 'hello' } } });
    await emulator.webhooks.flush();
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(
      verifyWebhookSignature(verification, SECRET, { headers: delivery.headers, rawBody: delivery.raw }),
    ).toEqual({
      ok: true,
    });
    expect(
      verifyWebhookSignature(verification, 'other-secret', {
        headers: delivery.headers,
        rawBody: delivery.raw,
      }).ok,
    ).toBe(false);
    const tampered = Buffer.from(delivery.raw.toString().replace('Signed', 'Signet'));
    expect(
      verifyWebhookSignature(verification, SECRET, { headers: delivery.headers, rawBody: tampered }).ok,
    ).toBe(false);
    expect(delivery.headers['x-zendesk-webhook-invocation-id']).toMatch(/^\d+$/);
    expect(delivery.headers['x-zendesk-webhook-signature-timestamp']).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
  });

  it('emits ticket.created, one event per changed property plus comment_added, and ticket.soft_deleted', async () => {
    const created = await call('/api/v2/tickets', 'POST', {
      ticket: { subject: 'Lifecycle', comment: { body: 'first' } },
    });
    const id = ((await created.json()) as { ticket: { id: number } }).ticket.id;
    await call(`/api/v2/tickets/${id}`, 'PUT', {
      ticket: {
        status: 'pending',
        priority: 'high',
        comment: { body: 'reply', public: true, author_id: 1002 },
      },
    });
    await call(`/api/v2/tickets/${id}`, 'DELETE');
    await emulator.webhooks.flush();
    const types = received.map((r) => r.body.type.replace('zen:event-type:', ''));
    expect(types).toEqual([
      'ticket.created',
      'ticket.status_changed',
      'ticket.custom_status_changed',
      'ticket.priority_changed',
      'ticket.comment_added',
      'ticket.soft_deleted',
    ]);
    for (const r of received) expect(r.body.detail.id).toBe(String(id));
    expect(received[1].body.event).toMatchObject({ current: 'PENDING', previous: 'NEW' });
    expect(received[4].body.event.comment).toMatchObject({
      body: 'reply',
      is_public: true,
      author: { id: '1002', is_staff: true },
    });
    expect(new Set(received.map((r) => r.headers['x-zendesk-webhook-invocation-id'])).size).toBe(
      received.length,
    );
  });

  it('emits user and organization events with their short details', async () => {
    const answer = await call('/api/v2/organizations', 'POST', { organization: { name: 'Hooli' } });
    const orgId = ((await answer.json()) as { organization: { id: number } }).organization.id;
    await call(`/api/v2/organizations/${orgId}`, 'DELETE');
    await call('/api/v2/users', 'POST', { user: { name: 'Rita Requester', email: 'rita@hooli.test' } });
    await emulator.webhooks.flush();
    expect(received.map((r) => [r.body.type, r.body.detail.role ?? r.body.detail.name])).toEqual([
      ['zen:event-type:organization.created', 'Hooli'],
      ['zen:event-type:organization.deleted', 'Hooli'],
      ['zen:event-type:user.created', 'end-user'],
    ]);
  });
});
