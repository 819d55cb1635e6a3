import type { WebhookDefinition, WebhookEventMapping } from '../definition';

/** The actions of a delivery about one kind of entity and one verb. */
const actions = (entity: string, verb: string) =>
  `body.actions[entity_type = "${entity}" and action = "${verb}"]`;
const has = (entity: string, verb: string) => `$count(${actions(entity, verb)}) > 0`;
const ACTION: Record<string, string> = { create: 'created', update: 'updated', delete: 'deleted' };

/**
 * A comment action names no story: the story's own action in the same delivery lists the comment in
 * `changes.comment_ids` (`adds` on create, `removes` on delete); an edit has no story action, and the
 * story is among the delivery's `references`.
 */
const commentWithStory = (verb: string) => `[
  (
    $all := body.actions;
    $referenced := body.references[entity_type = "story"][0].id;
    ${actions('story-comment', verb)}.(
      $c := $;
      $story := $all[entity_type = "story" and ($c.id in changes.comment_ids.adds or $c.id in changes.comment_ids.removes)][0].id;
      $merge([$c, { "story_id": $story ? $story : $referenced }])
    )
  )
]`;

const storyEvents: WebhookEventMapping[] = ['create', 'update', 'delete'].map((verb) => ({
  description: `story ${verb}: ${verb === 'delete' ? 'the story is gone' : 'the changed story, fetched (actions carry only what changed)'}`,
  match: has('story', verb),
  resource: 'tickets',
  action: `"${ACTION[verb]}"`,
  object: `[${actions('story', verb)}.{ "id": id }]`,
  many: true,
  ...(verb === 'delete' ? {} : { fetchId: '$string(id)' }),
  continue: true,
}));

const commentEvents: WebhookEventMapping[] = ['create', 'update', 'delete'].map((verb) => ({
  description: `story-comment ${verb}: the comment action (its text and author) with its story`,
  match: has('story-comment', verb),
  resource: 'comments',
  action: `"${ACTION[verb]}"`,
  object: commentWithStory(verb),
  many: true,
  continue: true,
}));

/**
 * Shortcut outgoing webhooks (Settings > Integrations > Webhooks): one POST per change set, its
 * `actions` about stories, comments, tasks, epics and more, signed when the webhook has a secret with
 * `Payload-Signature`: HMAC-SHA256 of the raw body, hex. The body's `id` (a UUID) names the delivery;
 * Shortcut sends no timestamp header (`changed_at` is in the body). Actions about anything but stories
 * and their comments (tasks, epics, labels, branches …) carry no unified change.
 */
export const shortcutWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'payload-signature',
    encoding: 'hex',
    signedContent: [{ part: 'body' }],
  },
  deliveryId: 'body.id',
  ignore: `$count(body.actions[entity_type in ["story", "story-comment"]]) = 0`,
  events: [...storyEvents, ...commentEvents],
};
