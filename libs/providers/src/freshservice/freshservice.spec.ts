import {
  FRESHSERVICE_SEED_API_KEY,
  FRESHSERVICE_SEED_DOMAIN,
  FreshserviceEmulator,
} from '@app/sandbox/freshservice';
import type { ConnectionContext } from '../engine/connection-context';
import {
  MissingQueryError,
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderValidationError,
} from '../engine/errors';
import { engineFor, expectValid, failureOf, walk } from '../testing/provider-test-kit';
import { freshservice } from './index';

const emulator = new FreshserviceEmulator();
const { client } = engineFor(freshservice);
const connection = (apiKey = FRESHSERVICE_SEED_API_KEY): ConnectionContext => ({
  id: 'c-freshservice',
  tenantId: 't1',
  provider: 'freshservice',
  settings: { base_url: emulator.url, domain: FRESHSERVICE_SEED_DOMAIN },
  credentials: { api_key: apiKey },
});

describe('Freshservice through the definition and the emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('walks every wrapped list to its end through the Link header, each record valid, the trash left out', async () => {
    const expected: Record<string, [number, Record<string, string>?]> = {
      tickets: [7], // 8 seeded: #8 is in the trash
      comments: [4, { ticket_id: '1' }],
      contacts: [4],
      accounts: [2],
      users: [3],
      teams: [2],
      fields: [10],
      ticket_status: [5],
      ticket_priorities: [4],
      ticket_types: [3],
      tasks: [2, { ticket_id: '1' }],
      workspaces: [2],
    };
    for (const [resource, [count, query]] of Object.entries(expected)) {
      const { records, pages } = await walk(client, connection(), resource, 2, query);
      expect([resource, records.length, new Set(records.map((r) => r.id)).size]).toEqual([
        resource,
        count,
        count,
      ]);
      for (const record of records) expectValid(resource, record);
      if (['tickets', 'comments', 'contacts'].includes(resource)) expect(pages).toBe(Math.ceil(count / 2));
    }
    const listed = emulator.requests.filter((r) => r.url.startsWith('/api/v2/tickets?'));
    expect(listed[0].url).toContain('updated_since=1970-01-01T00:00:00Z');
  });

  it('maps a ticket: department as account, group as team, workspace, type, stats, custom status in progress', async () => {
    const three = await client.get(connection(), 'tickets', '3');
    expect(three).toMatchObject({
      name: 'New starter: accounts for Chen',
      status: { id: '4', name: 'Resolved', category: 'done' },
      priority: { id: '2', name: 'Medium', category: 'medium' },
      contact: { id: '3000003' },
      created_by: { id: '3000003', type: 'contact' },
      account: { id: '7000002' },
      team: { id: '5000001' },
      workspace: { id: '2' },
      assignees: [{ id: '4000002' }],
      ticket_type: { id: 'Service Request' },
      source: { id: '2', name: 'Portal' },
      completed_at: '2026-05-10T09:00:00Z',
      ticket_url: 'https://acme.freshservice.com/a/tickets/3',
    });
    expect((await client.get(connection(), 'tickets', '7')).status).toEqual({
      id: '6',
      category: 'in_progress',
    });
    expect(await failureOf(client.get(connection(), 'tickets', '8'))).toBeInstanceOf(ProviderNotFoundError);
  });

  it('names people from first and last names, and comments by who wrote them', async () => {
    const ana = await client.get(connection(), 'contacts', '3000001');
    expect(ana).toMatchObject({
      name: 'Ana Souza',
      emails: [
        { email: 'ana.souza@acme.test', type: 'primary' },
        { email: 'ana@personal.test', type: 'other' },
      ],
      account_id: '7000001',
      details: 'Prefers e-mail',
      is_active: true,
    });
    expect((await client.get(connection(), 'users', '4000003')).is_active).toBe(false);
    const { records } = await walk(client, connection(), 'comments', 10, { ticket_id: '1' });
    expect(records.map((c) => [c.author, c.is_internal])).toEqual([
      [{ id: '3000001', type: 'contact' }, false],
      [{ id: '4000001', type: 'user' }, false],
      [{ id: '4000001', type: 'user' }, true],
      [{ id: '3000001', type: 'contact' }, false],
    ]);
  });

  it('writes tickets, notes, replies and requesters in Freshservice shapes', async () => {
    const ticket = await client.create(connection(), 'tickets', {
      name: 'Keyboard missing keys',
      description: '<p>The Q key</p>',
      contact: { id: '3000002' },
      priority: { id: 'urgent' },
      ticket_type: { id: 'Service Request' },
    });
    expect(ticket).toMatchObject({
      priority: { id: '4' },
      account: { id: '7000002' },
      description: 'The Q key',
    });
    // Stored as Freshservice keeps it: numbers for priority and requester, the type by name.
    expect(emulator.records('tickets').find((t) => String(t.id) === ticket.id)).toMatchObject({
      subject: 'Keyboard missing keys',
      description: '<p>The Q key</p>',
      priority: 4,
      type: 'Service Request',
      requester_id: 3000002,
      department_id: 7000002,
    });
    const updated = await client.update(connection(), 'tickets', ticket.id, { status: { id: 'resolved' } });
    expect(updated.status).toMatchObject({ id: '4', category: 'done' });
    expect(updated.completed_at).toEqual(expect.any(String));

    const note = await client.create(connection(), 'comments', {
      ticket: { id: ticket.id },
      body: 'Ordered',
      is_internal: true,
    });
    const reply = await client.create(connection(), 'comments', {
      ticket: { id: ticket.id },
      body: 'On its way',
    });
    expect([note.is_internal, reply.is_internal]).toEqual([true, false]);
    expect(emulator.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(
      expect.arrayContaining([`/api/v2/tickets/${ticket.id}/notes`, `/api/v2/tickets/${ticket.id}/reply`]),
    );
    expect(await failureOf(client.update(connection(), 'comments', reply.id, { body: 'x' }))).toBeInstanceOf(
      ProviderValidationError,
    );

    const person = await client.create(connection(), 'contacts', {
      name: 'Maria de la Cruz',
      emails: [{ email: 'maria@acme.test' }],
      account_id: '7000001',
    });
    expect(person).toMatchObject({ first_name: 'Maria', last_name: 'de la Cruz', account_id: '7000001' });
    await client.delete(connection(), 'contacts', person.id);
    expect((await client.get(connection(), 'contacts', person.id)).is_active).toBe(false);
  });

  it('writes ticket tasks under their ticket, completing them by name', async () => {
    const task = await client.create(connection(), 'tasks', {
      ticket: { id: '3' },
      name: 'Hand over the laptop',
      assignees: [{ id: '4000002' }],
    });
    expect(task).toMatchObject({
      ticket: { id: '3' },
      assignees: [{ id: '4000002' }],
      status: { id: '1', category: 'open' },
    });
    const done = await client.update(
      connection(),
      'tasks',
      task.id,
      { status: { id: 'completed' } },
      {
        query: { ticket_id: '3' },
      },
    );
    expect(done.status).toEqual({ id: '3', name: 'Completed', category: 'done' });
    expect(emulator.records('tasks').find((t) => String(t.id) === task.id)?.closed_at).toEqual(
      expect.any(String),
    );
    expect(await failureOf(client.get(connection(), 'tasks', task.id))).toBeInstanceOf(MissingQueryError);
  });

  it("turns Freshservice's refusals into the engine's errors", async () => {
    const missing = await failureOf(
      client.create(connection(), 'tickets', { name: 'No requester', description: 'x' }),
    );
    expect(missing).toBeInstanceOf(ProviderValidationError);
    expect(missing.message).toContain('requester_id');
    expect(await failureOf(client.get(connection('wrong-key'), 'tickets', '1'))).toBeInstanceOf(
      ProviderAuthError,
    );
    expect(await failureOf(client.create(connection(), 'accounts', { name: 'Finance' }))).toBeInstanceOf(
      ProviderValidationError,
    );
  });
});
