import type { WebhookDefinition } from '../definition';

const event = 'body.webhookEvent';
const ISSUE_EVENT = `${event} in ["jira:issue_created", "jira:issue_updated", "jira:issue_deleted"]`;
const ISSUE_ACTION = String.raw`$substringAfter(${event}, "jira:issue_")`;
/** Project events that are not `updated` (archived and restored_archived change only its state). */
const PROJECT_ACTIONS =
  '{ "project_created": "created", "project_restored_deleted": "created", "project_deleted": "deleted", "project_soft_deleted": "deleted" }';
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
  // Worklogs, issue links, properties, sprints, boards, versions, filters, configuration options and app
  // access are not unified resources (docs/providers/jira.md): declared drops, not dead letters.
  ignore: `$contains(${event}, /^(worklog_|jira:worklog_|issuelink_|issue_property_|sprint_|board_|jira:version_|filter_|option_|app_access_|jira_expression_)/)`,
  events: [
    {
      description:
        'jira:issue_created / jira:issue_updated / jira:issue_deleted (epics and sub-tasks included)',
      match: ISSUE_EVENT,
      resource: 'tickets',
      action: ISSUE_ACTION,
      object: 'body.issue',
      // An epic is also a collection and a sub-task also a task: their mappings below add those changes.
      continue: true,
    },
    {
      description: 'the same issue events for an epic: the collection changed too',
      match: `${ISSUE_EVENT} and (body.issue.fields.issuetype.hierarchyLevel = 1 or body.issue.fields.issuetype.name = "Epic")`,
      resource: 'collections',
      action: ISSUE_ACTION,
      object: 'body.issue',
    },
    {
      description: 'the same issue events for a sub-task: the task changed too',
      match: `${ISSUE_EVENT} and body.issue.fields.issuetype.subtask = true`,
      resource: 'tasks',
      action: ISSUE_ACTION,
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
      description:
        'project_created / project_updated / project_deleted; project_soft_deleted (to the trash, where our ' +
        'delete puts it) is a deletion and project_restored_deleted a creation; archiving is an update',
      match: `$substringBefore(${event}, "_") = "project"`,
      resource: 'workspaces',
      action: `($a := $lookup(${PROJECT_ACTIONS}, ${event}); $a ? $a : "updated")`,
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
      description:
        'issuetype_created / issuetype_updated / issuetype_deleted (the payload names it issueType)',
      match: `${event} in ["issuetype_created", "issuetype_updated", "issuetype_deleted"]`,
      resource: 'ticket_types',
      action: ACTION,
      object: 'body.issueType',
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
