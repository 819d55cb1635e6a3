import type { WebhookDefinition } from '../definition';

const event = `headers.'x-github-event'`;
const CRUD_ACTION = `{ "created": "created", "edited": "updated", "deleted": "deleted" }.$lookup($, $$.body.action)`;
/** `owner/name` before a rename or transfer: the workspace id that stopped existing. */
const FORMER_FULL_NAME = `(
  $from := body.changes.owner.from;
  $owner := $from ? ($from.organization ? $from.organization.login : $from.user.login) : body.repository.owner.login;
  $name := body.changes.repository.name.from ? body.changes.repository.name.from : body.repository.name;
  { "full_name": $owner & "/" & $name }
)`;

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
  // A repository hook for issues, their comments and the repository's labels, milestones, collaborators and
  // teams, signed with the connection's own secret (organization and team events come with an org hook or an app).
  registration: {
    create: {
      path: '"/repos/" & settings.owner & "/" & settings.repo & "/hooks"',
      body:
        '{"name": "web", "active": true, "events": ["issues", "issue_comment", "label", "milestone", "member", "repository", "team_add"], ' +
        '"config": {"url": url, "content_type": "json", "secret": secret, "insecure_ssl": "0"}}',
      hookId: '$string(body.id)',
    },
    get: { path: '"/repos/" & settings.owner & "/" & settings.repo & "/hooks/" & hookId' },
    remove: { path: '"/repos/" & settings.owner & "/" & settings.repo & "/hooks/" & hookId' },
  },
  deliveryIdHeader: 'x-github-delivery',
  // Pings carry no change; pull requests are not tickets (GitHub reports their comments as issue_comment);
  // an invitation to an organization is not a member yet; a membership ended by its team's deletion is told
  // by the team's own `deleted` event (this one names the team without its slug, our id).
  ignore: `${event} = "ping" or (${event} in ["issues", "issue_comment"] and $exists(body.issue.pull_request)) or (${event} = "organization" and body.action = "member_invited") or (${event} = "membership" and body.team.deleted = true)`,
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
      action: CRUD_ACTION,
      object: 'body.comment',
    },
    {
      description: 'label: created, edited, deleted (repository labels are tags)',
      match: `${event} = "label" and body.action in ["created", "edited", "deleted"]`,
      resource: 'tags',
      action: CRUD_ACTION,
      object: 'body.label',
    },
    {
      description: 'milestone: created, edited, opened, closed, deleted (milestones are collections)',
      match: `${event} = "milestone"`,
      resource: 'collections',
      action: `body.action = "created" ? "created" : body.action = "deleted" ? "deleted" : "updated"`,
      object: 'body.milestone',
    },
    {
      description:
        'member: added, edited, removed (a collaborator joins or leaves the repository: the users who can be assigned)',
      match: `${event} = "member" and body.action in ["added", "edited", "removed"]`,
      resource: 'users',
      action: `{ "added": "created", "edited": "updated", "removed": "deleted" }.$lookup($, $$.body.action)`,
      object: 'body.member',
    },
    {
      description:
        'repository: renamed, transferred (the id owner/name changes): the former id is gone, then the new one below',
      match: `${event} = "repository" and body.action in ["renamed", "transferred"]`,
      resource: 'workspaces',
      action: '"deleted"',
      object: FORMER_FULL_NAME,
      continue: true,
    },
    {
      description:
        'repository: created, deleted, renamed/transferred (under the new id), edited, archived, unarchived, publicized, privatized',
      match: `${event} = "repository"`,
      resource: 'workspaces',
      action: `body.action in ["created", "renamed", "transferred"] ? "created" : body.action = "deleted" ? "deleted" : "updated"`,
      object: 'body.repository',
    },
    {
      description:
        'organization: renamed (the id is the login): the former login is gone, then the new one below',
      match: `${event} = "organization" and body.action = "renamed"`,
      resource: 'organizations',
      action: '"deleted"',
      object: '{ "login": body.changes.login.from }',
      continue: true,
    },
    {
      description: 'organization: renamed (under the new login), deleted',
      match: `${event} = "organization" and body.action in ["renamed", "deleted"]`,
      resource: 'organizations',
      action: `body.action = "deleted" ? "deleted" : "created"`,
      object: 'body.organization',
    },
    {
      description:
        "organization: member_added, member_removed (the member's roles in the organization changed)",
      match: `${event} = "organization" and body.action in ["member_added", "member_removed"]`,
      resource: 'users',
      action: '"updated"',
      object: 'body.membership.user',
    },
    {
      description: 'team: created, deleted, edited, added_to_repository, removed_from_repository',
      match: `${event} = "team"`,
      resource: 'teams',
      action: `body.action = "created" ? "created" : body.action = "deleted" ? "deleted" : "updated"`,
      object: 'body.team',
    },
    {
      description:
        'membership (a member added to or removed from a team) and team_add (a team given this repository)',
      match: `${event} in ["membership", "team_add"] and $exists(body.team)`,
      resource: 'teams',
      action: '"updated"',
      object: 'body.team',
    },
  ],
};
