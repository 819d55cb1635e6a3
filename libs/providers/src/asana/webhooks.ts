import type { WebhookDefinition, WebhookEventMapping } from '../definition';

/** The events of a delivery about one kind of resource with one of these actions. */
const events = (kind: string, actions: string[], extra = 'true') =>
  `body.events[resource.resource_type = "${kind}" and action in ${JSON.stringify(actions)} and ${extra}]`;

const COMMENT = 'resource.resource_subtype = "comment_added"';
/** A task `added` to a section is an existing task moved to another column, not a new one. */
const INTO_SECTION = 'parent.resource_type = "section"';

/**
 * One mapping per resource and action. Asana batches events, so each mapping takes every matching
 * event of the delivery (`many`) and lets the next mapping take its own (`continue`). Events are compact
 * (gid and type only): tasks and comments are fetched; a task changed several times in one batch is
 * fetched once.
 */
function mapping(
  description: string,
  resource: string,
  selected: string,
  action: string,
  fetch: boolean,
): WebhookEventMapping {
  return {
    description,
    match: `$count(${selected}) > 0`,
    resource,
    action: `"${action}"`,
    object: fetch ? `[$distinct(${selected}.resource.gid)]` : `[${selected}.{ "gid": resource.gid }]`,
    ...(fetch ? { fetchId: '$' } : {}),
    many: true,
    continue: true,
  };
}

/**
 * Asana webhooks (POST /webhooks on a project or task). The creating request is a handshake: Asana
 * sends `X-Hook-Secret` and the receiver echoes it back, then keeps it as the secret that signs every
 * later delivery: `X-Hook-Signature` is the hex HMAC-SHA256 of the raw body. Asana sends no delivery id
 * (a retry is the same body): the ingest deduplicates on the hash of the body, whose events carry their
 * `created_at`. Heartbeats (`{"events": []}`) and events about other resources carry no change.
 */
export const asanaWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'x-hook-signature',
    encoding: 'hex',
    signedContent: [{ part: 'body' }],
  },
  handshakes: [{ kind: 'echo-header', header: 'X-Hook-Secret', adoptAsSecret: true }],
  ignore: `$count(body.events[resource.resource_type = "task"
    or (resource.resource_type = "story" and ${COMMENT})]) = 0`,
  events: [
    mapping(
      'task added (created)',
      'tickets',
      events('task', ['added'], `$not(${INTO_SECTION})`),
      'created',
      true,
    ),
    mapping(
      'task changed, undeleted, moved into a section or removed from a project (still a task)',
      'tickets',
      `body.events[resource.resource_type = "task" and (action in ["changed", "undeleted", "removed"]
        or (action = "added" and ${INTO_SECTION}))]`,
      'updated',
      true,
    ),
    mapping('task deleted', 'tickets', events('task', ['deleted']), 'deleted', false),
    mapping('comment added', 'comments', events('story', ['added'], COMMENT), 'created', true),
    mapping('comment edited', 'comments', events('story', ['changed'], COMMENT), 'updated', true),
    mapping(
      'comment deleted',
      'comments',
      events('story', ['deleted', 'removed'], COMMENT),
      'deleted',
      false,
    ),
  ],
};
