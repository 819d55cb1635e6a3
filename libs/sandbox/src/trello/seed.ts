/**
 * The seeded Trello account, shaped after the schemas and examples of Trello's REST v1 description
 * (../shared/specs/trello/swagger.v3.json: Card, Action, TrelloList, Label, Member, Board, Organization,
 * CustomField, Checklist). Ids are 24-hex object ids whose first 8 digits are the creation time in unix
 * seconds, as Trello's are. Cards store ids (idMembers, idLabels); the emulator joins the label objects.
 */
import type { ProviderObject } from '../kit/described';

export const TRELLO_SEED_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const TRELLO_SEED_TOKEN = 'ATTA0sandbox0token0trello0emulator0000000000000000000000000000';
export const TRELLO_WEB = 'https://trello.com';

/** A Trello-style object id: creation time (unix seconds, 8 hex digits) + 16 digits of kind and sequence. */
export const trelloId = (createdAt: string, kind: number, sequence: number): string =>
  Math.floor(Date.parse(createdAt) / 1000)
    .toString(16)
    .padStart(8, '0') +
  kind.toString(16).padStart(8, '0') +
  sequence.toString(16).padStart(8, '0');

const KIND = { org: 1, board: 2, list: 3, member: 4, label: 5, card: 6, action: 7, field: 8, checklist: 9 };
export const TRELLO_KIND = KIND;

export const ORG_ID = trelloId('2025-01-06T09:00:00Z', KIND.org, 1);
export const BOARD_ID = trelloId('2025-01-06T09:30:00Z', KIND.board, 1);
const ROADMAP_ID = trelloId('2025-01-07T09:30:00Z', KIND.board, 2);
const member = (n: number) => trelloId('2025-01-05T08:00:00Z', KIND.member, n);
export const MEMBER_IDS = [member(1), member(2), member(3)];
const list = (n: number) => trelloId('2025-01-06T09:31:00Z', KIND.list, n);
export const LIST_IDS = { todo: list(1), doing: list(2), review: list(3), done: list(4) };
const label = (n: number) => trelloId('2025-01-06T09:32:00Z', KIND.label, n);

export const trelloOrganizations = (): ProviderObject[] => [
  {
    id: ORG_ID,
    name: 'acmesupport',
    displayName: 'Acme Support',
    desc: 'The support team’s Trello Workspace',
    url: `${TRELLO_WEB}/w/acmesupport`,
    website: null,
    idBoards: [BOARD_ID, ROADMAP_ID],
    memberships: [],
    premiumFeatures: [],
  },
];

const board = (id: string, name: string, desc: string, shortLink: string): ProviderObject => ({
  id,
  name,
  desc,
  descData: '',
  closed: false,
  idOrganization: ORG_ID,
  idMemberCreator: MEMBER_IDS[0],
  pinned: false,
  url: `${TRELLO_WEB}/b/${shortLink}/${name.toLowerCase().replace(/\W+/g, '-')}`,
  shortUrl: `${TRELLO_WEB}/b/${shortLink}`,
  shortLink,
  prefs: { permissionLevel: 'org', voting: 'disabled', comments: 'members', selfJoin: true },
  labelNames: { green: 'Question', red: 'Bug', yellow: 'Billing', blue: 'Feature' },
  starred: false,
  subscribed: false,
  enterpriseOwned: false,
});

export const trelloBoards = (): ProviderObject[] => [
  board(BOARD_ID, 'Support Desk', 'Customer requests, triaged by the support team', 'kF3aPq9Z'),
  board(ROADMAP_ID, 'Roadmap', 'What engineering ships next', 'Rm7bXc2D'),
];

const trelloList = (id: string, name: string, pos: number, idBoard = BOARD_ID): ProviderObject => ({
  id,
  name,
  closed: false,
  pos,
  softLimit: null,
  idBoard,
  subscribed: false,
});

export const trelloLists = (): ProviderObject[] => [
  trelloList(LIST_IDS.todo, 'To Do', 16384),
  trelloList(LIST_IDS.doing, 'Doing', 32768),
  trelloList(LIST_IDS.review, 'Waiting on customer', 49152),
  trelloList(LIST_IDS.done, 'Done', 65536),
  trelloList(list(5), 'Next quarter', 16384, ROADMAP_ID),
];

const person = (id: string, fullName: string, username: string): ProviderObject => ({
  id,
  activityBlocked: false,
  avatarHash: id.slice(-8).padStart(32, 'a'),
  avatarUrl: `https://trello-members.s3.amazonaws.com/${id}/${id.slice(-8).padStart(32, 'a')}`,
  bio: '',
  confirmed: true,
  fullName,
  initials: fullName
    .split(' ')
    .map((w) => w[0])
    .join(''),
  memberType: 'normal',
  url: `${TRELLO_WEB}/${username}`,
  username,
  idOrganizations: [ORG_ID],
  idBoards: [BOARD_ID],
});

export const trelloMembers = (): ProviderObject[] => [
  person(MEMBER_IDS[0], 'Amara Okafor', 'amaraokafor'),
  person(MEMBER_IDS[1], 'Liu Wei', 'liuwei'),
  person(MEMBER_IDS[2], 'Sofia Ramos', 'sofiaramos'),
];

const trelloLabel = (id: string, name: string, color: string | null, idBoard = BOARD_ID) => ({
  id,
  idBoard,
  name,
  color,
  uses: 0,
});

export const trelloLabels = (): ProviderObject[] => [
  trelloLabel(label(1), 'Bug', 'red'),
  trelloLabel(label(2), 'Billing', 'yellow'),
  trelloLabel(label(3), 'Question', 'green'),
  trelloLabel(label(4), 'VIP', null),
  trelloLabel(label(5), 'Feature', 'blue', ROADMAP_ID),
];
export const LABEL_IDS = [label(1), label(2), label(3), label(4)];
