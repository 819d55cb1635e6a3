import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext, type ListedCollections } from '../kit/described';
import { ShortcutEmulator } from './shortcut-emulator';
import { GROUP, SHORTCUT_SEED_TOKEN, STATE } from './seed';

/** Unified resource → the emulator collection behind it, and which of its records a list returns. */
const LISTED: ListedCollections = {
  // The definition searches `!is:archived`.
  tickets: ['stories', (s) => s.archived !== true],
  comments: ['comments', (c, q) => String(c.story_id) === q.ticket_id && c.deleted !== true],
  users: ['members', () => true],
  teams: ['groups', () => true],
  tags: ['labels', () => true],
  collections: ['epics', () => true],
  fields: ['custom_fields', () => true],
};

export const shortcutDemo: DemoProvider<ShortcutEmulator> = {
  provider: 'shortcut',
  port: 4115,
  createEmulator: () => new ShortcutEmulator(),
  settings: {},
  credentials: { api_token: SHORTCUT_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          ticket_type: { id: 'bug' },
          tags: [{ id: '3001', name: 'customer-reported' }],
          team: { id: GROUP.support },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: String(STATE.doing) } },
      },
      comments: {
        query: { ticket_id: '101' },
        create: { ticket: { id: '101' }, body: 'Through the gateway' },
        update: { body: 'Edited through the gateway' },
      },
      teams: { create: { name: 'Gateway team', description: 'Tier 3' }, update: { description: 'Tier 4' } },
      tags: { create: { name: 'gateway-label', color: '#00ff00' }, update: { color: '#ff0000' } },
      collections: {
        create: { name: 'Gateway epic', description: 'Through the gateway' },
        update: { description: 'Edited' },
      },
    },
    count: (emulator, resource, query) =>
      resource === 'ticket_status'
        ? emulator.records('workflows').flatMap((w) => w.states as unknown[]).length
        : countListed(LISTED)(emulator, resource, query),
    rateLimitNext,
  },
};
