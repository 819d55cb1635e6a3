/**
 * Trello cards and comment actions as the emulator serves and writes them: the joined `labels` and
 * `badges` of a card, the attributes Trello reads from a write's query string (or form/JSON body), and
 * the action objects its webhooks carry (`createCard`, `updateCard`, `deleteCard`, `commentCard`,
 * `updateComment`, `deleteComment`).
 */
import { ProviderValidationError, type EmulatorContext, type ProviderObject } from '../kit/described';
import { BOARD_ID, MEMBER_IDS, TRELLO_KIND, trelloId } from './seed';
import { cardObject } from './seed-cards';

let sequence = 0x100000;
/** A new object id: the emulator clock's seconds, then the kind and a sequence, as Trello's ids are built. */
export const newTrelloId = (ctx: EmulatorContext, kind: number) => trelloId(ctx.now(), kind, ++sequence);

/** The card as Trello serves it: label objects joined, badges counted, checklists listed. */
export function renderCard(card: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const comments = ctx.records('actions').filter((a) => a.idCard === card.id && a.type === 'commentCard');
  const checklists = ctx.records('checklists').filter((c) => c.idCard === card.id);
  const items = checklists.flatMap((c) => c.checkItems as ProviderObject[]);
  return {
    ...card,
    idChecklists: checklists.map((c) => c.id),
    labels: (card.idLabels as string[])
      .map((id) => ctx.find('labels', (l) => l.id === id))
      .filter((l): l is ProviderObject => l !== undefined)
      .map(({ uses: _uses, ...l }) => l),
    badges: {
      attachmentsByType: { trello: { board: 0, card: 0 } },
      location: false,
      votes: 0,
      viewingMemberVoted: false,
      subscribed: false,
      fogbugz: '',
      checkItems: items.length,
      checkItemsChecked: items.filter((i) => i.state === 'complete').length,
      comments: comments.length,
      attachments: 0,
      description: card.desc !== '',
      due: card.due,
      start: card.start,
      dueComplete: card.dueComplete,
    },
  };
}

/** Comment actions carry the card they are on as `idCard` in the store only (Trello's have `data.card`). */
export const renderAction = ({ idCard: _card, ...action }: ProviderObject) => action;

const list = (value: unknown) =>
  Array.isArray(value)
    ? value.map(String)
    : String(value)
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

/** The attributes of a card write: Trello reads them from the query string as much as from the body. */
export function cardAttributes(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const given: ProviderObject = { ...ctx.query, ...input };
  const out: ProviderObject = {};
  for (const key of ['name', 'desc'] as const) if (given[key] !== undefined) out[key] = String(given[key]);
  for (const key of ['due', 'start'] as const)
    if (given[key] !== undefined) {
      const value =
        given[key] === null || given[key] === '' || given[key] === 'null' ? null : String(given[key]);
      if (value !== null && Number.isNaN(Date.parse(value)))
        throw new ProviderValidationError(`invalid value for ${key}`);
      out[key] = value === null ? null : new Date(value).toISOString();
    }
  for (const key of ['closed', 'dueComplete'] as const)
    if (given[key] !== undefined) out[key] = given[key] === true || given[key] === 'true';
  if (given.idList !== undefined) {
    const target = ctx.find('lists', (l) => l.id === given.idList);
    if (!target) throw new ProviderValidationError('invalid value for idList');
    out.idList = target.id;
    out.idBoard = target.idBoard;
  }
  if (given.idMembers !== undefined) {
    const ids = list(given.idMembers);
    if (ids.some((id) => !ctx.find('members', (m) => m.id === id)))
      throw new ProviderValidationError('invalid value for idMembers');
    out.idMembers = ids;
  }
  if (given.idLabels !== undefined) {
    const ids = list(given.idLabels);
    if (ids.some((id) => !ctx.find('labels', (l) => l.id === id)))
      throw new ProviderValidationError('invalid value for idLabels');
    out.idLabels = ids;
  }
  return out;
}

/** A new card: `idList` is the one thing Trello insists on. */
export function createCard(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const attributes = cardAttributes(input, ctx);
  if (attributes.idList === undefined) throw new ProviderValidationError('invalid value for idList');
  // Trello's own clients never make a card without a name; the emulator refuses one (docs/providers/trello.md).
  if (typeof attributes.name !== 'string' || attributes.name.trim() === '')
    throw new ProviderValidationError('invalid value for name');
  const id = newTrelloId(ctx, TRELLO_KIND.card);
  const idShort = 1 + Math.max(0, ...ctx.records('cards').map((c) => Number(c.idShort)));
  const list = ctx.find('lists', (l) => l.id === attributes.idList)!;
  return cardObject(
    { id, idShort, shortLink: id.slice(-8), createdAt: ctx.now(), idBoard: String(list.idBoard) },
    attributes,
  );
}

