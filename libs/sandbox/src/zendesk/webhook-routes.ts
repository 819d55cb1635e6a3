import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { EmulatedHook, EmulatedHooks } from '../kit/hooks';

const NOT_FOUND = {
  errors: [{ code: 'WebhookNotFound', title: 'Webhook not found', detail: 'Webhook not found' }],
};

/** Zendesk's webhook object (Webhooks API). */
function webhookOf(hook: EmulatedHook, name: string) {
  return {
    id: hook.id,
    name,
    status: 'active',
    endpoint: hook.url,
    http_method: 'POST',
    request_format: 'json',
    subscriptions: hook.events,
    created_at: hook.createdAt,
    created_by: '1900000001',
    updated_at: hook.createdAt,
    updated_by: '1900000001',
  };
}

/**
 * /api/v2/webhooks: create (Zendesk chooses the signing secret), show, signing secret, delete. Event
 * subscriptions (`zen:event-type:…`) feed the webhook directly; no trigger is needed for them.
 */
export function registerWebhookRoutes(app: FastifyInstance, hooks: EmulatedHooks): void {
  const names = new Map<string, string>();
  app.post('/api/v2/webhooks', (request, reply) => {
    const body = (request.body ?? {}) as {
      webhook?: { name?: unknown; endpoint?: unknown; subscriptions?: unknown };
    };
    const webhook = body.webhook;
    const problems = [
      typeof webhook?.name === 'string' && webhook.name ? undefined : 'name',
      typeof webhook?.endpoint === 'string' && /^https?:\/\//.test(webhook.endpoint) ? undefined : 'endpoint',
    ].filter(Boolean);
    if (problems.length)
      return reply.status(400).send({
        errors: problems.map((field) => ({
          code: 'InvalidValue',
          title: `Invalid ${field}`,
          source: { pointer: `/webhook/${field}` },
        })),
      });
    const subscriptions = Array.isArray(webhook!.subscriptions) ? webhook!.subscriptions.map(String) : [];
    const hook = hooks.create(String(webhook!.endpoint), randomBytes(32).toString('base64'), subscriptions);
    names.set(hook.id, String(webhook!.name));
    return reply.status(201).send({ webhook: webhookOf(hook, names.get(hook.id)!) });
  });
  app.get<{ Params: { id: string } }>('/api/v2/webhooks/:id', (request, reply) => {
    const hook = hooks.get(request.params.id);
    return hook ? { webhook: webhookOf(hook, names.get(hook.id) ?? '') } : reply.status(404).send(NOT_FOUND);
  });
  app.get<{ Params: { id: string } }>('/api/v2/webhooks/:id/signing_secret', (request, reply) => {
    const hook = hooks.get(request.params.id);
    return hook
      ? { signing_secret: { algorithm: 'SHA256', secret: hook.secret } }
      : reply.status(404).send(NOT_FOUND);
  });
  app.delete<{ Params: { id: string } }>('/api/v2/webhooks/:id', (request, reply) =>
    hooks.remove(request.params.id) ? reply.status(204).send() : reply.status(404).send(NOT_FOUND),
  );
}
