import type { WebhookDefinition } from '../definition';

const event = 'body.eventType';

/**
 * Service hooks (Project settings > Service hooks > Web Hooks), one subscription per event type:
 * `workitem.created`, `.updated`, `.deleted`, `.restored`, `.commented`, resource version 1.0.
 * Azure DevOps signs nothing: the subscription sends the connection's webhook secret in the
 * `X-Azure-DevOps-Webhook-Secret` HTTP header (its "HTTP headers" field), compared in constant time.
 * The event's `id` names the delivery (a retry repeats it). An update's resource is the change, with
 * the whole work item in `revision`; a comment event is the work item with the comment in
 * `System.History` and no comment id, so it is a ticket update, not a comment.
 */
export const azureDevopsWebhooks: WebhookDefinition = {
  verification: { scheme: 'shared-secret', header: 'x-azure-devops-webhook-secret' },
  deliveryId: 'body.id',
  ignore: `$not($substringBefore(${event}, ".") = "workitem")`,
  events: [
    {
      description: 'workitem.created and workitem.restored: the work item',
      match: `${event} in ["workitem.created", "workitem.restored"]`,
      resource: 'tickets',
      action: '"created"',
      object: 'body.resource',
    },
    {
      description: 'workitem.updated: the work item as revised (`resource.revision`)',
      match: `${event} = "workitem.updated"`,
      resource: 'tickets',
      action: '"updated"',
      object: 'body.resource.revision',
    },
    {
      description: 'workitem.commented: the work item (the comment has no id in the event)',
      match: `${event} = "workitem.commented"`,
      resource: 'tickets',
      action: '"updated"',
      object: 'body.resource',
    },
    {
      description: 'workitem.deleted: moved to the recycle bin',
      match: `${event} = "workitem.deleted"`,
      resource: 'tickets',
      action: '"deleted"',
      object: 'body.resource',
    },
  ],
};
