/**
 * The Support Desk board's cards, their comment actions, custom fields and checklists, shaped after the
 * Card, Action, CustomField and Checklist objects of Trello's REST v1 description. Cards are stored
 * without `labels` and `badges` (the emulator derives them from idLabels, comments and checklists).
 */
import type { ProviderObject } from '../kit/described';
import { BOARD_ID, LABEL_IDS, LIST_IDS, MEMBER_IDS, TRELLO_KIND, TRELLO_WEB, trelloId } from './seed';

const shortLinkOf = (n: number) => `c${n}Xq7Lm${String.fromCharCode(96 + n)}`;

/** A card as Trello stores a fresh one: what identifies it, then Trello's defaults, then `fields`. */
export function cardObject(
  identity: { id: string; idShort: number; shortLink: string; createdAt: string; idBoard: string },
  fields: Partial<ProviderObject>,
): ProviderObject {
  const { id, idShort, shortLink, createdAt, idBoard } = identity;
  const name = String(fields.name ?? '');
  return {
    id,
    address: null,
    checkItemStates: [],
    closed: false,
    coordinates: null,
    creationMethod: null,
    dateLastActivity: createdAt,
    desc: '',
    descData: { emoji: {} },
    due: null,
    dueReminder: null,
    idBoard,
    idChecklists: [],
    idLabels: [],
    idMembers: [],
    idMembersVoted: [],
    idShort,
    idAttachmentCover: null,
    locationName: null,
    manualCoverAttachment: false,
    name,
    pos: idShort * 16384,
    shortLink,
    shortUrl: `${TRELLO_WEB}/c/${shortLink}`,
    start: null,
    subscribed: false,
    url: `${TRELLO_WEB}/c/${shortLink}/${idShort}-${name.toLowerCase().replace(/\W+/g, '-')}`,
    dueComplete: false,
    cover: {
      idAttachment: null,
      color: null,
      idUploadedBackground: null,
      size: 'normal',
      brightness: 'dark',
    },
    ...fields,
  };
}

const card = (
  n: number,
  createdAt: string,
  name: string,
  fields: Partial<ProviderObject> & { idList: string },
) =>
  cardObject(
    {
      id: trelloId(createdAt, TRELLO_KIND.card, n),
      idShort: n,
      shortLink: shortLinkOf(n),
      createdAt,
      idBoard: BOARD_ID,
    },
    { name, ...fields },
  );

export const trelloCards = (): ProviderObject[] => [
  card(1, '2025-03-03T09:12:00.000Z', 'Cannot log in after password reset', {
    idList: LIST_IDS.doing,
    desc: 'Customer reports the reset link loops back to the login page.',
    idMembers: [MEMBER_IDS[0]],
    idLabels: [LABEL_IDS[0], LABEL_IDS[3]],
    due: '2025-03-07T17:00:00.000Z',
    dateLastActivity: '2025-03-04T15:20:00.000Z',
  }),
  card(2, '2025-03-04T10:00:00.000Z', 'Invoice shows the wrong VAT rate', {
    idList: LIST_IDS.todo,
    desc: 'Invoices for Germany use 16 % instead of 19 %.',
    idLabels: [LABEL_IDS[1]],
    dateLastActivity: '2025-03-04T11:00:00.000Z',
  }),
  card(3, '2025-03-05T08:45:00.000Z', 'How do I export my data?', {
    idList: LIST_IDS.review,
    idMembers: [MEMBER_IDS[1]],
    idLabels: [LABEL_IDS[2]],
  }),
  card(4, '2025-03-06T14:30:00.000Z', 'Dashboard loads slowly', {
    idList: LIST_IDS.done,
    idMembers: [MEMBER_IDS[0], MEMBER_IDS[2]],
    due: '2025-03-10T12:00:00.000Z',
    dueComplete: true,
    dateLastActivity: '2025-03-10T09:00:00.000Z',
  }),
  card(5, '2025-03-07T16:00:00.000Z', 'Add SSO for the Enterprise plan', { idList: LIST_IDS.todo }),
  card(6, '2025-03-08T09:00:00.000Z', 'Mobile app crashes on start', {
    idList: LIST_IDS.doing,
    idLabels: [LABEL_IDS[0]],
  }),
  card(7, '2025-03-09T09:00:00.000Z', 'Refund request #4411', {
    idList: LIST_IDS.done,
    idLabels: [LABEL_IDS[1]],
    dueComplete: true,
  }),
  // Archived: read by id, not listed with the board's open cards.
  card(8, '2025-03-10T09:00:00.000Z', 'Duplicate of the login issue', {
    idList: LIST_IDS.done,
    closed: true,
  }),
];

const CARDS = trelloCards();

