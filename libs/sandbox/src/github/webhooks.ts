import { createHmac } from 'node:crypto';
import { newDeliveryUuid } from '../kit/delivery-ids';
import type { DeliverySigner } from '../kit/webhook-emitter';

/**
 * Signs a delivery the way GitHub does: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body)>`,
 * the legacy SHA-1 `X-Hub-Signature`, the event name and a fresh delivery GUID per delivery.
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers
 */
export function githubSigner(event: string, hookId: number, repositoryId: number): DeliverySigner {
  return (body, secret) => ({
    'user-agent': 'GitHub-Hookshot/emulator',
    'x-github-event': event,
    'x-github-delivery': newDeliveryUuid(),
    'x-github-hook-id': String(hookId),
    'x-github-hook-installation-target-type': 'repository',
    'x-github-hook-installation-target-id': String(repositoryId),
    'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
    'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
  });
}
