import type { WebhookDefinition } from '../definition';

const event = `headers.'x-github-event'`;

/** GitHub repository webhooks: https://docs.github.com/en/webhooks/webhook-events-and-payloads */
export const githubWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'x-hub-signature-256',
    prefix: 'sha256=',
    encoding: 'hex',
    signedContent: [{ part: 'body' }],
  },
  // A repository hook for issues and their comments, signed with the connection's own secret.
  registration: {
    create: {
      path: '"/repos/" & settings.owner & "/" & settings.repo & "/hooks"',
      body: '{"name": "web", "active": true, "events": ["issues", "issue_comment"], "config": {"url": url, "content_type": "json", "secret": secret, "insecure_ssl": "0"}}',
      hookId: '$string(body.id)',
    },
    get: { path: '"/repos/" & settings.owner & "/" & settings.repo & "/hooks/" & hookId' },
    remove: { path: '"/repos/" & settings.owner & "/" & settings.repo & "/hooks/" & hookId' },
  },
  deliveryIdHeader: 'x-github-delivery',
  // Pings carry no change; pull requests are not tickets (GitHub reports their comments as issue_comment).
  ignore: `${event} = "ping" or (${event} in ["issues", "issue_comment"] and $exists(body.issue.pull_request))`,
  events: [
    {
      description:
        'issues: opened, edited, closed, reopened, (un)assigned, (un)labeled, deleted, transferred, ...',
      match: `${event} = "issues"`,
      resource: 'tickets',
      // A transferred issue leaves this repository: for this connection it is gone.
      action: `body.action = "opened" ? "created" : body.action in ["deleted", "transferred"] ? "deleted" : "updated"`,
      object: 'body.issue',
    },
    {
      description: 'issue_comment: created, edited, deleted',
      match: `${event} = "issue_comment" and body.action in ["created", "edited", "deleted"]`,
      resource: 'comments',
      action: `{ "created": "created", "edited": "updated", "deleted": "deleted" }.$lookup($, $$.body.action)`,
      object: 'body.comment',
    },
    {
      description: 'label: created, edited, deleted (repository labels are tags)',
      match: `${event} = "label" and body.action in ["created", "edited", "deleted"]`,
      resource: 'tags',
      action: `{ "created": "created", "edited": "updated", "deleted": "deleted" }.$lookup($, $$.body.action)`,
      object: 'body.label',
    },
    {
      description: 'milestone: created, edited, opened, closed, deleted (milestones are collections)',
      match: `${event} = "milestone"`,
      resource: 'collections',
      action: `body.action = "created" ? "created" : body.action = "deleted" ? "deleted" : "updated"`,
      object: 'body.milestone',
    },
  ],
};
