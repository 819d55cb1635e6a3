import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext } from '../kit/described/conformance';
import { ZohoDeskEmulator } from './zoho-desk-emulator';
import { ZOHO_DESK_SEED_ORG_ID, ZOHO_DESK_SEED_TOKEN } from './seed';

const all = () => true;
const picklistOf = (apiName: string) => (field: Record<string, unknown>) => field.apiName === apiName;

/** Picklist values of one ticket field (statuses, priorities, classifications). */
const valuesOf = (emulator: ZohoDeskEmulator, apiName: string) =>
  ((emulator.records('organization_fields').find(picklistOf(apiName))?.allowedValues ?? []) as unknown[])
    .length;

const counted = countListed({
  tickets: ['tickets', all],
  comments: ['comments', (c, q) => c.ticketId === q.ticket_id],
  contacts: ['contacts', all],
  accounts: ['accounts', all],
  users: ['agents', all],
  teams: ['teams', all],
  collections: ['departments', all],
  fields: ['organization_fields', all],
});

const FIRST_TICKET = '7189000000100001';

export const zohoDeskDemo: DemoProvider<ZohoDeskEmulator> = {
  provider: 'zoho_desk',
  port: 4118,
  createEmulator: () => new ZohoDeskEmulator(),
  settings: { org_id: ZOHO_DESK_SEED_ORG_ID, data_centre: 'com', department_id: '7189000000006907' },
  credentials: { access_token: ZOHO_DESK_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        // Zoho needs a department (the connection's default) and a contact: Lucas Carol, seeded.
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          contact: { id: '7189000000051001' },
          priority: { id: 'High' },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: 'On Hold' } },
      },
      comments: {
        query: { ticket_id: FIRST_TICKET },
        create: { ticket: { id: FIRST_TICKET }, body: 'Through the gateway', is_internal: true },
        update: { body: 'Edited through the gateway' },
      },
      contacts: {
        create: {
          first_name: 'Gateway',
          last_name: 'Client',
          emails: [{ email: 'gateway.client@client.test' }],
        },
        update: { details: 'VIP' },
      },
      accounts: { create: { name: 'Gateway Co' }, update: { name: 'Gateway Co (renamed)' } },
    },
    count: (emulator, resource, query) => {
      if (resource === 'ticket_status') return valuesOf(emulator, 'status');
      if (resource === 'ticket_priorities') return valuesOf(emulator, 'priority');
      if (resource === 'ticket_types') return valuesOf(emulator, 'classification');
      return counted(emulator, resource, query);
    },
    rateLimitNext,
  },
};
