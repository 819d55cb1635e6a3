import type { WebhookDefinition } from '../definition';

const type = 'body.event.type';
const among = (names: string[]) => `${type} in ${JSON.stringify(names)}`;

const ITEM_CREATED = ['create_pulse'];
const ITEM_CHANGED = [
  'update_column_value',
  'change_column_value',
  'change_status_column_value',
  'change_specific_column_value',
  'update_name',
  'move_pulse_into_group',
  'move_pulse_into_board',
  'restore_pulse',
];
const ITEM_GONE = ['delete_pulse', 'archive_pulse'];
const UPDATES = ['create_update', 'edit_update', 'delete_update'];
const pulse = `$string(body.event.pulseId ? body.event.pulseId : body.event.itemId)`;

/**
 * monday board webhooks (created with the `create_webhook` mutation by the connection's app). monday first
 * posts `{"challenge": "…"}` and expects it echoed (`challenge`). Every delivery then carries a JWT in
 * `Authorization`, HS256-signed with the app's signing secret (the connection's webhook secret), whose
 * `aud` is the callback URL and `exp` a minute ahead; the token does not cover the body (monday signs no
 * digest of it). The delivery id is the event's `triggerUuid`. Events are thin (`boardId`, `pulseId`,
 * the changed column): items and updates are fetched.
 */
export const mondayWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'jwt',
    header: 'authorization',
    algorithm: 'HS256',
    audienceIsUrl: true,
    clockToleranceSeconds: 60,
  },
  handshakes: [{ kind: 'challenge', bodyField: 'challenge' }],
  deliveryId: 'body.event.triggerUuid',
  // Subitem, board and column events change nothing the unified model has.
  ignore: `$not(${among([...ITEM_CREATED, ...ITEM_CHANGED, ...ITEM_GONE, ...UPDATES])})`,
  events: [
    {
      description: 'delete_pulse, archive_pulse: the item is gone',
      match: `${among(ITEM_GONE)}`,
      resource: 'tickets',
      action: '"deleted"',
      object: `{ "id": ${pulse} }`,
    },
    {
      description: 'create_pulse: a new item, fetched',
      match: `${among(ITEM_CREATED)}`,
      resource: 'tickets',
      action: '"created"',
      object: `{ "id": ${pulse}, "name": body.event.pulseName }`,
      fetchId: pulse,
    },
    {
      description: `${ITEM_CHANGED.join(', ')}: a changed item, fetched`,
      match: `${among(ITEM_CHANGED)}`,
      resource: 'tickets',
      action: '"updated"',
      object: `{ "id": ${pulse} }`,
      fetchId: pulse,
    },
    {
      description: 'create_update, edit_update: the update, fetched',
      match: `${among(['create_update', 'edit_update'])} and $exists(body.event.updateId)`,
      resource: 'comments',
      action: `${type} = "create_update" ? "created" : "updated"`,
      object: `{ "id": $string(body.event.updateId), "item_id": ${pulse} }`,
      fetchId: '$string(body.event.updateId)',
    },
    {
      description: 'delete_update: the update is gone',
      match: `${type} = "delete_update" and $exists(body.event.updateId)`,
      resource: 'comments',
      action: '"deleted"',
      object: `{ "id": $string(body.event.updateId) }`,
    },
  ],
};
