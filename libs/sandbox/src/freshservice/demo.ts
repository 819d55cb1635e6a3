import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext } from '../kit/described';
import { FreshserviceEmulator } from './freshservice-emulator';
import { FRESHSERVICE_SEED_API_KEY, FRESHSERVICE_SEED_DOMAIN } from './seed';

const all = () => true;
const choicesOf = (type: string) => (e: FreshserviceEmulator) =>
  (e.records('ticket_form_fields').find((f) => f.field_type === type)?.choices as unknown[] | undefined)
    ?.length;

/** Unified resource → the emulator's records a full list walk returns. */
const count = countListed({
  // The definition lists with `updated_since` in the past: the 30-day default window does not apply.
  tickets: ['tickets', (t) => t.deleted !== true],
  comments: ['conversations', (c, q) => String(c.ticket_id) === q.ticket_id],
  contacts: ['requesters', all],
  accounts: ['departments', all],
  users: ['agents', all],
  teams: ['groups', all],
  fields: ['ticket_form_fields', all],
  tasks: ['tasks', (t, q) => String(t.ticket_id) === q.ticket_id],
  workspaces: ['workspaces', all],
});
const CHOICES: Record<string, (e: FreshserviceEmulator) => number | undefined> = {
  ticket_status: choicesOf('default_status'),
  ticket_priorities: choicesOf('default_priority'),
  ticket_types: choicesOf('default_ticket_type'),
};

export const freshserviceDemo: DemoProvider<FreshserviceEmulator> = {
  provider: 'freshservice',
  port: 4111,
  createEmulator: () => new FreshserviceEmulator(),
  settings: { domain: FRESHSERVICE_SEED_DOMAIN },
  credentials: { api_key: FRESHSERVICE_SEED_API_KEY },
  conformance: {
    plans: {
      tickets: {
        // Freshservice needs a requester: Ana Souza, a seeded one.
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          contact: { id: '3000001' },
          priority: { id: '3' },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: '3' } },
      },
      comments: {
        query: { ticket_id: '1' },
        // An internal note: a public comment would be a reply e-mailed to the requester.
        create: { ticket: { id: '1' }, body: 'Through the gateway', is_internal: true },
        update: { body: 'Edited through the gateway' },
      },
      contacts: {
        create: {
          first_name: 'Gateway',
          last_name: 'Client',
          emails: [{ email: 'gateway.client@client.test' }],
        },
        update: { details: 'VIP' },
        softDelete: true,
      },
      tasks: {
        query: { ticket_id: '1' },
        create: { ticket: { id: '1' }, name: 'Gateway task', description: 'Through the gateway' },
        update: { name: 'Gateway task (edited)', status: { id: '3' } },
      },
      accounts: {
        create: { name: 'Gateway Dept', domains: ['gateway-dept.test'] },
        update: { name: 'Gateway Dept (renamed)' },
      },
      teams: { create: { name: 'Gateway team', description: 'Tier 3' }, update: { description: 'Tier 4' } },
    },
    count: (emulator, resource, query) => CHOICES[resource]?.(emulator) ?? count(emulator, resource, query),
    rateLimitNext,
  },
};
