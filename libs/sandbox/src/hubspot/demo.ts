import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext, type ListedCollections } from '../kit/described';
import { HubspotEmulator } from './hubspot-emulator';
import { HUBSPOT_SEED_PORTAL_ID, HUBSPOT_SEED_TOKEN } from './seed';
import type { ProviderObject } from '../kit/described';

const all = () => true;
const optionsOf = (name: string) => (property: ProviderObject) => property.name === name;

/** Unified resource → the emulator collection behind it and what a full list walk returns. */
const LISTED: ListedCollections = {
  tickets: ['tickets', all],
  contacts: ['contacts', all],
  accounts: ['companies', all],
  users: ['owners', all],
  teams: ['teams', all],
  fields: ['ticket_properties', all],
};

/** Notes still there and associated with the ticket (a deleted note leaves its association behind). */
const notesOf = (e: HubspotEmulator, ticket: string | undefined) => {
  const linked = e.records('associations').filter((a) => a.fromType === 'notes' && a.toId === ticket);
  return e.records('notes').filter((n) => linked.some((a) => a.fromId === n.id)).length;
};
const stages = (e: HubspotEmulator) => e.records('pipelines').flatMap((p) => p.stages as unknown[]).length;
const options = (e: HubspotEmulator, name: string) =>
  (e.records('ticket_properties').find(optionsOf(name))?.options as unknown[] | undefined)?.length;

export const hubspotDemo: DemoProvider<HubspotEmulator> = {
  provider: 'hubspot',
  port: 4116,
  createEmulator: () => new HubspotEmulator(),
  settings: { portal_id: HUBSPOT_SEED_PORTAL_ID },
  credentials: { access_token: HUBSPOT_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        // Rachel Green and Central Perk, seeded; the ticket goes to the Support Pipeline's first stage.
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          contact: { id: '51' },
          account: { id: '9001' },
          priority: { id: 'HIGH' },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: '3' }, assignees: [{ id: '110002' }] },
      },
      comments: {
        query: { ticket_id: '1001' },
        create: { ticket: { id: '1001' }, html_body: '<p>Through the gateway</p>', is_internal: true },
        update: { html_body: '<p>Edited through the gateway</p>' },
      },
      contacts: {
        create: {
          first_name: 'Gunther',
          last_name: 'Central',
          emails: [{ email: 'gunther@centralperk.test' }],
        },
        update: { phones: [{ number: '+1 212 555 0199' }] },
      },
      accounts: {
        create: { name: 'Gateway Co', domains: ['gateway-co.test'] },
        update: { name: 'Gateway Co (renamed)' },
      },
    },
    count: (emulator, resource, query) => {
      if (resource === 'comments') return notesOf(emulator, query.ticket_id);
      if (resource === 'ticket_status') return stages(emulator);
      if (resource === 'ticket_priorities') return options(emulator, 'hs_ticket_priority');
      if (resource === 'ticket_types') return options(emulator, 'hs_ticket_category');
      return countListed(LISTED)(emulator, resource, query);
    },
    rateLimitNext,
  },
};
