import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext, type ListedCollections } from '../kit/described';
import { HelpScoutEmulator } from './help-scout-emulator';
import { HELP_SCOUT_SEED_MAILBOX, HELP_SCOUT_SEED_TOKEN } from './seed';

const all = () => true;

/** Unified resource → the emulator collection behind it and what a full list walk returns. */
const LISTED: ListedCollections = {
  // The definition lists every status, not only the active conversations Help Scout lists by default.
  tickets: ['conversations', all],
  // Line items (status changes, moves) are not comments.
  comments: ['threads', (t, q) => String(t.conversationId) === q.ticket_id && t.type !== 'lineitem'],
  contacts: ['customers', all],
  users: ['users', all],
  teams: ['teams', all],
  tags: ['tags', all],
  collections: ['mailboxes', all],
  fields: ['mailbox_fields', (f) => String(f.mailboxId) === HELP_SCOUT_SEED_MAILBOX],
};

export const helpScoutDemo: DemoProvider<HelpScoutEmulator> = {
  provider: 'help_scout',
  port: 4117,
  createEmulator: () => new HelpScoutEmulator(),
  settings: { mailbox_id: HELP_SCOUT_SEED_MAILBOX },
  credentials: { access_token: HELP_SCOUT_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        // Rachel Green, a seeded customer, writes to the Support mailbox.
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          contact: { id: '300101' },
          assignees: [{ id: '428002' }],
        },
        update: { name: 'Gateway ticket (edited)', status: { id: 'pending' }, assignees: [{ id: '428003' }] },
      },
      comments: {
        query: { ticket_id: '2400001' },
        // An internal note: a public comment would be a reply e-mailed to the customer.
        create: { ticket: { id: '2400001' }, body: 'Through the gateway', is_internal: true },
      },
      contacts: {
        create: {
          first_name: 'Gunther',
          last_name: 'Central',
          emails: [{ email: 'gunther@centralperk.test' }],
        },
        update: { details: 'VIP', first_name: 'Gunther G.' },
      },
    },
    count: countListed(LISTED),
    rateLimitNext,
  },
};
