import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext, type ProviderObject } from '../kit/described';
import { SERVICENOW_SEED_INSTANCE, SERVICENOW_SEED_PASSWORD, SERVICENOW_SEED_USERNAME, sysId } from './seed';
import { ServiceNowEmulator } from './servicenow-emulator';

const all = () => true;
const choice = (element: string) => (c: ProviderObject) =>
  c.name === 'incident' && c.element === element && c.inactive === 'false';

/** The seeded incident INC0010001, whose thread the comment plans read and write. */
const FIRST_INCIDENT = sysId('incident', 1);

export const serviceNowDemo: DemoProvider<ServiceNowEmulator> = {
  provider: 'servicenow',
  port: 4110,
  createEmulator: () => new ServiceNowEmulator(),
  settings: { instance: SERVICENOW_SEED_INSTANCE },
  credentials: { username: SERVICENOW_SEED_USERNAME, password: SERVICENOW_SEED_PASSWORD },
  conformance: {
    plans: {
      tickets: {
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          contact: { id: sysId('sys_user', 3) },
          priority: { id: '2' },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: '3' } },
      },
      comments: {
        query: { ticket_id: FIRST_INCIDENT },
        // A work note: a public comment would be e-mailed to the caller.
        create: { ticket: { id: FIRST_INCIDENT }, body: 'Through the gateway', is_internal: true },
      },
      attachments: { query: { ticket_id: FIRST_INCIDENT } },
      accounts: {
        create: { name: 'Gateway Co', domains: ['gateway-co.test'] },
        update: { name: 'Gateway Co (renamed)' },
      },
      teams: { create: { name: 'Gateway team', description: 'Tier 3' }, update: { description: 'Tier 4' } },
    },
    count: countListed({
      tickets: ['incident', all],
      comments: [
        'sys_journal_field',
        (j, q) => j.element_id === q.ticket_id && ['comments', 'work_notes'].includes(String(j.element)),
      ],
      users: ['sys_user', all],
      teams: ['sys_user_group', all],
      accounts: ['core_company', all],
      ticket_status: ['sys_choice', choice('state')],
      ticket_priorities: ['sys_choice', choice('priority')],
      ticket_types: ['sys_choice', choice('category')],
      fields: ['sys_dictionary', (d) => d.internal_type !== 'collection' && d.active === 'true'],
      attachments: ['sys_attachment', (a, q) => a.table_sys_id === q.ticket_id],
    }),
    rateLimitNext,
  },
};
