import type { DemoProvider } from '../demo/demo-provider';
import type { ProviderObject } from '../kit/described';
import { FreshdeskEmulator } from './freshdesk-emulator';
import { FRESHDESK_SEED_API_KEY, FRESHDESK_SEED_DOMAIN } from './seed';

const live = (r: ProviderObject) => r.deleted !== true && r.spam !== true;
const choices = (emulator: FreshdeskEmulator, type: string) =>
  emulator.records('ticket_fields').find((f) => f.type === type)?.choices as object | undefined;

/** Unified resource → how many records a full list walk returns, from the emulator's own state. */
const COUNTS: Record<string, (e: FreshdeskEmulator, q: Record<string, string>) => number | undefined> = {
  // The definition lists with `updated_since` in the past, so the 30-day default window does not apply.
  tickets: (e) => e.records('tickets').filter(live).length,
  comments: (e, q) => e.records('conversations').filter((c) => String(c.ticket_id) === q.ticket_id).length,
  contacts: (e) => e.records('contacts').filter(live).length,
  accounts: (e) => e.records('companies').length,
  users: (e) => e.records('agents').length,
  teams: (e) => e.records('groups').length,
  fields: (e) => e.records('ticket_fields').length,
  ticket_status: (e) => Object.keys(choices(e, 'default_status') ?? {}).length,
  ticket_priorities: (e) => Object.keys(choices(e, 'default_priority') ?? {}).length,
  ticket_types: (e) => Object.keys(choices(e, 'default_ticket_type') ?? {}).length,
};

export const freshdeskDemo: DemoProvider<FreshdeskEmulator> = {
  provider: 'freshdesk',
  port: 4105,
  createEmulator: () => new FreshdeskEmulator(),
  settings: { domain: FRESHDESK_SEED_DOMAIN },
  credentials: { api_key: FRESHDESK_SEED_API_KEY },
  conformance: {
    plans: {
      tickets: {
        // Freshdesk needs a requester: Rachel Green, a seeded contact.
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          contact: { id: '19000001001' },
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
        create: { name: 'Gateway Client', emails: [{ email: 'gateway.client@client.test' }] },
        update: { details: 'VIP' },
        softDelete: true,
      },
      accounts: {
        create: { name: 'Gateway Co', domains: ['gateway-co.test'] },
        update: { name: 'Gateway Co (renamed)' },
      },
      teams: { create: { name: 'Gateway team', description: 'Tier 3' }, update: { description: 'Tier 4' } },
    },
    count: (emulator, resource, query) => COUNTS[resource]?.(emulator, query),
    rateLimitNext: (emulator, times) => emulator.injectFault(emulator.rateLimitFault(1, times)),
  },
};
