import { createHmac } from 'node:crypto';
import { renderComment, renderIssue, renderIssueRef, renderUser } from './jira-render';
import type { StoredComment, StoredIssue } from './jira-model';
import type { JiraSite } from './jira-site';

/** One changelog entry of a `jira:issue_updated` delivery. */
export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/**
 * Jira admin webhooks registered with a secret: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw
 * body>`; `X-Atlassian-Webhook-Identifier` names the delivery (stable across retries).
 */
export function signJiraDelivery(
  body: Buffer,
  secret: string,
  identifier: string,
  flow: 'Primary' | 'Secondary' = 'Primary',
): Record<string, string> {
  return {
    'x-atlassian-webhook-identifier': identifier,
    'x-atlassian-webhook-flow': flow,
    'x-hub-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    'user-agent': 'Atlassian Webhook HTTP Client',
  };
}

function actor(site: JiraSite, accountId: string): Record<string, unknown> | undefined {
  const user = site.state.users.get(accountId);
  return user ? renderUser(site.render(2), user) : undefined;
}

/** `jira:issue_created` / `jira:issue_updated` / `jira:issue_deleted`, with the issue in the v2 representation. */
export function issueDelivery(
  site: JiraSite,
  event: 'created' | 'updated' | 'deleted',
  issue: StoredIssue,
  accountId: string,
  change?: { eventTypeName: string; items: ChangeItem[]; comment?: StoredComment },
): Record<string, unknown> {
  const ctx = site.render(2);
  return {
    timestamp: site.state.nowMs(),
    webhookEvent: `jira:issue_${event}`,
    ...(event === 'deleted' ? {} : { issue_event_type_name: change?.eventTypeName ?? `issue_${event}` }),
    user: actor(site, accountId),
    issue: renderIssue(ctx, issue),
    ...(change?.comment ? { comment: renderComment(ctx, change.comment) } : {}),
    ...(event === 'deleted' ? {} : { changelog: { id: site.state.nextId(), items: change?.items ?? [] } }),
  };
}

/** `comment_created` / `comment_updated` / `comment_deleted`: the comment and a slim issue beside it. */
export function commentDelivery(
  site: JiraSite,
  event: 'created' | 'updated' | 'deleted',
  comment: StoredComment,
  issue: StoredIssue,
): Record<string, unknown> {
  const ctx = site.render(2);
  const slim = renderIssueRef(ctx, issue);
  const full = renderIssue(ctx, issue).fields as Record<string, unknown>;
  return {
    timestamp: site.state.nowMs(),
    webhookEvent: `comment_${event}`,
    comment: renderComment(ctx, comment),
    issue: {
      ...slim,
      fields: { ...(slim.fields as object), assignee: full.assignee, project: full.project },
    },
  };
}
