/**
 * What the capability-wide gateway test writes for each provider × resource (bodies in the unified model),
 * and the query some resources need. Every capability with a write method must have a plan here: the test
 * fails for one that has none, so a new capability cannot go untested.
 */
export interface WritePlan {
  /** Strings `{{ticket:<number>}}` are replaced by the id of the ticket with that number (Jira ids are not keys). */
  query?: Record<string, string>;
  create?: Record<string, unknown>;
  update?: Record<string, unknown>;
  /** Zendesk soft-deletes people: afterwards they read as inactive instead of 404. */
  softDelete?: boolean;
  /** Without a create: update or delete the record with this id (it must exist in the seed data). */
  existing?: string;
}

export const WRITE_PLANS: Record<string, Record<string, WritePlan>> = {
  github: {
    tickets: {
      create: { name: 'Gateway ticket', description: 'Created through the unified API' },
      update: { name: 'Gateway ticket (edited)' },
    },
    comments: {
      query: { ticket_id: '3' },
      create: { ticket: { id: '3' }, body: 'Through the gateway' },
      update: { body: 'Edited through the gateway' },
    },
    tags: { create: { name: 'gateway-label', color: '#00FF00' }, update: { color: '#ff0000' } },
    collections: {
      create: { name: 'v9.0', description: 'Gateway milestone' },
      update: { description: 'Edited' },
    },
    ticket_types: { create: { name: 'Gateway type', description: 'Research' } },
    fields: {
      create: { name: 'Gateway severity', type: 'enum', options: [{ value: 'S1' }, { value: 'S2' }] },
      update: { description: 'How bad' },
    },
    tasks: { query: { ticket_id: '1' } },
  },
  jira: {
    tickets: {
      create: {
        name: 'Gateway ticket',
        description: 'Created through the unified API',
        workspace: { id: '10000' },
      },
      update: { name: 'Gateway ticket (edited)' },
    },
    comments: {
      query: { ticket_id: '{{ticket:SUP-3}}' },
      create: { ticket: { id: '{{ticket:SUP-3}}' }, body: 'Through the gateway' },
      update: { body: 'Edited through the gateway' },
    },
    collections: {
      create: { name: 'Gateway epic', description: 'Everything', workspace: { id: 'ENG' } },
      update: { description: 'Edited' },
    },
    tasks: {
      query: { ticket_id: '{{ticket:SUP-1}}' },
      create: { name: 'Gateway sub-task', ticket: { id: '{{ticket:SUP-1}}' } },
      update: { description: 'Edited through the gateway' },
    },
    attachments: { query: { ticket_id: '{{ticket:SUP-1}}' }, existing: '10000' },
    teams: { create: { name: 'gateway-team' } },
    ticket_types: {
      create: { name: 'Gateway type', description: 'Research' },
      update: { description: 'Edited' },
    },
    ticket_priorities: {
      create: { name: 'Gateway priority', description: 'Stops a release' },
      update: { description: 'Stops every release' },
    },
    fields: {
      create: { name: 'Gateway severity', type: 'option', description: 'How bad' },
      update: { label: 'Gateway severity II' },
    },
    workspaces: { existing: '10002', update: { description: 'On-call' } },
  },
  zendesk: {
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
  },
  gitlab: {
    tickets: {
      create: {
        name: 'Gateway ticket',
        description: 'Created through the unified API',
        tags: [{ id: 'bug' }],
      },
      update: { name: 'Gateway ticket (edited)', status: { id: 'closed' } },
    },
    comments: {
      query: { ticket_id: '1' },
      create: { ticket: { id: '1' }, body: 'Through the gateway' },
      update: { body: 'Edited through the gateway' },
    },
    tags: { create: { name: 'gateway-label', color: '#00ff00' }, update: { color: '#ff0000' } },
    collections: {
      create: { name: 'v9.0', description: 'Gateway milestone' },
      update: { description: 'Edited' },
    },
  },
};
