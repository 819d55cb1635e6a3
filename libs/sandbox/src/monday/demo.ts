import type { DemoProvider } from '../demo/demo-provider';
import { MondayEmulator } from './monday-emulator';
import { MONDAY_BOARD_ID, MONDAY_SEED_TOKEN, STATUS_LABELS, type MondayState } from './seed';

const FIRST_ITEM = '9100000001';

/** Unified resource → how many records a full list walk returns, from the emulator's own state. */
const COUNTS: Record<string, (s: MondayState, q: Record<string, string>) => number> = {
  tickets: (s) => s.items.filter((i) => i.board_id === MONDAY_BOARD_ID && i.state === 'active').length,
  comments: (s, q) => s.updates.filter((u) => u.item_id === q.ticket_id).length,
  ticket_status: () => Object.keys(STATUS_LABELS).length,
  users: (s) => s.users.length,
  teams: (s) => s.teams.length,
  tags: (s) => s.tags.length,
  workspaces: (s) => s.workspaces.length,
  collections: (s) => s.boards.length,
  fields: (s) => s.columns.filter((c) => c.board_id === MONDAY_BOARD_ID).length,
};

export const mondayDemo: DemoProvider<MondayEmulator> = {
  provider: 'monday',
  port: 4121,
  createEmulator: () => new MondayEmulator(),
  settings: { board_id: MONDAY_BOARD_ID, due_date_column_id: 'date4' },
  credentials: { api_token: MONDAY_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        create: {
          name: 'Gateway ticket',
          status: { id: '0' },
          assignees: [{ id: '61000002' }],
          tags: [{ id: '7001' }],
          due_date: '2025-04-01',
        },
        update: { name: 'Gateway ticket (edited)', status: { id: '1' } },
      },
      comments: {
        query: { ticket_id: FIRST_ITEM },
        create: { ticket: { id: FIRST_ITEM }, body: 'Through the gateway' },
        update: { body: 'Edited through the gateway' },
      },
      tags: { create: { name: 'gateway-tag' } },
    },
    count: (emulator, resource, query) => COUNTS[resource]?.(emulator.state, query),
    rateLimitNext: (emulator, times) => emulator.injectFault(emulator.rateLimitFault(times)),
  },
};
