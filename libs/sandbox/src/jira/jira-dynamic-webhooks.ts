import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { signJwt } from '@app/providers';
import type { EmulatedHooks } from '../kit/hooks';
import { bearerToken } from '../kit/provider-emulator';
import { JIRA_DEMO_OAUTH_APP } from './oauth';

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;
const errors = (...messages: string[]) => ({ errorMessages: messages, errors: {} });

/**
 * Jira's dynamic webhooks (`/rest/api/3/webhook`): only OAuth 2.0 and Connect apps may register them; they
 * expire after 30 days unless refreshed, and Jira signs their deliveries with a JWT (`Authorization:
 * Bearer …`, HS256 with the app's client secret) instead of the admin webhooks' `X-Hub-Signature`.
 */
export function registerDynamicWebhooks(
  app: FastifyInstance,
  hooks: EmulatedHooks,
  isOAuth: (request: FastifyRequest) => boolean,
): { expirations: Map<string, number>; refreshes: () => number } {
  const expirations = new Map<string, number>();
  const jqls = new Map<string, string>();
  let refreshes = 0;
  const appOnly = (request: FastifyRequest) => isOAuth(request) && bearerToken(request) !== undefined;
  const forbidden = errors('Only Connect and OAuth 2.0 apps can use this operation.');
  const idsOf = (body: unknown) =>
    Array.isArray((body as { webhookIds?: unknown })?.webhookIds)
      ? ((body as { webhookIds: unknown[] }).webhookIds.map(String) as string[])
      : undefined;

  app.post('/rest/api/3/webhook', (request, reply) => {
    if (!appOnly(request)) return reply.status(403).send(forbidden);
    const body = (request.body ?? {}) as {
      url?: unknown;
      webhooks?: { events?: unknown; jqlFilter?: unknown }[];
    };
    if (typeof body.url !== 'string' || !Array.isArray(body.webhooks) || body.webhooks.length === 0)
      return reply.status(400).send(errors('The request must have a url and at least one webhook.'));
    const result = body.webhooks.map((webhook) => {
      const events = Array.isArray(webhook.events) ? webhook.events.map(String) : [];
      const hook = hooks.create(String(body.url), JIRA_DEMO_OAUTH_APP.clientSecret, events, () => ({
        authorization: `Bearer ${signJwt(JIRA_DEMO_OAUTH_APP.clientSecret, {
          iss: JIRA_DEMO_OAUTH_APP.clientId,
          iat: Math.floor(Date.now() / 1000),
          exp: Math.floor(Date.now() / 1000) + 180,
        })}`,
        'x-atlassian-webhook-identifier': randomUUID(),
        'x-atlassian-webhook-flow': 'Primary',
        'user-agent': 'Atlassian Webhook HTTP Client',
      }));
      expirations.set(hook.id, Date.now() + THIRTY_DAYS_MS);
      jqls.set(hook.id, typeof webhook.jqlFilter === 'string' ? webhook.jqlFilter : '');
      return { createdWebhookId: Number(hook.id) };
    });
    return { webhookRegistrationResult: result };
  });

  app.get('/rest/api/3/webhook', (request, reply) => {
    if (!appOnly(request)) return reply.status(403).send(forbidden);
    const values = [...hooks.hooks.values()].map((hook) => ({
      id: Number(hook.id),
      jqlFilter: jqls.get(hook.id) ?? '',
      events: hook.events,
      expirationDate: new Date(expirations.get(hook.id) ?? 0).toISOString().replace('Z', '+0000'),
    }));
    return { startAt: 0, maxResults: 100, total: values.length, isLast: true, values };
  });

  app.delete('/rest/api/3/webhook', (request, reply) => {
    if (!appOnly(request)) return reply.status(403).send(forbidden);
    const ids = idsOf(request.body);
    if (!ids) return reply.status(400).send(errors('webhookIds must not be empty.'));
    for (const id of ids) hooks.remove(id);
    return reply.status(202).send();
  });

  app.put('/rest/api/3/webhook/refresh', (request, reply) => {
    if (!appOnly(request)) return reply.status(403).send(forbidden);
    const ids = idsOf(request.body);
    if (!ids) return reply.status(400).send(errors('webhookIds must not be empty.'));
    const expirationDate = Date.now() + THIRTY_DAYS_MS;
    for (const id of ids) if (hooks.get(id)) expirations.set(id, expirationDate);
    refreshes++;
    return { expirationDate };
  });

  return { expirations, refreshes: () => refreshes };
}
