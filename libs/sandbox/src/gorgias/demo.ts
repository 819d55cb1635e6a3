import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext } from '../kit/described/conformance';
import { GorgiasEmulator } from './gorgias-emulator';
import { GORGIAS_SEED_API_KEY, GORGIAS_SEED_DOMAIN, GORGIAS_SEED_EMAIL } from './seed';

const all = () => true;

const counted = countListed({
  tickets: ['tickets', all],
  comments: ['messages', (m, q) => String(m.ticket_id) === q.ticket_id],
  contacts: ['customers', all],
  users: ['users', all],
  teams: ['teams', all],
  tags: ['tags', all],
  fields: ['custom_fields', (f) => f.object_type === 'Ticket'],
});

/** Gorgias's fixed statuses and priorities, which the definition lists without asking. */
const FIXED: Record<string, number> = { ticket_status: 2, ticket_priorities: 4 };

export const gorgiasDemo: DemoProvider<GorgiasEmulator> = {
  provider: 'gorgias',
  port: 4119,
  createEmulator: () => new GorgiasEmulator(),
  settings: { domain: GORGIAS_SEED_DOMAIN, agent_user_id: '1' },
  credentials: { email: GORGIAS_SEED_EMAIL, api_key: GORGIAS_SEED_API_KEY },
  conformance: {
    plans: {
      tickets: {
        // Gorgias needs a customer and a first message: Maya Lopez writes the description.
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          contact: { id: '31' },
          priority: { id: 'high' },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: 'closed' } },
      },
      comments: {
        query: { ticket_id: '101' },
        create: { ticket: { id: '101' }, body: 'Through the gateway', is_internal: true },
        update: { body: 'Edited through the gateway' },
      },
      contacts: {
        create: { name: 'Gateway Client', emails: [{ email: 'gateway.client@client.test' }] },
        update: { details: 'VIP' },
      },
      teams: { create: { name: 'Gateway team', description: 'Tier 3' }, update: { description: 'Tier 4' } },
      tags: { create: { name: 'gateway', color: '#123456' }, update: { color: '#654321' } },
    },
    count: (emulator, resource, query) => FIXED[resource] ?? counted(emulator, resource, query),
    rateLimitNext,
  },
};
