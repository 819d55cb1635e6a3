import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../engine/errors';
import { expectValid, failure, helpScoutHarness, walk } from './help-scout.test-support';

const { emulator, client, connection } = helpScoutHarness();

describe('Help Scout through the definition and the emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it("walks every list to its end, cutting Help Scout's fixed pages to the limit", async () => {
    const expected: Record<string, [number, Record<string, string>?]> = {
      tickets: [28], // every status, over two fixed pages of 25
      comments: [3, { ticket_id: '2400001' }], // customer, reply and note
      contacts: [6],
      users: [4],
      teams: [2],
      tags: [4],
      collections: [2],
      fields: [3],
    };
    for (const [resource, [count, query]] of Object.entries(expected)) {
      const { records, pages } = await walk(client, connection(), resource, 4, query);
      expect([resource, records.length]).toEqual([resource, count]);
      expect(new Set(records.map((r) => r.id)).size).toBe(count);
      for (const record of records) expectValid(resource, record);
      if (resource === 'tickets') expect(pages).toBe(8); // 25 = 4×6 + 1, then 3
    }
    const listed = emulator.requests.filter((r) => r.url.startsWith('/v2/conversations?'));
    expect(listed[0].url).toContain('status=all');
    expect(listed.every((r) => !/size/i.test(r.url))).toBe(true); // Help Scout takes no page size
    const threads = await walk(client, connection(), 'comments', 10, { ticket_id: '2400003' });
    expect(threads.records.map((r) => (r.channel as { id: string }).id)).not.toContain('lineitem');
  });

  it('maps a conversation: status category, first customer thread as description, mailbox, tags, fields', async () => {
    const t = await client.get(connection(), 'tickets', '2400001');
    expect(t).toMatchObject({
      number: '1001',
      name: 'Cannot log in after password reset #1',
      description: 'Cannot log in after password reset. Can you help?',
      status: { id: 'active', category: 'open' },
      assignees: [{ id: '428001', name: 'Maya Okafor' }],
      contact: { id: '300101', name: 'Rachel Green' },
      created_by: { id: '300101', type: 'contact' },
      collections: [{ id: '148217', type: 'folder' }],
      tags: [{ id: '9102', name: 'bug' }],
      custom_fields: { Plan: 'Pro', 'Order number': '5000' },
      ticket_url: 'https://secure.helpscout.net/conversation/2400001/1001',
    });
    const closed = await client.get(connection(), 'tickets', '2400003');
    expect([closed.status, closed.completed_at]).toEqual([
      { id: 'closed', name: 'Closed', category: 'done' },
      expect.any(String),
    ]);
  });

  it('creates a conversation (201 + Resource-ID), patches it one operation at a time, retags and deletes it', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'Printer on fire',
      description: 'Smoke everywhere',
      contact: { id: '300103' },
      tags: [{ id: 'vip', name: 'vip' }],
    });
    expect(created).toMatchObject({
      name: 'Printer on fire',
      description: 'Smoke everywhere',
      status: { id: 'active' },
      contact: { id: '300103' },
      collections: [{ id: '148217' }],
      tags: [{ name: 'vip' }],
    });
    const before = emulator.requests.length;
    const updated = await client.update(connection(), 'tickets', created.id, {
      name: 'Printer fixed',
      status: { id: 'closed' },
      assignees: [{ id: '428004' }],
      tags: [{ id: 'billing', name: 'billing' }],
    });
    expect(updated).toMatchObject({
      name: 'Printer fixed',
      status: { id: 'closed', category: 'done' },
      assignees: [{ id: '428004' }],
      tags: [{ name: 'billing' }],
    });
    const writes = emulator.requests.slice(before).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.method)).toEqual(['PATCH', 'PATCH', 'PATCH', 'PUT']);
    await client.delete(connection(), 'tickets', created.id);
    expect(await failure(client.get(connection(), 'tickets', created.id))).toBeInstanceOf(
      ProviderNotFoundError,
    );
  });

  it('adds notes and replies as threads; the new thread is listed newest first', async () => {
    const note = await client.create(
      connection(),
      'comments',
      { ticket: { id: '2400002' }, html_body: '<p>Internal</p>', is_internal: true },
      { query: { ticket_id: '2400002' } },
    );
    expect(note.id).toMatch(/^\d+$/);
    const reply = await client.create(connection(), 'comments', {
      ticket: { id: '2400002' },
      body: 'We fixed it',
      author: { id: '428003', type: 'user' },
      receiver: { id: '300102', type: 'contact' },
    });
    const { records } = await walk(client, connection(), 'comments', 10, { ticket_id: '2400002' });
    expect(records.slice(0, 2).map((r) => [r.id, r.is_internal, (r.author as { id: string }).id])).toEqual([
      [reply.id, false, '428003'],
      [note.id, true, '428001'],
    ]);
  });

  it("turns Help Scout's refusals into the engine's errors", async () => {
    expect(await failure(client.get(connection('hs-at-wrong'), 'tickets', '2400001'))).toBeInstanceOf(
      ProviderAuthError,
    );
    expect(await failure(client.get(connection(), 'contacts', '1'))).toBeInstanceOf(ProviderNotFoundError);
    const invalid = await failure(
      client.create(connection(), 'tickets', {
        name: 'No customer',
        description: 'x',
        contact: { id: '999' },
      }),
    );
    expect(invalid).toBeInstanceOf(ProviderValidationError);
    expect(invalid.message).toContain('customer.id does not exist');
    emulator.injectFault(emulator.rateLimitFault(1, 5));
    expect(await failure(client.get(connection(), 'users', '428001'))).toBeInstanceOf(ProviderRateLimitError);
    emulator.clearFaults();
  });
});
