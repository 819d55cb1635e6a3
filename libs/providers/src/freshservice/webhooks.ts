import type { WebhookDefinition } from '../definition';

const hook = 'body.freshservice_webhook';
/** `{{ticket.id_numeric}}` is the bare number; a rule written with `{{ticket.id}}` sends `INC-12` or `#SR-12`. */
const ticketId = `$replace($string(${hook}.ticket_id), /[^0-9]/, "")`;
const names = `$exists(${hook}.ticket_id) and ${ticketId} != ""`;

/**
 * Freshservice sends webhooks from Workflow Automator only ("Trigger Webhook" action), with a body the
 * admin writes from placeholders and no signature. docs/providers/freshservice.md gives the workflows to
 * configure and their exact bodies (`{"freshservice_webhook": {"event", "ticket_id", "updated_at"}}`);
 * each adds the connection's webhook secret as the `X-Freshservice-Webhook-Secret` header, compared in
 * constant time. No delivery id: the ingest deduplicates on the hash of the body, which
 * `{{ticket.updated_at}}` makes differ between changes. Bodies are thin: the ticket is fetched.
 */
export const freshserviceWebhooks: WebhookDefinition = {
  verification: { scheme: 'shared-secret', header: 'x-freshservice-webhook-secret' },
  events: [
    {
      description: 'ticket_deleted (workflow on ticket update, "Ticket is deleted"): the ticket is gone',
      match: `${hook}.event = "ticket_deleted" and ${names}`,
      resource: 'tickets',
      action: '"deleted"',
      object: `{ "id": ${ticketId}, "deleted": true }`,
    },
    {
      description:
        'ticket_created (workflow on ticket creation), ticket_updated (workflow on ticket update: ' +
        'status, priority, type, group, agent, department changed, note added, reply sent): fetched',
      match: `${hook}.event in ["ticket_created", "ticket_updated"] and ${names}`,
      resource: 'tickets',
      action: `${hook}.event = "ticket_created" ? "created" : "updated"`,
      object: hook,
      fetchId: ticketId,
    },
  ],
};
