import type { WebhookDefinition } from '../definition';

const JOURNAL = `body.table = "sys_journal_field"`;
const action = `$lookup({ "insert": "created", "update": "updated", "delete": "deleted" }, body.operation)`;
const known = `body.operation in ["insert", "update", "delete"] and $type(body.sys_id) = "string" and body.sys_id != ""`;

/**
 * ServiceNow has no webhook subscriptions and signs nothing: an admin adds business rules (after
 * insert/update/delete on the ticket table, after insert on `sys_journal_field`) whose script posts
 * `{"delivery_id","table","operation","sys_id","sys_mod_count","sys_updated_on",…}` through an
 * outbound REST message carrying the connection's webhook secret in `X-ServiceNow-Webhook-Secret`
 * (docs/providers/servicenow.md has the script). The delivery id is `delivery_id`, a `gs.generateGUID()`
 * the rule puts in each body: a resent message is a duplicate, every change new. Bodies are thin:
 * records are fetched; a deletion carries only the id.
 */
export const serviceNowWebhooks: WebhookDefinition = {
  verification: { scheme: 'shared-secret', header: 'x-servicenow-webhook-secret' },
  deliveryId: `$type(body.delivery_id) = "string" and body.delivery_id != "" ? body.delivery_id`,
  events: [
    {
      description: 'sys_journal_field insert (a comment or work note added): the comment, fetched',
      match: `${JOURNAL} and body.operation = "insert" and ${known}`,
      resource: 'comments',
      action: '"created"',
      object: 'body',
      fetchId: 'body.sys_id',
    },
    {
      description: 'ticket table delete: the ticket is gone',
      match: `$not(${JOURNAL}) and body.operation = "delete" and ${known}`,
      resource: 'tickets',
      action: '"deleted"',
      object: '{ "sys_id": body.sys_id }',
    },
    {
      description: 'ticket table insert or update (a journal write updates its ticket too): fetched',
      match: `$not(${JOURNAL}) and ${known}`,
      resource: 'tickets',
      action,
      object: '{ "sys_id": body.sys_id }',
      fetchId: 'body.sys_id',
    },
  ],
};