/** A comment action (`commentCard`) as `GET /cards/{id}/actions` returns it. */
function comment(n: number, date: string, cardIndex: number, author: number, text: string): ProviderObject {
  const c = CARDS[cardIndex];
  const list = { todo: 'To Do', doing: 'Doing', review: 'Waiting on customer', done: 'Done' };
  const listKey = (Object.keys(LIST_IDS) as (keyof typeof LIST_IDS)[]).find((k) => LIST_IDS[k] === c.idList)!;
  return {
    id: trelloId(date, TRELLO_KIND.action, n),
    idMemberCreator: MEMBER_IDS[author],
    // Store only (the emulator scopes a card's actions by it); Trello's own are `data.card.id`.
    idCard: c.id,
    data: {
      text,
      textData: { emoji: {} },
      card: { id: c.id, name: c.name, idShort: c.idShort, shortLink: c.shortLink },
      board: { id: BOARD_ID, name: 'Support Desk', shortLink: 'kF3aPq9Z' },
      list: { id: c.idList, name: list[listKey] },
    },
    appCreator: null,
    type: 'commentCard',
    date,
    limits: {
      reactions: {
        perAction: { status: 'ok', disableAt: 900, warnAt: 720 },
        uniquePerAction: { status: 'ok', disableAt: 17, warnAt: 14 },
      },
    },
  };
}

export const trelloActions = (): ProviderObject[] => [
  comment(1, '2025-03-03T09:40:00.000Z', 0, 0, 'Reproduced on Chrome; the reset token is consumed twice.'),
  comment(2, '2025-03-03T11:05:00.000Z', 0, 1, 'Could it be the SSO redirect?'),
  comment(3, '2025-03-04T08:15:00.000Z', 0, 0, 'Fix is in review.'),
  comment(4, '2025-03-04T15:20:00.000Z', 0, 2, 'Customer confirmed the workaround.'),
  comment(5, '2025-03-04T11:00:00.000Z', 1, 1, 'Asked finance for the rate table.'),
  // Not a comment: the card's move, which the comment list leaves out.
  {
    ...comment(6, '2025-03-03T10:00:00.000Z', 0, 0, ''),
    type: 'updateCard',
    data: {
      card: {
        id: CARDS[0].id,
        name: CARDS[0].name,
        idShort: 1,
        shortLink: CARDS[0].shortLink,
        idList: LIST_IDS.doing,
      },
      old: { idList: LIST_IDS.todo },
      board: { id: BOARD_ID, name: 'Support Desk', shortLink: 'kF3aPq9Z' },
      listBefore: { id: LIST_IDS.todo, name: 'To Do' },
      listAfter: { id: LIST_IDS.doing, name: 'Doing' },
    },
  },
];

const field = (n: number, name: string, type: string, options?: string[]): ProviderObject => {
  const id = trelloId('2025-01-06T10:00:00Z', TRELLO_KIND.field, n);
  return {
    id,
    idModel: BOARD_ID,
    modelType: 'board',
    fieldGroup: `${id}${'0'.repeat(40)}`.slice(0, 64),
    display: { cardFront: true },
    name,
    pos: n * 16384,
    type,
    ...(options
      ? {
          options: options.map((text, i) => ({
            id: trelloId('2025-01-06T10:00:00Z', TRELLO_KIND.field, 100 * n + i),
            idCustomField: id,
            value: { text },
            color: ['red', 'yellow', 'green'][i] ?? 'none',
            pos: (i + 1) * 16384,
          })),
        }
      : {}),
  };
};

export const trelloCustomFields = (): ProviderObject[] => [
  field(1, 'Severity', 'list', ['High', 'Medium', 'Low']),
  field(2, 'Customer account', 'text'),
  field(3, 'Affected users', 'number'),
];

const checkItem = (idChecklist: string, n: number, name: string, state: 'complete' | 'incomplete') => ({
  id: trelloId('2025-03-03T10:00:00Z', TRELLO_KIND.checklist, 1000 + n),
  idChecklist,
  name,
  nameData: null,
  pos: n * 16384,
  state,
  due: null,
  idMember: null,
});

function checklist(n: number, cardIndex: number, name: string, items: [string, boolean][]): ProviderObject {
  const id = trelloId('2025-03-03T10:00:00Z', TRELLO_KIND.checklist, n);
  return {
    id,
    name,
    idBoard: BOARD_ID,
    idCard: CARDS[cardIndex].id,
    pos: n * 16384,
    checkItems: items.map(([text, done], i) =>
      checkItem(id, 10 * n + i, text, done ? 'complete' : 'incomplete'),
    ),
  };
}

export const trelloChecklists = (): ProviderObject[] => [
  checklist(1, 0, 'Investigation', [
    ['Reproduce', true],
    ['Find the cause', true],
    ['Ship the fix', false],
  ]),
  checklist(2, 0, 'Follow-up', [['Tell the customer', false]]),
  checklist(3, 1, 'Billing checks', [['Compare with the rate table', false]]),
];
