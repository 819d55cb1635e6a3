import type { WebhookDefinition } from '../definition';

const event = 'body.webhookEvent';
const ACTION = `$lookup({ "created": "created", "updated": "updated", "deleted": "deleted" }, $match(${event}, /_(created|updated|deleted)$/).groups[0])`;

/**
 * Jira Cloud admin webhooks registered with a secret (https://developer.atlassian.com/cloud/jira/platform/webhooks/):
 * `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, no timestamp; the delivery id
 * `X-Atlassian-Webhook-Identifier` is kept across Jira's retries. Deliveries carry full objects in
 * the v2 representation (rich text as strings).
 */
export const jiraWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'x-hub-signature',
    prefix: 'sha256=',
    encoding: 'hex',
    signedContent: [{ part: 'body' }],
  },
  // Dynamic webhooks, registered by OAuth 2.0 connections only (API-token connections use admin webhooks
  // with a secret): JQL-scoped to the project, signed with a JWT made with the OAuth app's client secret,
  // expiring after 30 days unless refreshed (every check refreshes them). Jira only lists them.
  registration: {
    onlyFor: ['oauth2'],
    create: {
      path: '"/rest/api/3/webhook"',
      body:
        '{"url": url, "webhooks": [{"events": ["jira:issue_created", "jira:issue_updated", "jira:issue_deleted", ' +
        '"comment_created", "comment_updated", "comment_deleted"], ' +
        '"jqlFilter": settings.project_key ? "project = " & settings.project_key : "issuekey is not EMPTY"}]}',
      hookId: '$string(body.webhookRegistrationResult[0].createdWebhookId)',
    },
    secretIsOAuthClientSecret: true,
    verification: { scheme: 'jwt', header: 'authorization', algorithm: 'HS256', clockToleranceSeconds: 60 },
    get: {
      path: '"/rest/api/3/webhook"',
      found: 'hookId in $map(body.values, function($v) { $string($v.id) })',
    },
    remove: { path: '"/rest/api/3/webhook"', body: '{"webhookIds": [$number(hookId)]}' },
    renew: {
      method: 'PUT',
      path: '"/rest/api/3/webhook/refresh"',
      body: '{"webhookIds": [$number(hookId)]}',
    },
  },
  deliveryIdHeader: 'x-atlassian-webhook-identifier',
  // Worklogs, issue links, properties, sprints, boards and versions change nothing this definition maps.
  ignore: `$contains(${event}, /^(worklog_|jira:worklog_|issuelink_|issue_property_|sprint_|board_|jira:version_)/)`,
  events: [
    {
      description:
        'jira:issue_created / jira:issue_updated / jira:issue_deleted (epics and sub-tasks included)',
      match: `${event} in ["jira:issue_created", "jira:issue_updated", "jira:issue_deleted"]`,
      resource: 'tickets',
      action: String.raw`$substringAfter(${event}, "jira:issue_")`,
      object: 'body.issue',
    },
    {
      description:
        'comment_created / comment_updated / comment_deleted: the comment (its issue rides beside it)',
      match: `${event} in ["comment_created", "comment_updated", "comment_deleted"]`,
      resource: 'comments',
      action: ACTION,
      object: 'body.comment',
    },
    {
      description: 'project_created / project_updated / project_deleted',
      match: `${event} in ["project_created", "project_updated", "project_deleted"]`,
      resource: 'workspaces',
      action: ACTION,
      object: 'body.project',
    },
    {
      description: 'user_created / user_updated / user_deleted',
      match: `${event} in ["user_created", "user_updated", "user_deleted"]`,
      resource: 'users',
      action: ACTION,
      object: 'body.user',
    },
    {
      description: 'attachment_created / attachment_deleted',
      match: `${event} in ["attachment_created", "attachment_deleted"]`,
      resource: 'attachments',
      action: ACTION,
      object: 'body.attachment',
    },
  ],
};
