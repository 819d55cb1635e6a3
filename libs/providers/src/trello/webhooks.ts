import type { WebhookDefinition } from '../definition';

const type = 'body.action.type';
const card = 'body.action.data.card';

/** Actions that create a card on the watched board, change one, or take one off it. */
const CARD_CREATED = ['createCard', 'copyCard', 'convertToCardFromCheckItem', 'moveCardToBoard', 'emailCard'];
const CARD_UPDATED = [
  'updateCard',
  'addLabelToCard',
  'removeLabelFromCard',
  'addMemberToCard',
  'removeMemberFromCard',
  'addChecklistToCard',
  'removeChecklistFromCard',
  'updateCheckItemStateOnCard',
  'addAttachmentToCard',
  'deleteAttachmentFromCard',
];
const CARD_GONE = ['deleteCard', 'moveCardFromBoard'];
const LABEL = ['createLabel', 'updateLabel', 'deleteLabel'];
const COMMENT = ['commentCard', 'updateComment', 'deleteComment'];

const among = (names: string[]) => `${type} in ${JSON.stringify(names)}`;

/**
 * Trello webhooks (one per watched board, created with `POST /webhooks`): Trello first checks the
 * callback URL with a `HEAD`, which must answer 200; each delivery `{action, model, webhook}` is signed in
 * `X-Trello-Webhook`, the base64 HMAC-SHA1 of the body followed by the callback URL, keyed with the
 * application's secret (the connection's webhook secret). Trello sends no timestamp and no delivery id
 * header: the action's id is unique per change and is the delivery id. Card actions carry only the card's
 * id and changed fields, so the card is fetched; comment actions carry the whole comment.
 */
export const trelloWebhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha1',
    signatureHeader: 'x-trello-webhook',
    encoding: 'base64',
    signedContent: [{ part: 'body' }, { part: 'url' }],
  },
  handshakes: [{ kind: 'head-ok' }],
  deliveryId: 'body.action.id',
  // Board, list and member actions (renames, moves of lists, votes…) change nothing the unified model has.
  ignore: `$not(${among([...CARD_CREATED, ...CARD_UPDATED, ...CARD_GONE, ...LABEL, ...COMMENT])})`,
  events: [
    {
      description: 'deleteCard, moveCardFromBoard: the card is gone from the board',
      match: `${among(CARD_GONE)} and $exists(${card}.id)`,
      resource: 'tickets',
      action: '"deleted"',
      object: `{ "id": ${card}.id }`,
    },
    {
      description: `${CARD_CREATED.join(', ')}: a new card, fetched`,
      match: `${among(CARD_CREATED)} and $exists(${card}.id)`,
      resource: 'tickets',
      action: '"created"',
      object: card,
      fetchId: `${card}.id`,
    },
    {
      description: `${CARD_UPDATED.join(', ')}: a changed card, fetched`,
      match: `${among(CARD_UPDATED)} and $exists(${card}.id)`,
      resource: 'tickets',
      action: '"updated"',
      object: card,
      fetchId: `${card}.id`,
    },
    {
      description: 'commentCard: the action is the new comment',
      match: `${type} = "commentCard"`,
      resource: 'comments',
      action: '"created"',
      object: 'body.action',
    },
    {
      description: 'updateComment: the edited comment (data.action), fetched',
      match: `${type} = "updateComment" and $exists(body.action.data.action.id)`,
      resource: 'comments',
      action: '"updated"',
      object: 'body.action.data.action',
      fetchId: 'body.action.data.action.id',
    },
    {
      description: 'deleteComment: the comment (data.action) is gone',
      match: `${type} = "deleteComment" and $exists(body.action.data.action.id)`,
      resource: 'comments',
      action: '"deleted"',
      object: '{ "id": body.action.data.action.id }',
    },
    {
      description: 'createLabel, updateLabel, deleteLabel: the label (data.label)',
      match: `${among(LABEL)} and $exists(body.action.data.label.id)`,
      resource: 'tags',
      action: `$lookup({ "createLabel": "created", "updateLabel": "updated", "deleteLabel": "deleted" }, ${type})`,
      object: 'body.action.data.label',
    },
  ],
};