export function newComment(card: ProviderObject, text: string, ctx: EmulatorContext): ProviderObject {
  const list = ctx.find('lists', (l) => l.id === card.idList);
  return {
    id: newTrelloId(ctx, TRELLO_KIND.action),
    idMemberCreator: MEMBER_IDS[0],
    idCard: card.id,
    data: {
      text,
      textData: { emoji: {} },
      card: { id: card.id, name: card.name, idShort: card.idShort, shortLink: card.shortLink },
      board: boardRef(ctx),
      list: { id: card.idList, name: list?.name },
    },
    appCreator: null,
    type: 'commentCard',
    date: ctx.now(),
    limits: {},
  };
}

function boardRef(ctx: EmulatorContext) {
  const board = ctx.find('boards', (b) => b.id === BOARD_ID)!;
  return { id: board.id, name: board.name, shortLink: board.shortLink };
}

/** The member Trello embeds as an action's `memberCreator`. */
function memberCreator(ctx: EmulatorContext, id: unknown) {
  const m = ctx.find('members', (r) => r.id === id);
  return (
    m && {
      id: m.id,
      fullName: m.fullName,
      initials: m.initials,
      username: m.username,
      avatarUrl: m.avatarUrl,
    }
  );
}

/**
 * A webhook delivery: `{action, model, webhook}`, the action as Trello records it (its id is unique per
 * change), the model the webhook watches (the board), the webhook itself.
 */
function delivery(ctx: EmulatorContext, type: string, data: ProviderObject, id?: string): ProviderObject {
  const board = ctx.find('boards', (b) => b.id === BOARD_ID)!;
  return {
    action: {
      id: id ?? newTrelloId(ctx, TRELLO_KIND.action),
      idMemberCreator: MEMBER_IDS[0],
      data: { ...data, board: boardRef(ctx) },
      appCreator: null,
      type,
      date: ctx.now(),
      limits: {},
      display: { translationKey: `action_${type.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}` },
      memberCreator: memberCreator(ctx, MEMBER_IDS[0]),
    },
    model: { id: board.id, name: board.name, desc: board.desc, closed: board.closed, url: board.url },
    webhook: {
      id: '675a0b1c2d3e4f5061728394',
      description: 'Unified ticketing',
      idModel: board.id,
      active: true,
      consecutiveFailures: 0,
      firstConsecutiveFailDate: null,
    },
  };
}

const cardRef = (card: ProviderObject) => ({
  id: card.id,
  name: card.name,
  idShort: card.idShort,
  shortLink: card.shortLink,
});

export function cardWebhook(
  action: 'created' | 'updated' | 'deleted',
  card: ProviderObject,
  ctx: EmulatorContext,
  before?: ProviderObject,
): ProviderObject {
  const list = ctx.find('lists', (l) => l.id === card.idList);
  const listRef = { id: card.idList, name: list?.name };
  if (action === 'created') return delivery(ctx, 'createCard', { card: cardRef(card), list: listRef });
  if (action === 'deleted')
    return delivery(ctx, 'deleteCard', {
      card: { id: card.id, idShort: card.idShort, shortLink: card.shortLink },
      list: listRef,
    });
  const changed = Object.keys(card).filter(
    (k) => JSON.stringify(card[k]) !== JSON.stringify(before?.[k]) && k !== 'dateLastActivity',
  );
  const old = Object.fromEntries(changed.map((k) => [k, before?.[k]]));
  const moved = before && before.idList !== card.idList;
  const from = moved ? ctx.find('lists', (l) => l.id === before.idList) : undefined;
  return delivery(ctx, 'updateCard', {
    card: { ...cardRef(card), ...Object.fromEntries(changed.map((k) => [k, card[k]])) },
    old,
    ...(moved ? { listBefore: { id: from?.id, name: from?.name }, listAfter: listRef } : { list: listRef }),
  });
}

export function commentWebhook(
  action: 'created' | 'updated' | 'deleted',
  comment: ProviderObject,
  ctx: EmulatorContext,
  before?: ProviderObject,
): ProviderObject {
  const data = comment.data as ProviderObject;
  // A new comment's delivery is the comment action itself; edits and deletions are actions about it.
  if (action === 'created') {
    const { action: created, ...rest } = delivery(ctx, 'commentCard', data, String(comment.id));
    return { ...rest, action: { ...(created as ProviderObject), date: comment.date } };
  }
  const about = { id: comment.id, ...(action === 'updated' ? { text: data.text } : {}) };
  return delivery(ctx, action === 'updated' ? 'updateComment' : 'deleteComment', {
    action: about,
    card: data.card,
    ...(action === 'updated' ? { old: { text: (before?.data as ProviderObject | undefined)?.text } } : {}),
  });
}
