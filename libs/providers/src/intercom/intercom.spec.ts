import { INTERCOM_READ_ONLY_TOKEN } from '@app/sandbox/intercom';
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../engine/errors';
import { ExpressionCache } from '../engine/expression-cache';
import { RequestBuilder } from '../engine/request-builder';
import { intercom } from './index';
import { expectValid, intercomHarness, walk } from './intercom.test-support';

const { emulator, client, connection } = intercomHarness();

/** The bodies of the ticket searches the engine sent (the request log keeps no bodies, so a hook does). */
const searches: { pagination?: Record<string, unknown>; query?: unknown }[] = [];

beforeAll(async () => {
  emulator.app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/tickets/search')) searches.push(request.body as (typeof searches)[number]);
  });
  await emulator.start();
});
afterAll(() => emulator.stop());

describe('Intercom connection', () => {
  it('reaches the regional API the workspace is hosted in, US by default', async () => {
    const builder = new RequestBuilder(new ExpressionCache());
    const baseUrl = (settings: Record<string, string>) =>
      builder.baseUrl(intercom, { id: 'c', tenantId: 't', provider: 'intercom', settings, credentials: {} });
    expect(await baseUrl({})).toBe('https://api.intercom.io');
    expect(await baseUrl({ region: 'eu' })).toBe('https://api.eu.intercom.io');
    expect(await baseUrl({ region: 'au' })).toBe('https://api.au.intercom.io');
  });
});

