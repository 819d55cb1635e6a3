import { countListed, rateLimitNext, type ListedCollections } from '../kit/described';
import type { DemoProvider } from '../demo/demo-provider';
import { trelloCards } from './seed-cards';
import { BOARD_ID, LABEL_IDS, LIST_IDS, TRELLO_SEED_KEY, TRELLO_SEED_TOKEN } from './seed';
import { TrelloEmulator } from './trello-emulator';

const onBoard = (r: { idBoard?: unknown }) => r.idBoard === BOARD_ID;
/** The first seeded card: four comments, two checklists. */
export const TRELLO_DEMO_CARD = String(trelloCards()[0].id);

/** Unified resource → the emulator collection behind it, and which of its records a list returns. */
const LISTED: ListedCollections = {
  // The board's open cards: archived ones are read by id only.
  tickets: ['cards', (c) => onBoard(c) && c.closed !== true],
  comments: ['actions', (a, q) => a.type === 'commentCard' && a.idCard === q.ticket_id],
  ticket_status: ['lists', onBoard],
  tags: ['labels', onBoard],
  users: ['members', () => true],
  collections: ['boards', () => true],
  workspaces: ['organizations', () => true],
  fields: ['customFields', (f) => f.idModel === BOARD_ID],
  task_lists: ['checklists', (c, q) => c.idCard === q.ticket_id],
};

export const trelloDemo: DemoProvider<TrelloEmulator> = {
  provider: 'trello',
  port: 4120,
  createEmulator: () => new TrelloEmulator(),
  // New cards without a status go into To Do.
  settings: { board_id: BOARD_ID, default_list_id: LIST_IDS.todo },
  credentials: { api_key: TRELLO_SEED_KEY, token: TRELLO_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        // A card needs a list: the status is the list it goes into.
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          status: { id: LIST_IDS.todo },
          tags: [{ id: LABEL_IDS[0] }],
        },
        update: { name: 'Gateway ticket (edited)', status: { id: LIST_IDS.done } },
      },
      comments: {
        query: { ticket_id: TRELLO_DEMO_CARD },
        create: { ticket: { id: TRELLO_DEMO_CARD }, body: 'Through the gateway' },
        update: { body: 'Edited through the gateway' },
      },
      tags: { create: { name: 'gateway-label', color: 'green' }, update: { color: 'purple' } },
      task_lists: { query: { ticket_id: TRELLO_DEMO_CARD } },
    },
    count: countListed(LISTED),
    rateLimitNext,
  },
};
