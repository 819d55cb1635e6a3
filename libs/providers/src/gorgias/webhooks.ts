import type { WebhookDefinition } from '../definition';

const names = `$exists(body.ticket_id) and $string(body.ticket_id) != ""`;

/**
 * Gorgias sends webhooks from HTTP integrations: the admin gives the URL, the headers and a body made
 * of template variables, and Gorgias signs nothing. docs/providers/gorgias.md gives the integration to
 * configure: triggers "ticket created", "ticket updated" and "ticket message created", the body
 * `{"event", "ticket_id", "updated_datetime"}` and the connection's secret in the
 * `X-Gorgias-Webhook-Secret` header, compared in constant time. Gorgias sends no delivery id: the
 * ingest hashes the body, which `updated_datetime` makes differ from one change to the next. Bodies are
 * thin: the ticket is fetched. Gorgias has no trigger for deleted tickets.
 */
export const gorgiasWebhooks: WebhookDefinition = {
  verification: { scheme: 'shared-secret', header: 'x-gorgias-webhook-secret' },
  events: [
    {
      description: 'ticket-created (trigger "ticket created"): fetched',
      match: `body.event = "ticket-created" and ${names}`,
      resource: 'tickets',
      action: '"created"',
      object: 'body',
      fetchId: '$string(body.ticket_id)',
    },
    {
      description:
        'ticket-updated and ticket-message-created (triggers "ticket updated", "ticket message created"): the ticket changed, fetched',
      match: `body.event in ["ticket-updated", "ticket-message-created"] and ${names}`,
      resource: 'tickets',
      action: '"updated"',
      object: 'body',
      fetchId: '$string(body.ticket_id)',
    },
  ],
};
