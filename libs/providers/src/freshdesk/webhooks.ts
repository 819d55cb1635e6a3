import type { WebhookDefinition } from '../definition';

const hook = 'body.freshdesk_webhook';
const names = `$exists(${hook}.ticket_id) and $string(${hook}.ticket_id) != ""`;

/**
 * Freshdesk sends webhooks from automation rules only ("Trigger webhook"), with a body the admin writes
 * from placeholders and no signature. docs/providers/freshdesk.md gives the three rules to configure and
 * their exact bodies (`{"freshdesk_webhook": {"event", "ticket_id", "modified_on"[, "triggered_event"]}}`);
 * each rule adds the connection's webhook secret as the `X-Freshdesk-Webhook-Secret` header, compared in
 * constant time. Freshdesk sends no delivery id: the ingest deduplicates on the hash of the body, which
 * `{{ticket.modified_on}}` (and `{{triggered_event}}`) make differ from one change to the next while a
 * retry of the same delivery hashes the same. Bodies are thin: the ticket is fetched.
 */
export const freshdeskWebhooks: WebhookDefinition = {
  verification: { scheme: 'shared-secret', header: 'x-freshdesk-webhook-secret' },
  events: [
    {
      description:
        'ticket_deleted (rule on ticket updates: "Ticket is deleted / marked as spam"): the ticket is gone',
      match: `${hook}.event = "ticket_deleted" and ${names}`,
      resource: 'tickets',
      action: '"deleted"',
      object: `{ "id": ${hook}.ticket_id, "deleted": true }`,
    },
    {
      description:
        'ticket_created (rule on ticket creation) and ticket_updated (rule on ticket updates: status, ' +
        'priority, type, group, agent, due date changed, reply sent, note added): fetched',
      match: `${hook}.event in ["ticket_created", "ticket_updated"] and ${names}`,
      resource: 'tickets',
      action: `${hook}.event = "ticket_created" ? "created" : "updated"`,
      object: hook,
      fetchId: `$string(${hook}.ticket_id)`,
    },
  ],
};
