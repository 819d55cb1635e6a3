/**
 * `POST /team/{team_id}/webhook` as ClickUp answers it: the new webhook with its own `secret`, which
 * signs every delivery (`X-Signature`); the receiver keeps it as the connection's webhook secret.
 * ClickUp makes no handshake with the endpoint.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DescribedEmulator, ProviderObject } from '../kit/described';
import { clickupError } from './errors';
import { CLICKUP_TOKEN_USER_ID } from './seed';

export function clickupWebhookRoutes(emulator: DescribedEmulator): void {
  emulator.app.post('/api/v2/team/:team/webhook', async (request, reply) => {
    const body = (request.body ?? {}) as ProviderObject;
    const { team } = request.params as { team: string };
    if (!emulator.records('workspaces').some((w) => w.id === team))
      return reply.status(401).send(clickupError('Team not authorized', 'OAUTH_027'));
    if (typeof body.endpoint !== 'string' || !/^https?:\/\//.test(body.endpoint))
      return reply.status(400).send(clickupError('Webhook endpoint invalid', 'WEBHOOK_001'));
    const events = Array.isArray(body.events) && body.events.length ? body.events : ['*'];
    const secret = randomBytes(24).toString('base64url').toUpperCase();
    emulator.subscribeWebhooks(body.endpoint, secret);
    const id = randomUUID();
    const scope = (key: string) => (body[key] === undefined ? null : body[key]);
    return {
      id,
      webhook: {
        id,
        userid: CLICKUP_TOKEN_USER_ID,
        team_id: Number(team),
        endpoint: body.endpoint,
        client_id: randomBytes(16).toString('hex').toUpperCase(),
        events,
        task_id: scope('task_id'),
        list_id: scope('list_id'),
        folder_id: scope('folder_id'),
        space_id: scope('space_id'),
        health: { status: 'active', fail_count: 0 },
        secret,
      },
    };
  });
}
