import type { WritePlan } from '../demo/conformance-profile';

/** What the conformance suite writes for zendesk (unified bodies), per resource. */
export const ZENDESK_WRITE_PLANS: Record<string, WritePlan> = {
  tickets: {
    create: {
      name: 'Gateway ticket',
      description: 'Created through the unified API',
      priority: { id: 'high' },
    },
    update: { name: 'Gateway ticket (edited)' },
  },
  comments: {
    query: { ticket_id: '13' },
    create: { ticket: { id: '13' }, body: 'Through the gateway', is_internal: true },
  },
  attachments: { query: { ticket_id: '13' } },
  users: {
    create: {
      name: 'Gateway Agent',
      emails: [{ email: 'gateway.agent@acme-support.test' }],
      roles: [{ id: 'agent' }],
    },
    update: { name: 'Gateway Agent II' },
    softDelete: true,
  },
  contacts: {
    create: { name: 'Gateway Client', emails: [{ email: 'gateway.client@client.test' }] },
    update: { details: 'VIP' },
    softDelete: true,
  },
  accounts: {
    create: { name: 'Gateway Org', domains: ['gateway-org.test'] },
    update: { name: 'Gateway Org II' },
  },
  teams: { create: { name: 'Gateway team', description: 'Tier 3' }, update: { description: 'Tier 4' } },
  workspaces: { create: { name: 'Gateway Brand', status: 'active' }, update: { status: 'inactive' } },
  fields: {
    create: { name: 'Gateway serial', type: 'string', description: 'Device serial' },
    update: { label: 'Gateway serial number' },
  },
  ticket_status: {
    create: { name: 'Gateway waiting', description: 'Waiting on a third party' },
    update: { name: 'Gateway waiting II' },
  },
};
