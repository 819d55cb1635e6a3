import { FRESHDESK_SEED_AGENT_API_KEY } from '@app/sandbox/freshdesk';
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../engine/errors';
import { expectValid, freshdeskHarness, walk } from './freshdesk.test-support';

const { emulator, client, connection } = freshdeskHarness();

/** The engine's error for a call, or a failure when the call succeeds. */
async function failure(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the call succeeded');
}

describe('Freshdesk through the definition and the emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('walks every list to its end through the Link header, each record valid, trash and spam left out', async () => {
    const expected: Record<string, [number, Record<string, string>?]> = {
      tickets: [12], // 14 seeded: #13 is trashed, #14 is spam
      comments: [7, { ticket_id: '1' }],
      contacts: [8], // 9 seeded, one trashed
      accounts: [3],
      users: [4],
      teams: [3],
      fields: [13],
      ticket_status: [6],
      ticket_priorities: [4],
      ticket_types: [5],
    };
    for (const [resource, [count, query]] of Object.entries(expected)) {
      const { records, pages } = await walk(client, connection(), resource, 3, query);
      expect([resource, records.length]).toEqual([resource, count]);
      expect(new Set(records.map((r) => r.id)).size).toBe(count);
      for (const record of records) expectValid(resource, record);
      if (['tickets', 'comments', 'contacts'].includes(resource)) expect(pages).toBe(Math.ceil(count / 3));
    }
    // Old tickets are listed too: without `updated_since` Freshdesk would only return the last 30 days.
    const listed = emulator.requests.filter((r) => r.url.startsWith('/api/v2/tickets?'));
    expect(listed[0].url).toContain('updated_since=1970-01-01T00:00:00Z');
    expect(listed[0].url).toContain('order_type=asc');
  });

  it('maps statuses to categories (custom statuses in progress), priorities, requester, group and stats', async () => {
    const categories = Object.fromEntries(
      await Promise.all(
        ['1', '3', '4', '5', '6'].map(async (id) => {
          const t = await client.get(connection(), 'tickets', id);
          return [
            id,
            [(t.status as { name?: string }).name ?? null, (t.status as { category: string }).category],
          ];
        }),
      ),
    );
    expect(categories).toEqual({
      '1': ['Open', 'open'],
      '3': ['Pending', 'on_hold'],
      '4': ['Resolved', 'done'],
      '5': ['Closed', 'done'],
      '6': [null, 'in_progress'],
    });
    const five = await client.get(connection(), 'tickets', '5');
    expect(five).toMatchObject({
      number: '5',
      priority: { id: '1', name: 'Low', category: 'low' },
      contact: { id: '19000001005' },
      created_by: { id: '19000001005', type: 'contact' },
      account: { id: '19000000503' },
      assignees: [],
      completed_at: '2026-05-14T15:00:00Z',
      ticket_url: 'https://acme.freshdesk.com/a/tickets/5',
      source: { id: '9', name: 'Feedback Widget' },
    });
    const two = await client.get(connection(), 'tickets', '2');
    expect(two).toMatchObject({
      team: { id: '19000000202' },
      assignees: [{ id: '19000000102' }],
      tags: [
        { id: 'vip', name: 'vip' },
        { id: 'billing', name: 'billing' },
      ],
      custom_fields: { cf_order_number: 'ORD-4002' },
      completed_at: null,
    });
  });

  it('creates, updates and trashes a ticket; statuses and priorities go by number or by name', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'Printer on fire',
      description: 'Smoke everywhere',
      contact: { id: '19000001003' },
      priority: { id: 'urgent' },
      tags: [{ id: 'hardware' }],
      due_date: '2030-01-01T00:00:00Z',
    });
    expectValid('tickets', created);
    expect(created).toMatchObject({
      name: 'Printer on fire',
      description: 'Smoke everywhere',
      status: { id: '2', category: 'open' },
      priority: { id: '4', category: 'urgent' },
      account: { id: '19000000502' },
      tags: [{ id: 'hardware' }],
      due_date: '2030-01-01T00:00:00Z',
    });
    const posted = emulator.requests.filter((r) => r.method === 'POST' && r.url === '/api/v2/tickets');
    expect(posted).toHaveLength(1);

    const resolved = await client.update(connection(), 'tickets', created.id, {
      status: { id: 'resolved' },
      assignees: [{ id: '19000000103' }],
      team: { id: '19000000201' },
    });
    expect(resolved).toMatchObject({
      status: { id: '4', name: 'Resolved', category: 'done' },
      assignees: [{ id: '19000000103' }],
      team: { id: '19000000201' },
    });
    expect(resolved.completed_at).toEqual(expect.any(String));
    const pending = await client.update(connection(), 'tickets', created.id, { status: { id: '3' } });
    expect(pending).toMatchObject({ status: { id: '3', category: 'on_hold' }, completed_at: null });

    await client.delete(connection(), 'tickets', created.id);
    expect(await failure(client.get(connection(), 'tickets', created.id))).toBeInstanceOf(
      ProviderNotFoundError,
    );
    // Freshdesk keeps it in the trash, where the definition reads it as gone.
    expect(emulator.records('tickets').find((t) => String(t.id) === created.id)).toMatchObject({
      deleted: true,
    });
  });

  it("surfaces Freshdesk's refusals: no requester, unknown status, duplicate e-mail, no such record", async () => {
    const noRequester = await failure(
      client.create(connection(), 'tickets', { name: 'x', description: 'y' }),
    );
    expect(noRequester).toBeInstanceOf(ProviderValidationError);
    expect(noRequester.message).toContain(
      'requester_id Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id fields',
    );
    const status = await failure(client.update(connection(), 'tickets', '1', { status: { id: '9' } }));
    expect(status.message).toContain("status It should be one of these values: '2,3,4,5,6,7'");
    const duplicate = await failure(
      client.create(connection(), 'contacts', {
        name: 'Again',
        emails: [{ email: 'rachel@globex.example' }],
      }),
    );
    expect([duplicate, (duplicate as ProviderValidationError).details]).toMatchObject([
      expect.any(ProviderValidationError),
      { providerStatus: 409 },
    ]);
    expect(await failure(client.get(connection(), 'accounts', '42'))).toBeInstanceOf(ProviderNotFoundError);
    expect(await failure(client.get(connection('wrong-key'), 'users', '19000000101'))).toBeInstanceOf(
      ProviderAuthError,
    );
  });

  it("refuses admin settings to a plain agent's key with Freshdesk's 403", async () => {
    const denied = await failure(
      client.create(connection(FRESHDESK_SEED_AGENT_API_KEY), 'teams', { name: 'Nope' }),
    );
    expect(denied).toBeInstanceOf(ProviderAuthError);
    expect(denied.message).toContain('You are not authorized to perform this action.');
    expect((await client.get(connection(FRESHDESK_SEED_AGENT_API_KEY), 'teams', '19000000201')).name).toBe(
      'Tier 1',
    );
  });

  it('writes internal comments as private notes and public ones as replies; only notes are edited', async () => {
    const note = await client.create(connection(), 'comments', {
      ticket: { id: '2' },
      body: 'Escalated to engineering',
      is_internal: true,
    });
    expect(note).toMatchObject({ is_internal: true, is_private: true, ticket: { id: '2' } });
    const reply = await client.create(connection(), 'comments', {
      ticket: { id: '2' },
      body: 'We are on it',
    });
    expect(reply).toMatchObject({ is_internal: false, author: { id: '19000000101', type: 'user' } });
    const paths = emulator.requests.filter((r) => r.method === 'POST').map((r) => r.url);
    expect(paths.slice(-2)).toEqual(['/api/v2/tickets/2/notes', '/api/v2/tickets/2/reply']);

    const edited = await client.update(connection(), 'comments', note.id, { body: 'Escalated (edited)' });
    expect(edited).toMatchObject({ body: 'Escalated (edited)', is_internal: true });
    expect(await failure(client.update(connection(), 'comments', reply.id, { body: 'x' }))).toBeInstanceOf(
      ProviderValidationError,
    );
    const listed = (await walk(client, connection(), 'comments', 100, { ticket_id: '2' })).records;
    // An incoming e-mail from the requester is the contact's comment.
    expect(listed.find((c) => c.author && (c.author as { type: string }).type === 'contact')).toBeDefined();
    await client.delete(connection(), 'comments', note.id);
    const after = (await walk(client, connection(), 'comments', 100, { ticket_id: '2' })).records;
    expect(after.map((c) => c.id)).not.toContain(note.id);
  });

  it('maps contacts (primary and other e-mails, both numbers, soft delete) and agents', async () => {
    const contact = await client.create(connection(), 'contacts', {
      name: 'Frank Grimes',
      emails: [{ email: 'frank@example.test' }, { email: 'grimey@example.test' }],
      phones: [{ number: '+1 555 0001', type: 'mobile' }],
      account_id: '19000000503',
    });
    expect(contact).toMatchObject({
      emails: [
        { email: 'frank@example.test', type: 'primary' },
        { email: 'grimey@example.test', type: 'other' },
      ],
      phones: [{ number: '+1 555 0001', type: 'mobile' }],
      account_id: '19000000503',
      is_active: true,
    });
    await client.delete(connection(), 'contacts', contact.id);
    expect((await client.get(connection(), 'contacts', contact.id)).is_active).toBe(false);

    const agent = await client.get(connection(), 'users', '19000000102');
    expect(agent).toMatchObject({
      name: 'Ben Agent',
      emails: [{ email: 'ben@acme-support.test', type: 'primary' }],
      team_ids: ['19000000201', '19000000202'],
      is_active: true,
    });
  });

  it('reads fields with their options from the shapes of Freshdesk choices (map, label pairs, list)', async () => {
    const fields = (await walk(client, connection(), 'fields', 100)).records;
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.status).toMatchObject({ type: 'enum', is_user_defined: false });
    expect((byName.status.options as unknown[])[0]).toEqual({ value: '2', label: 'Open' });
    expect((byName.priority.options as unknown[])[3]).toEqual({ value: '4', label: 'Urgent' });
    expect(byName.cf_refund_reason).toMatchObject({ type: 'enum', is_user_defined: true });
    expect((byName.cf_refund_reason.options as unknown[])[1]).toEqual({
      value: 'Late delivery',
      label: 'Late delivery',
    });
    expect(byName.cf_units).toMatchObject({ type: 'number', format: 'integer' });
    expect((await client.get(connection(), 'fields', String(byName.subject.id))).label).toBe('Subject');
  });

  it('waits out a 429 on reads (Retry-After) and surfaces it on writes', async () => {
    emulator.injectFault(emulator.rateLimitFault(1, 1));
    expect((await client.get(connection(), 'teams', '19000000201')).name).toBe('Tier 1');
    emulator.injectFault(emulator.rateLimitFault(1, 1));
    const limited = await failure(client.create(connection(), 'teams', { name: 'Limited' }));
    expect(limited).toBeInstanceOf(ProviderRateLimitError);
    expect((limited as ProviderRateLimitError).retryAfterSeconds).toBe(1);
  });
});
