/**
 * `POST /webhooks` as Asana runs it: before answering, Asana calls the target with `X-Hook-Secret`
 * and an empty body; only a 200/204 that echoes the header establishes the webhook, and that secret
 * signs every later delivery (`X-Hook-Signature`). Otherwise the create fails with a 400.
 */
import { randomBytes } from 'node:crypto';
import type { DescribedEmulator, ProviderObject } from '../kit/described';
import { dataOf, errorBody } from './errors';

export function asanaWebhookRoutes(emulator: DescribedEmulator): void {
  let serial = 0;
  emulator.app.post('/api/1.0/webhooks', async (request, reply) => {
    const data = dataOf(request.body);
    const resource = emulator.records('projects').find((p) => p.gid === data.resource) as ProviderObject;
    const refuse = (message: string) =>
      reply
        .status(400)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(errorBody(message)));
    if (!resource) return refuse(`resource: Not a recognized ID: ${String(data.resource)}`);
    if (typeof data.target !== 'string' || !/^https?:\/\//.test(data.target))
      return refuse('target: Must be an https URL');
    const secret = randomBytes(16).toString('hex');
    const answer = await fetch(data.target, {
      method: 'POST',
      headers: { 'x-hook-secret': secret, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    if (!answer || ![200, 204].includes(answer.status) || answer.headers.get('x-hook-secret') !== secret)
      return refuse('The remote server did not respond with the handshake secret.');
    emulator.subscribeWebhooks(data.target, secret);
    return reply.status(201).send({
      data: {
        gid: `12000000000090${String(++serial).padStart(2, '0')}`,
        resource_type: 'webhook',
        active: true,
        resource: { gid: resource.gid, resource_type: 'project', name: resource.name },
        target: data.target,
        created_at: new Date().toISOString(),
        last_failure_at: null,
        last_failure_content: '',
        last_success_at: null,
        delivery_retry_count: 0,
        next_attempt_after: null,
        failure_deletion_timestamp: null,
        filters: [],
      },
    });
  });
}
