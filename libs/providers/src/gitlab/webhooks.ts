import type { WebhookDefinition } from '../definition';
import { PROJECT } from './shared.mapping';

// The payload names its kind (`object_kind`); `X-Gitlab-Event` says the same and adds nothing.
const kind = `body.object_kind`;

/**
 * Project webhooks (https://docs.gitlab.com/user/project/integrations/webhook_events/). GitLab signs
 * nothing: the hook's secret token comes back in clear in `X-Gitlab-Token`, compared in constant time.
 * `Idempotency-Key` stays the same across GitLab's retries of one delivery. GitLab sends no hook when an
 * issue or a note is deleted.
 */
export const gitlabWebhooks: WebhookDefinition = {
  verification: { scheme: 'shared-secret', header: 'x-gitlab-token' },
  // A project hook for issues and their notes; its token is the connection's secret.
  registration: {
    create: {
      path: `${PROJECT} & "/hooks"`,
      body: '{"url": url, "token": secret, "issues_events": true, "confidential_issues_events": true, "note_events": true, "confidential_note_events": true, "push_events": false, "enable_ssl_verification": true}',
      hookId: '$string(body.id)',
    },
    get: { path: `${PROJECT} & "/hooks/" & hookId` },
    remove: { path: `${PROJECT} & "/hooks/" & hookId` },
  },
  deliveryIdHeader: 'idempotency-key',
  // Comments on merge requests, commits and snippets are not about tickets.
  ignore: `${kind} = "note" and body.object_attributes.noteable_type != "Issue"`,
  events: [
    {
      description: 'Issue Hook (and Confidential Issue Hook): open, close, reopen, update',
      match: `${kind} = "issue"`,
      resource: 'tickets',
      action: `body.object_attributes.action = "open" ? "created" : "updated"`,
      object: `$merge([body.object_attributes, { "project_id": body.project.id ? body.project.id : body.object_attributes.project_id }])`,
    },
    {
      description: 'Note Hook (and Confidential Note Hook) on an issue: create, update',
      match: `${kind} = "note"`,
      resource: 'comments',
      action: `body.object_attributes.action = "update" ? "updated" : "created"`,
      object: `$merge([
        body.object_attributes,
        { "noteable_iid": body.issue.iid, "internal": body.object_attributes.internal = true or body.event_type = "confidential_note" }
      ])`,
    },
  ],
};
