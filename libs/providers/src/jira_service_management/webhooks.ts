import type { WebhookDefinition } from '../definition';
import { jiraWebhooks } from '../jira/webhooks';

const event = 'body.webhookEvent';
const ISSUE_EVENTS = '["jira:issue_created", "jira:issue_updated", "jira:issue_deleted"]';
const COMMENT_EVENTS = '["comment_created", "comment_updated", "comment_deleted"]';
/** A customer request is the Jira issue one of whose fields is JSM's request type field. */
const IS_REQUEST = '$count(body.issue.fields.*[$exists(requestType)]) > 0';

/**
 * Jira Service Management sends Jira's webhooks: verified and identified exactly as the `jira`
 * definition does (`X-Hub-Signature: sha256=…` over the raw body, `X-Atlassian-Webhook-Identifier`).
 * Issue events become tickets (only issues that are customer requests), comment events comments
 * (`jsdPublic: false` marks an internal note). Everything else Jira sends maps to nothing here.
 */
export const jsmWebhooks: WebhookDefinition = {
  verification: jiraWebhooks.verification,
  deliveryIdHeader: jiraWebhooks.deliveryIdHeader,
  ignore: `$not(${event} in ${ISSUE_EVENTS} or ${event} in ${COMMENT_EVENTS})
    or (${event} in ${ISSUE_EVENTS} and $not(${IS_REQUEST}))`,
  events: [
    {
      description: 'jira:issue_created / jira:issue_updated / jira:issue_deleted of a customer request',
      match: `${event} in ${ISSUE_EVENTS}`,
      resource: 'tickets',
      action: `$substringAfter(${event}, "jira:issue_")`,
      object: 'body.issue',
    },
    {
      description: 'comment_created / comment_updated / comment_deleted (public replies and internal notes)',
      match: `${event} in ${COMMENT_EVENTS}`,
      resource: 'comments',
      action: `$substringAfter(${event}, "comment_")`,
      object: 'body.comment',
    },
  ],
};