describe('Intercom reads through the definition', () => {
  it('walks the ticket search with its cursor inside `pagination`, every ticket once', async () => {
    searches.length = 0;
    const { records, pages } = await walk(client, connection(), 'tickets', 4);
    const stored = emulator.records('tickets').map((t) => String(t.id));
    expect(records.map((r) => r.id)).toEqual(stored);
    expect(pages).toBe(Math.ceil(stored.length / 4));
    expect(searches[0]).toEqual({
      query: { field: 'created_at', operator: '>', value: 0 },
      pagination: { per_page: 4 },
    });
    expect(searches[1].pagination).toEqual({ per_page: 4, starting_after: expect.any(String) });
    for (const record of records) expectValid('tickets', record);
  });

  it('maps ticket states to status categories, the Inbox number, attributes, people and links', async () => {
    const get = (id: string) => client.get(connection(), 'tickets', id);
    const first = await get('631');
    expect(first).toMatchObject({
      id: '631',
      number: '38',
      name: 'Export button does nothing',
      description: 'Clicking Export on the reports page has no effect.',
      status: { id: '8322', name: 'In progress', category: 'in_progress' },
      ticket_type: { id: '67', name: 'Bug Report' },
      assignees: [{ id: '991267461' }],
      team: { id: '991267900' },
      contact: { id: '6762f0d01bb69f9f2193bb01' },
      conversations: [{ id: '1911149811' }],
      custom_fields: { Severity: 'High' },
      created_at: '2024-12-18T16:06:40.000Z',
    });
    expect((await get('632')).status).toEqual({
      id: '8323',
      name: 'Waiting on customer',
      category: 'on_hold',
    });
    expect(await get('633')).toMatchObject({
      status: { id: '8321', name: 'Submitted', category: 'open' },
      assignees: [],
      team: { id: '991267900' },
    });
    expect((await get('634')).status).toMatchObject({ id: '8324', category: 'done' });
    // A custom state keeps its own name and the category of its kind.
    expect((await get('635')).status).toEqual({ id: '8325', name: 'With Dev Team', category: 'in_progress' });
    // A customer ticket linked to a tracker ticket has it as parent; unassigned is no assignee, no team.
    expect(await get('636')).toMatchObject({ parent_ticket: { id: '639' } });
    expect(await get('637')).toMatchObject({ assignees: [], team: null, custom_fields: {} });
    // A tracker ticket has no contact and is nobody's child.
    expect(await get('639')).toMatchObject({ contact: null, parent_ticket: null });
  });

  it('forwards created_at/updated_at filters as search clauses on Unix seconds', async () => {
    searches.length = 0;
    const after = '2024-12-18T17:26:40Z'; // created_at of ticket 639 (T0 + 1000 + 8 * 600)
    const { records } = await walk(client, connection(), 'tickets', 50, { created_at: { gte: after } });
    expect(records.map((r) => r.id)).toEqual(['639', '640', '641', '642', '643', '644']);
    expect(searches[0].query).toEqual({
      operator: 'AND',
      value: [{ field: 'created_at', operator: '>', value: 1734542799 }],
    });
    const strict = await walk(client, connection(), 'tickets', 50, {
      created_at: { gt: after, lt: '2024-12-18T17:46:41Z' },
    });
    expect(strict.records.map((r) => r.id)).toEqual(['640', '641']);
  });

  it('lists a ticket’s comments and notes (not its state changes), notes internal, bodies as text', async () => {
    const { records } = await walk(client, connection(), 'comments', 3, { ticket_id: '631' });
    expect(records).toHaveLength(7);
    const note = records.find((r) => r.is_internal === true)!;
    expect(note).toMatchObject({
      is_private: true,
      body: 'Internal: checked the logs for ticket 38.',
      html_body: '<p>Internal: checked the logs for ticket 38.</p>',
      ticket: { id: '631' },
      author: { id: '991267461', name: 'Liu Wei', type: 'user' },
    });
    expect(records[0]).toMatchObject({
      is_internal: false,
      author: { id: '6762f0d01bb69f9f2193bb01', name: 'Joe Bloggs', type: 'contact' },
      body: 'Any news on "Export button does nothing"? (1)',
    });
    for (const record of records) expectValid('comments', record);
    const one = await client.get(connection(), 'comments', records[1].id, { query: { ticket_id: '631' } });
    expect(one.id).toBe(records[1].id);
    // A state-change part is no comment.
    await expect(
      client.get(connection(), 'comments', '185', { query: { ticket_id: '631' } }),
    ).rejects.toThrow(ProviderNotFoundError);
  });

  it('maps admins, teams, contacts, companies, ticket types, states and tags', async () => {
    const all = async (resource: string) => (await walk(client, connection(), resource, 5)).records;
    const users = await all('users');
    expect(users[1]).toMatchObject({
      id: '991267461',
      name: 'Liu Wei',
      emails: [{ email: 'liu@acme.example' }],
      team_ids: ['991267900', '991267901'],
      roles: [{ id: '2', name: 'Support Agent' }],
    });
    expect((await all('teams')).map((t) => t.name)).toEqual(['Support', 'Billing', 'Engineering']);
    const contacts = await all('contacts');
    expect(contacts).toHaveLength(12);
    expect(contacts[0]).toMatchObject({ name: 'Joe Bloggs', account_id: '6762f07a1bb69f9f2193ba01' });
    const accounts = await all('accounts');
    expect(accounts).toHaveLength(7);
    expect(accounts[0]).toMatchObject({ name: 'Globex Corporation', domains: ['globex.example'] });
    expect((await all('ticket_status')).map((s) => s.name)).toEqual([
      'Submitted',
      'In progress',
      'Waiting on customer',
      'Resolved',
      'With Dev Team',
    ]);
    expect((await all('ticket_types')).map((t) => t.name)).toContain('Incident Tracker');
    expect((await all('tags')).map((t) => t.name)).toContain('VIP');
    for (const [resource, records] of [
      ['users', users],
      ['contacts', contacts],
      ['accounts', accounts],
    ] as const)
      for (const record of records) expectValid(resource, record);
  });
});

