import { countListed, rateLimitNext, type ListedCollections } from '../kit/described';
import type { DemoProvider } from '../demo/demo-provider';
import { IntercomEmulator } from './intercom-emulator';
import {
  INTERCOM_SEED_ADMIN_ID,
  INTERCOM_SEED_CONTACT_ID,
  INTERCOM_SEED_TICKET_TYPE_ID,
  INTERCOM_SEED_TOKEN,
} from './seed';

/** Unified resource → the emulator collection behind it, and which of its records a list returns. */
const LISTED: ListedCollections = {
  tickets: ['tickets', () => true],
  // Only comments and notes: the other parts are the ticket's activity log.
  comments: [
    'ticket_parts',
    (p, q) => p.ticket_id === q.ticket_id && ['comment', 'note'].includes(String(p.part_type)),
  ],
  ticket_types: ['ticket_types', () => true],
  ticket_status: ['ticket_states', (s) => s.archived !== true],
  contacts: ['contacts', () => true],
  accounts: ['companies', () => true],
  users: ['admins', () => true],
  teams: ['teams', () => true],
  tags: ['tags', () => true],
};

export const intercomDemo: DemoProvider<IntercomEmulator> = {
  provider: 'intercom',
  port: 4106,
  createEmulator: () => new IntercomEmulator(),
  settings: {
    default_admin_id: INTERCOM_SEED_ADMIN_ID,
    default_ticket_type_id: INTERCOM_SEED_TICKET_TYPE_ID,
    default_contact_id: INTERCOM_SEED_CONTACT_ID,
  },
  credentials: { access_token: INTERCOM_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          ticket_type: { id: '68' },
          contact: { id: '6762f0d01bb69f9f2193bb02' },
          assignees: [{ id: '991267461' }],
        },
        // 8322 is "In progress", a state of every ticket type.
        update: { name: 'Gateway ticket (edited)', status: { id: '8322' } },
      },
      comments: {
        query: { ticket_id: '{{ticket:38}}' },
        create: { ticket: { id: '{{ticket:38}}' }, body: 'Through the gateway', is_internal: true },
      },
      ticket_types: {
        create: { name: 'Gateway type', description: 'Created through the unified API' },
        update: { description: 'Edited through the gateway' },
      },
      contacts: {
        create: { name: 'Gateway Contact', emails: [{ email: 'gateway.contact@example.com' }] },
        update: { name: 'Gateway Contact (edited)' },
      },
      accounts: {
        create: { name: 'Gateway Company', domains: ['gateway.example'] },
        update: { name: 'Gateway Company (edited)' },
      },
      tags: { create: { name: 'gateway-tag' }, update: { name: 'gateway-tag-renamed' } },
    },
    count: countListed(LISTED),
    rateLimitNext,
  },
};
