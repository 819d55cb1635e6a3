import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../engine/errors';
import { expectValid, failure, hubspotHarness, walk } from './hubspot.test-support';

const { emulator, client, connection } = hubspotHarness();

describe('HubSpot through the definition and the emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('walks every list to its end with `after` cursors, each record valid', async () => {
    const expected: Record<string, [number, Record<string, string>?]> = {
      tickets: [12],
      comments: [3, { ticket_id: '1001' }],
      contacts: [5],
      accounts: [3],
      users: [4],
      teams: [2],
      ticket_status: [6], // 4 stages of the Support Pipeline, 2 of Escalations
      ticket_priorities: [4],
      ticket_types: [4],
      fields: [12],
    };
    for (const [resource, [count, query]] of Object.entries(expected)) {
      const { records, pages } = await walk(client, connection(), resource, 2, query);
      expect([resource, records.length]).toEqual([resource, count]);
      expect(new Set(records.map((r) => r.id)).size).toBe(count);
      for (const record of records) expectValid(resource, record);
      expect([resource, pages]).toEqual([resource, Math.ceil(count / 2)]);
    }
    // Notes are searched by their association with the ticket, paging in the body.
    const search = emulator.requests.find((r) => r.url === '/crm/v3/objects/notes/search');
    expect(search?.method).toBe('POST');
  });

  it('maps stages to categories (other pipelines by their closing), owner, contact, company, type, source', async () => {
    const t1 = await client.get(connection(), 'tickets', '1001');
    expect(t1).toMatchObject({
      name: 'Cannot log in after password reset',
      status: { id: '1', name: 'New', category: 'open' },
      priority: { id: 'HIGH', name: 'High', category: 'high' },
      assignees: [{ id: '110001' }],
      contact: { id: '51' },
      account: { id: '9001' },
      ticket_type: { id: 'PRODUCT_ISSUE' },
      source: { id: 'EMAIL' },
      completed_at: null,
      ticket_url: 'https://app.hubspot.com/contacts/24681357/ticket/1001',
    });
    const categories = await Promise.all(
      ['1002', '1003', '1004', '1006', '1008'].map(async (id) => {
        const t = await client.get(connection(), 'tickets', id);
        return [id, (t.status as { category: string }).category, t.completed_at !== null];
      }),
    );
    expect(categories).toEqual([
      ['1002', 'on_hold', false],
      ['1003', 'in_progress', false],
      ['1004', 'done', true],
      ['1006', 'in_progress', false], // Escalations › Triage
      ['1008', 'done', true], // Escalations › Resolved: closed
    ]);
  });

  it('creates a ticket in the pipeline with its associations, updates and archives it', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'Printer on fire',
      description: 'Smoke',
      contact: { id: '53' },
      account: { id: '9002' },
      priority: { id: 'urgent' },
      assignees: [{ id: '110003' }],
    });
    expect(created).toMatchObject({
      status: { id: '1', category: 'open' },
      priority: { id: 'URGENT' },
      contact: { id: '53' },
      account: { id: '9002' },
      collections: [{ id: '0', type: 'list' }],
    });
    const stored = emulator.records('tickets').find((t) => t.id === created.id);
    expect(stored?.properties).toMatchObject({
      hs_pipeline: '0',
      hs_pipeline_stage: '1',
      hs_ticket_priority: 'URGENT',
    });
    const links = emulator.records('associations').filter((a) => a.fromId === created.id);
    expect(links.map((a) => [a.toType, a.toId, a.typeId])).toEqual([
      ['contacts', '53', 16],
      ['companies', '9002', 26],
    ]);
    const closed = await client.update(connection(), 'tickets', created.id, {
      status: { id: 'Closed' },
      assignees: [],
    });
    expect(closed).toMatchObject({ status: { id: '4', category: 'done' }, assignees: [] });
    expect(closed.completed_at).toEqual(expect.any(String));
    await client.delete(connection(), 'tickets', created.id);
    expect(await failure(client.get(connection(), 'tickets', created.id))).toBeInstanceOf(
      ProviderNotFoundError,
    );
  });

  it('writes notes on a ticket: internal, HTML kept, plain text stripped of tags', async () => {
    const note = await client.create(connection(), 'comments', {
      ticket: { id: '1002' },
      html_body: '<p>Called the <b>customer</b></p>',
      author: { id: '110003', type: 'user' },
    });
    expect(note).toMatchObject({
      body: 'Called the customer',
      html_body: '<p>Called the <b>customer</b></p>',
      ticket: { id: '1002' },
      author: { id: '110003', type: 'user' },
      is_internal: true,
    });
    const { records } = await walk(client, connection(), 'comments', 10, { ticket_id: '1002' });
    expect(records.map((r) => r.id)).toEqual(['40004', note.id]);
    const edited = await client.update(connection(), 'comments', note.id, { body: 'Plain now' });
    expect(edited.body).toBe('Plain now');
  });

  it("turns HubSpot's refusals into the engine's errors", async () => {
    expect(await failure(client.get(connection('pat-na1-wrong'), 'tickets', '1001'))).toBeInstanceOf(
      ProviderAuthError,
    );
    expect(await failure(client.get(connection(), 'contacts', '999'))).toBeInstanceOf(ProviderNotFoundError);
    const invalid = await failure(
      client.update(connection(), 'tickets', '1001', { priority: { id: 'SOMEDAY' } }),
    );
    expect(invalid).toBeInstanceOf(ProviderValidationError);
    expect(invalid.message).toContain('SOMEDAY was not one of the allowed options');
    const missing = await failure(client.create(connection(), 'tickets', { description: 'no subject' }));
    expect(missing.message).toContain('subject is required');
    emulator.injectFault(emulator.rateLimitFault(1, 5));
    expect(await failure(client.get(connection(), 'tickets', '1001'))).toBeInstanceOf(ProviderRateLimitError);
    emulator.clearFaults();
  });
});
