import { capabilitiesOf } from '../engine/capabilities';
import { ProviderNotFoundError } from '../engine/errors';
import type { UnifiedRecord } from '../engine/record-mapper';
import { expectValid, walk, zendeskHarness } from './zendesk.test-support';

type Json = Record<string, unknown>;

/** What each resource is exercised with: page size, the emulator's count, write bodies and expectations. */
interface Plan {
  limit: number;
  minPages: number;
  query?: Json;
  count: () => number;
  create?: { body: Json; expect: Json; query?: Json };
  update?: { body: Json; expect: Json };
  /** Zendesk soft-deletes users: they stay readable, deactivated. */
  afterDelete?: 'not-found' | 'inactive';
}

const { emulator, registry, client, connection } = zendeskHarness();
const s = () => emulator.state;
const staff = () => [...s().users.values()].filter((u) => u.role !== 'end-user').length;
const endUsers = () => [...s().users.values()].filter((u) => u.role === 'end-user').length;
const tagCount = () => new Set([...s().tickets.values()].flatMap((t) => t.tags)).size;

const plans: Record<string, Plan> = {
  tickets: {
    limit: 10,
    minPages: 3,
    count: () => s().tickets.size,
    create: {
      body: {
        name: 'Printer on fire',
        description: 'The office printer is on fire.',
        priority: { id: 'urgent' },
        ticket_type: { id: 'incident' },
        status: { id: 'open' },
        tags: [{ id: 'fire' }],
        contact: { id: '5003' },
        team: { id: '2002' },
        assignees: [{ id: '1003' }],
        custom_fields: { '22': 4242 },
      },
      expect: {
        name: 'Printer on fire',
        description: 'The office printer is on fire.',
        priority: { id: 'urgent', name: 'Urgent', category: 'urgent' },
        ticket_type: { id: 'incident', name: 'Incident' },
        status: { id: '102', category: 'open' },
        tags: [{ id: 'fire', name: 'fire' }],
        contact: { id: '5003', name: 'Hana Customer' },
        team: { id: '2002' },
        assignees: [{ id: '1003', name: 'Cleo Agent' }],
        created_by: { id: '1001', name: 'Ada Admin', type: 'user' },
        custom_fields: expect.objectContaining({ '22': 4242 }),
      },
    },
    update: {
      body: { name: 'Printer extinguished', status: { id: '107' }, priority: { id: 'low' }, assignees: [] },
      expect: {
        name: 'Printer extinguished',
        status: { id: '107', category: 'on_hold' },
        priority: { id: 'low', category: 'low' },
        assignees: [],
      },
    },
    afterDelete: 'not-found',
  },
  comments: {
    limit: 1,
    minPages: 3,
    query: { ticket_id: '13' },
    count: () => s().comments.filter((c) => c.ticket_id === 13).length,
    create: {
      body: {
        ticket: { id: '13' },
        body: 'Any news from the vendor?',
        is_internal: true,
        author: { id: '1002', type: 'user' },
      },
      expect: {
        body: 'Any news from the vendor?',
        is_internal: true,
        is_private: false,
        ticket: { id: '13' },
        author: { id: '1002', type: 'user' },
        channel: { id: 'api', name: 'api' },
      },
    },
  },
  attachments: {
    limit: 1,
    minPages: 3,
    query: { ticket_id: '13' },
    count: () =>
      s()
        .comments.filter((c) => c.ticket_id === 13)
        .flatMap((c) => c.attachments).length,
  },
  users: {
    limit: 3,
    minPages: 3,
    count: staff,
    create: {
      body: { name: 'Zed Agent', emails: [{ email: 'zed@acme-support.test' }], roles: [{ id: 'agent' }] },
      expect: {
        name: 'Zed Agent',
        emails: [{ email: 'zed@acme-support.test', type: 'primary' }],
        roles: [{ id: 'agent', name: 'agent' }],
      },
    },
    update: {
      body: { name: 'Zed Admin', roles: [{ id: 'admin' }] },
      expect: { name: 'Zed Admin', roles: [{ id: 'admin', name: 'admin' }] },
    },
    afterDelete: 'inactive',
  },
  contacts: {
    limit: 5,
    minPages: 3,
    count: endUsers,
    create: {
      body: {
        name: 'Yara Client',
        emails: [{ email: 'yara@client.test' }],
        phones: [{ number: '+15550199' }],
        account_id: '3002',
        details: 'VIP',
      },
      expect: {
        name: 'Yara Client',
        phones: [{ number: '+15550199', type: 'primary' }],
        account_id: '3002',
        details: 'VIP',
        is_active: true,
      },
    },
    update: {
      body: { details: 'Churn risk', custom_fields: { plan: 'enterprise' } },
      expect: { details: 'Churn risk', custom_fields: { plan: 'enterprise' } },
    },
    afterDelete: 'inactive',
  },
  accounts: {
    limit: 1,
    minPages: 3,
    count: () => s().organizations.size,
    create: {
      body: { name: 'Hooli', domains: ['hooli.test'] },
      expect: { name: 'Hooli', domains: ['hooli.test'] },
    },
    update: { body: { name: 'Hooli XYZ' }, expect: { name: 'Hooli XYZ', domains: ['hooli.test'] } },
    afterDelete: 'not-found',
  },
  teams: {
    limit: 1,
    minPages: 3,
    count: () => s().groups.size,
    create: {
      body: { name: 'Escalations', description: 'Tier 3' },
      expect: { name: 'Escalations', description: 'Tier 3' },
    },
    update: {
      body: { description: 'Tier 3 and 4' },
      expect: { name: 'Escalations', description: 'Tier 3 and 4' },
    },
    afterDelete: 'not-found',
  },
  workspaces: {
    limit: 1,
    minPages: 3,
    count: () => s().brands.size,
    create: {
      body: { name: 'Acme Outlet', status: 'active' },
      expect: { name: 'Acme Outlet', status: 'active', description: 'https://acme-outlet.zendesk.com' },
    },
    update: { body: { status: 'inactive' }, expect: { name: 'Acme Outlet', status: 'inactive' } },
    afterDelete: 'not-found',
  },
  fields: {
    limit: 5,
    minPages: 3,
    count: () => s().ticketFields.size,
    create: {
      body: { name: 'Serial number', type: 'string', is_required: true, description: 'Device serial' },
      expect: {
        label: 'Serial number',
        type: 'string',
        is_required: true,
        is_user_defined: true,
        entity_type: 'ticket',
      },
    },
    update: {
      body: { label: 'Device serial number' },
      expect: { label: 'Device serial number', type: 'string' },
    },
    afterDelete: 'not-found',
  },
  ticket_status: {
    limit: 5,
    minPages: 1,
    count: () => s().customStatuses.size,
    create: {
      body: { name: 'Waiting on vendor', description: 'A third party has to act' },
      query: { remote_query: { status_category: 'hold' } },
      expect: { name: 'Waiting on vendor', description: 'A third party has to act' },
    },
    update: {
      body: { name: 'Waiting on supplier' },
      expect: { name: 'Waiting on supplier', description: 'A third party has to act' },
    },
  },
  ticket_priorities: { limit: 10, minPages: 1, count: () => 4 },
  ticket_types: { limit: 10, minPages: 1, count: () => 4 },
  tags: { limit: 2, minPages: 3, count: tagCount },
  collections: { limit: 1, minPages: 3, count: () => s().views.size },
};

