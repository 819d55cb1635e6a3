import { SERVICENOW_SEED_TOKEN, sysId } from '@app/sandbox/servicenow';
import { ProviderAuthError, ProviderNotFoundError, ProviderValidationError } from '../engine/errors';
import { expectValid, failureOf, walk } from '../testing/provider-test-kit';
import { serviceNowHarness } from './servicenow.test-support';

const { emulator, client, connection } = serviceNowHarness();
const INC1 = sysId('incident', 1);

describe('ServiceNow through the definition and the emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('walks every table through sysparm_offset and the Link header, each record valid', async () => {
    const expected: Record<string, [number, Record<string, string>?]> = {
      tickets: [7],
      comments: [3, { ticket_id: INC1 }],
      users: [5],
      teams: [3],
      accounts: [2],
      ticket_status: [6],
      ticket_priorities: [5],
      ticket_types: [5], // the inactive `legacy` category is left out
      fields: [12], // the table's own dictionary row is not a field
      attachments: [2, { ticket_id: INC1 }],
    };
    for (const [resource, [count, query]] of Object.entries(expected)) {
      const { records, pages } = await walk(client, connection(), resource, 2, query);
      expect([resource, records.length, new Set(records.map((r) => r.id)).size]).toEqual([
        resource,
        count,
        count,
      ]);
      for (const record of records) expectValid(resource, record);
      expect([resource, pages]).toEqual([resource, Math.ceil(count / 2)]);
    }
    const page = await client.list(connection(), 'tickets', { limit: 3 });
    expect(page.is_partial).toBe(true);
    expect(page.result[0].description).toBeNull(); // not asked for: `get` has it
  });

  it('maps an incident with its labels and references; get is whole where the list is partial', async () => {
    const ticket = await client.get(connection(), 'tickets', sysId('incident', 2));
    expect(ticket).toMatchObject({
      number: 'INC0010002',
      name: 'VPN disconnects every hour',
      description: 'VPN disconnects every hour. Reported by phone.',
      status: { id: '3', name: 'On Hold', category: 'on_hold' },
      priority: { id: '3', name: '3 - Moderate', category: 'medium' },
      assignees: [{ id: sysId('sys_user', 3), name: 'David Loo' }],
      contact: { id: sysId('sys_user', 4), name: 'Abel Tuter' },
      created_by: { id: sysId('sys_user', 2), name: 'Beth Anglin', type: 'user' },
      team: { id: sysId('sys_user_group', 2), name: 'Network' },
      account: { id: sysId('core_company', 1), name: 'ACME North America' },
      ticket_type: { id: 'network', name: 'Network' },
      source: { id: 'email', name: 'Email' },
      due_date: '2026-05-12T09:00:00Z',
      created_at: '2026-05-05T09:00:00Z',
      ticket_url: `https://acme.service-now.com/nav_to.do?uri=incident.do?sys_id=${sysId('incident', 2)}`,
    });
    const closed = await client.get(connection(), 'tickets', sysId('incident', 5));
    expect([closed.status, closed.completed_at]).toEqual([
      { id: '7', name: 'Closed', category: 'done' },
      '2026-05-13T09:00:00Z',
    ]);
  });

  it('writes priority as impact and urgency, status as a state, and reads back journals as comments', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'Badge reader broken',
      contact: { id: sysId('sys_user', 4) },
      priority: { id: 'high' },
      ticket_type: { id: 'hardware' },
    });
    const stored = emulator.records('incident').find((r) => r.sys_id === created.id);
    expect(stored).toMatchObject({
      impact: '1',
      urgency: '2',
      priority: '2',
      state: '1',
      category: 'hardware',
    });
    expect(created).toMatchObject({ priority: { id: '2', name: '2 - High' }, status: { name: 'New' } });
    const resolved = await client.update(connection(), 'tickets', created.id, { status: { id: 'resolved' } });
    expect(resolved.status).toEqual({ id: '6', name: 'Resolved', category: 'done' });
    expect(resolved.completed_at).toEqual(expect.any(String));

    const note = await client.create(connection(), 'comments', {
      ticket: { id: created.id },
      body: 'Replaced the reader',
      is_internal: true,
    });
    expect(note).toMatchObject({
      body: 'Replaced the reader',
      is_internal: true,
      ticket: { id: created.id },
      author: { id: 'svc.integration', type: 'user' },
    });
    expect(note.id).toMatch(/^[0-9a-f]{32}$/);
    const reply = await client.create(connection(), 'comments', {
      ticket: { id: created.id },
      body: 'Fixed!',
    });
    expect([reply.is_internal, reply.channel]).toEqual([
      false,
      { id: 'comments', name: 'Additional comments' },
    ]);
    // The journal author resolves as a user by user name.
    expect((await client.get(connection(), 'users', 'svc.integration')).id).toBe(sysId('sys_user', 1));
    await client.delete(connection(), 'tickets', created.id);
    expect(await failureOf(client.get(connection(), 'tickets', created.id))).toBeInstanceOf(
      ProviderNotFoundError,
    );
  });

  it('maps dictionary columns to fields and Attachment API records to attachments', async () => {
    const { records: fields } = await walk(client, connection(), 'fields', 50);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.caller_id).toMatchObject({ type: 'reference', format: 'user', is_required: true });
    expect(byName.state).toMatchObject({ type: 'enum', label: 'State', is_user_defined: false });
    expect(byName.u_vendor_ticket).toMatchObject({ type: 'string', is_user_defined: true });
    expect(byName.number).toMatchObject({ is_unique: true });
    const { records: files } = await walk(client, connection(), 'attachments', 5, { ticket_id: INC1 });
    expect(files[0]).toMatchObject({
      file_name: 'mail-queue.png',
      ticket_id: INC1,
      size: 48213,
      content_type: 'image/png',
      uploaded_by: 'beth.anglin',
      file_url: `${emulator.url}/api/now/attachment/${files[0].id}/file`,
    });
  });

  it('reads another task table when the connection names one', async () => {
    const problem = { ...connection(), settings: { ...connection().settings, ticket_table: 'problem' } };
    const error = await failureOf(client.list(problem, 'tickets', { limit: 5 }));
    // The emulator has no problem table: ServiceNow's own 400 for an unknown table comes back.
    expect(error).toBeInstanceOf(ProviderValidationError);
    expect(error.message).toContain('Invalid table problem');
  });

  it('authenticates with a bearer token too, and turns refusals into the engine errors', async () => {
    const bearer = connection({ access_token: SERVICENOW_SEED_TOKEN });
    expect((await client.get(bearer, 'tickets', INC1)).number).toBe('INC0010001');
    expect(await failureOf(client.get(connection({ password: 'wrong' }), 'tickets', INC1))).toBeInstanceOf(
      ProviderAuthError,
    );
    // A data policy's 403 "Operation Failed" is a refused body, not refused credentials.
    const refused = await failureOf(client.create(connection(), 'tickets', { description: 'no name' }));
    expect(refused).toBeInstanceOf(ProviderValidationError);
    expect(refused.message).toContain('Short description is mandatory');
  });
});