describe('Intercom writes through the definition', () => {
  it('creates a ticket with the connection’s default type and contact, and refuses one without a title', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'From the gateway',
      description: 'Hi',
    });
    expect(created).toMatchObject({
      name: 'From the gateway',
      status: { id: '8321', category: 'open' },
      ticket_type: { id: '67' },
      contact: { id: '6762f0d01bb69f9f2193bb01' },
    });
    const refused = client.create(connection(), 'tickets', { description: 'No title' });
    await expect(refused).rejects.toThrow(ProviderValidationError);
    await expect(refused).rejects.toThrow('Ticket attribute _default_title_ is required');
  });

  it('moves a ticket through states and refuses a state of another ticket type', async () => {
    const updated = await client.update(connection(), 'tickets', '633', {
      status: { id: '8324' },
      assignees: [{ id: '991267460' }],
    });
    expect(updated).toMatchObject({
      status: { id: '8324', category: 'done' },
      assignees: [{ id: '991267460' }],
    });
    // "With Dev Team" belongs to back-office and tracker types only; 633 is a Bug Report.
    await expect(client.update(connection(), 'tickets', '633', { status: { id: '8325' } })).rejects.toThrow(
      'Ticket state id is not valid or is not associated with the ticket type',
    );
  });

  it('writes internal comments as notes and public ones as admin comments', async () => {
    const note = await client.create(
      connection(),
      'comments',
      { ticket: { id: '632' }, body: 'Checked with finance', is_internal: true },
      { query: { ticket_id: '632' } },
    );
    expect(note).toMatchObject({
      is_internal: true,
      ticket: { id: '632' },
      author: { id: '991267460', type: 'user' },
    });
    expect(note.remote_data).toMatchObject({ part_type: 'note' });
    const reply = await client.create(connection(), 'comments', {
      ticket: { id: '632' },
      body: 'Refund sent',
    });
    expect(reply.remote_data).toMatchObject({ part_type: 'comment', author: { type: 'admin' } });
    // Contacts cannot reply on back-office tickets.
    await expect(
      client.create(connection(), 'comments', {
        ticket: { id: '635' },
        body: 'Me too',
        author: { id: '6762f0d01bb69f9f2193bb06', type: 'contact' },
      }),
    ).rejects.toThrow('User replies are not allowed on Backoffice tickets');
  });
});

describe('Intercom errors through the definition', () => {
  it('401 for a refused token, 403 for a read-only one writing, 404 for a missing ticket', async () => {
    await expect(client.get(connection('not-a-token'), 'tickets', '631')).rejects.toThrow(ProviderAuthError);
    await expect(client.get(connection(INTERCOM_READ_ONLY_TOKEN), 'tickets', '631')).resolves.toMatchObject({
      id: '631',
    });
    const readOnly = client.create(connection(INTERCOM_READ_ONLY_TOKEN), 'tags', { name: 'nope' });
    await expect(readOnly).rejects.toThrow(ProviderAuthError);
    await expect(readOnly).rejects.toMatchObject({ providerStatus: 403 });
    await expect(readOnly).rejects.toThrow('You do not have the required scope');
    const missing = client.get(connection(), 'tickets', '987654');
    await expect(missing).rejects.toThrow(ProviderNotFoundError);
    await expect(missing).rejects.toThrow('Ticket not found');
  });

  it('429 with X-RateLimit-* becomes a rate-limit error with the reset time', async () => {
    emulator.injectFault(emulator.rateLimitFault(30, 5));
    try {
      const error = await client.list(connection(), 'tickets', { limit: 2 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderRateLimitError);
      expect(error).toMatchObject({ limit: 10000, remaining: 0, retryAfterSeconds: 30 });
      // X-RateLimit-Reset is a Unix time in seconds, about 30 s ahead.
      const inSeconds = ((error as ProviderRateLimitError).resetAt!.getTime() - Date.now()) / 1000;
      expect(inSeconds).toBeGreaterThan(25);
      expect(inSeconds).toBeLessThanOrEqual(31);
    } finally {
      emulator.clearFaults();
    }
  });
});