const capabilities = capabilitiesOf(registry);

describe('Zendesk definition against the emulator: every resource × method', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('has a plan for every capability, and the capability list is what the docs say', () => {
    expect(Object.keys(plans).sort()).toEqual(capabilities.map((c) => c.resource).sort());
    for (const { resource, methods } of capabilities) {
      const plan = plans[resource];
      if (methods.includes('create')) expect([resource, Boolean(plan.create)]).toEqual([resource, true]);
      if (methods.includes('update')) expect([resource, Boolean(plan.update)]).toEqual([resource, true]);
    }
  });

  describe.each(capabilities.map((c) => [c.resource, c.methods] as const))('%s', (resource, methods) => {
    const plan = plans[resource];
    let listed: UnifiedRecord[] = [];

    it('lists every record across pages, without duplicates, each one valid', async () => {
      const { records, pages } = await walk(client, connection(), resource, plan.limit, plan.query);
      expect(pages).toBeGreaterThanOrEqual(plan.minPages);
      expect(records).toHaveLength(plan.count());
      expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
      records.forEach((r) => expectValid(resource, r));
      listed = records;
    });

    if (methods.includes('get')) {
      it('gets a listed record by id', async () => {
        const record = await client.get(connection(), resource, listed[0].id, { query: plan.query });
        expect(record.id).toBe(listed[0].id);
        expectValid(resource, record);
      });
    }

    if (methods.includes('create')) {
      it('creates, updates and deletes, reading each write back', async () => {
        const created = await client.create(connection(), resource, plan.create!.body, {
          query: plan.create!.query,
        });
        expectValid(resource, created);
        expect(created).toMatchObject(plan.create!.expect);
        if (!methods.includes('get')) return;
        expect(await client.get(connection(), resource, created.id)).toMatchObject(plan.create!.expect);

        const updated = await client.update(connection(), resource, created.id, plan.update!.body);
        expectValid(resource, updated);
        expect(updated).toMatchObject(plan.update!.expect);
        expect(await client.get(connection(), resource, created.id)).toMatchObject(plan.update!.expect);

        if (!methods.includes('delete')) return;
        await client.delete(connection(), resource, created.id);
        if (plan.afterDelete === 'inactive') {
          expect(await client.get(connection(), resource, created.id)).toMatchObject({ is_active: false });
        } else {
          await expect(client.get(connection(), resource, created.id)).rejects.toBeInstanceOf(
            ProviderNotFoundError,
          );
        }
      });
    }
  });

  it('lists a comment created through a ticket update with its author typed from the sideload', async () => {
    const { records } = await walk(client, connection(), 'comments', 100, { ticket_id: '13' });
    expect(records.at(-1)).toMatchObject({
      body: 'Any news from the vendor?',
      is_internal: true,
      author: { id: '1002', name: 'Ben Agent', type: 'user' },
    });
    expect(records[0]).toMatchObject({ author: { type: 'contact' }, is_internal: false });
  });
});
