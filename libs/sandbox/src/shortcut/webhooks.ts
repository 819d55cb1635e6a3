/**
 * The bodies of Shortcut's outgoing webhooks (v1): one change set, its `actions` (what changed, with
 * `changes: {field: {old, new}}` on updates), the entities they mention in `references`, a UUID `id`.
 */
import { createHmac } from 'node:crypto';
import { newDeliveryUuid } from '../kit/delivery-ids';
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { MEMBER } from './seed';

type Verb = 'create' | 'update' | 'delete';
const VERB: Record<string, Verb> = { created: 'create', updated: 'update', deleted: 'delete' };

/** Fields a story action reports when they change. */
const TRACKED = [
  'name',
  'description',
  'workflow_state_id',
  'owner_ids',
  'label_ids',
  'epic_id',
  'iteration_id',
  'group_id',
  'deadline',
  'story_type',
  'archived',
  'requested_by_id',
];

function envelope(
  primary: unknown,
  actions: ProviderObject[],
  references: ProviderObject[],
  ctx: EmulatorContext,
) {
  return {
    id: newDeliveryUuid(),
    changed_at: ctx.now().replace(/\.\d{3}Z$/, 'Z'),
    version: 'v1',
    primary_id: primary,
    member_id: MEMBER.amara,
    actions,
    references,
  };
}

function changes(before: ProviderObject, after: ProviderObject): ProviderObject {
  const out: ProviderObject = {};
  for (const field of TRACKED)
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      out[field] = { old: before[field] ?? null, new: after[field] ?? null };
  return out;
}

const storyAction = (s: ProviderObject, verb: Verb): ProviderObject => ({
  id: s.id,
  entity_type: 'story',
  action: verb,
  name: s.name,
  story_type: s.story_type,
  app_url: s.app_url,
});

export function storyWebhook(
  action: 'created' | 'updated' | 'deleted',
  s: ProviderObject,
  ctx: EmulatorContext,
  before?: ProviderObject,
) {
  const verb = VERB[action];
  const body: ProviderObject = { ...storyAction(s, verb) };
  if (verb === 'create')
    Object.assign(body, {
      description: s.description,
      workflow_state_id: s.workflow_state_id,
      owner_ids: s.owner_ids,
      requested_by_id: s.requested_by_id,
      label_ids: s.label_ids,
      position: s.position,
    });
  if (verb === 'update' && before) body.changes = changes(before, s);
  return envelope(s.id, [body], [], ctx);
}

export function commentWebhook(
  action: 'created' | 'updated' | 'deleted',
  c: ProviderObject,
  ctx: EmulatorContext,
  before?: ProviderObject,
) {
  const verb = VERB[action];
  const story = ctx.find('stories', (s) => s.id === c.story_id);
  const commentAction: ProviderObject = {
    id: c.id,
    entity_type: 'story-comment',
    action: verb,
    app_url: c.app_url,
    ...(verb === 'delete' ? {} : { text: c.text, author_id: c.author_id }),
    ...(verb === 'update' && before ? { changes: { text: { old: before.text, new: c.text } } } : {}),
  };
  const actions = [commentAction];
  const references: ProviderObject[] = [];
  if (story && verb !== 'update')
    actions.push({
      ...storyAction(story, 'update'),
      changes: { comment_ids: verb === 'create' ? { adds: [c.id] } : { removes: [c.id] } },
    });
  else if (story)
    references.push({ id: story.id, entity_type: 'story', name: story.name, app_url: story.app_url });
  return envelope(c.id, actions, references, ctx);
}

/** `Payload-Signature`: HMAC-SHA256 of the raw body with the webhook's secret, hex. */
export function signShortcutWebhook(body: Buffer, secret: string): Record<string, string> {
  return { 'payload-signature': createHmac('sha256', secret).update(body).digest('hex') };
}
