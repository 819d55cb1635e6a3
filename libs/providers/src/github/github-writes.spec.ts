import { createRecordValidator } from '@app/unified-models';
import { ProviderNotFoundError } from '../engine/errors';
import type { UnifiedRecord } from '../engine/record-mapper';
import { githubHarness, unifiedFields } from './github-test-kit';

type Json = Record<string, unknown>;

describe('GitHub definition × emulator: writes read back what GitHub kept', () => {
  const { emulator, client, connection, listAll } = githubHarness();
  const valid = (resource: string, record: UnifiedRecord) =>
    expect(createRecordValidator(resource as never)(record).errors ?? []).toEqual([]);

  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('creates a ticket with assignees, tags, milestone and type, then updates and closes it', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'Checkout fails on Safari',
      description: 'Steps to reproduce…',
      assignees: [{ id: '1002', name: 'monalisa' }],
      tags: [{ id: 'bug' }, { id: 'area: ui' }],
      collections: [{ id: '3', type: 'milestone' }],
      ticket_type: { id: '411', name: 'Bug' },
    });
    valid('tickets', created);
    expect(created).toMatchObject({
      id: '40',
      name: 'Checkout fails on Safari',
      description: 'Steps to reproduce…',
      assignees: [{ id: '1002', name: 'monalisa' }],
      tags: [
        { id: 'bug', name: 'bug' },
        { id: 'area: ui', name: 'area: ui' },
      ],
      collections: [{ id: '3', name: 'v2.0', type: 'milestone' }],
      ticket_type: { id: '411', name: 'Bug' },
      status: { id: 'open', category: 'open' },
      created_by: { id: '1001', name: 'octocat', type: 'user' },
    });
    expect(unifiedFields(await client.get(connection(), 'tickets', '40'))).toEqual(unifiedFields(created));

    const updated = await client.update(connection(), 'tickets', '40', {
      name: 'Checkout fails on Safari 17',
      description: null,
      status: { id: 'closed' },
      assignees: [],
      tags: [{ id: 'question' }],
      collections: [],
      ticket_type: null,
    });
    valid('tickets', updated);
    expect(updated).toMatchObject({
      name: 'Checkout fails on Safari 17',
      description: null,
      status: { id: 'closed', category: 'done' },
      assignees: [],
      tags: [{ id: 'question', name: 'question' }],
      collections: null,
      ticket_type: null,
    });
    expect(updated.completed_at).toEqual(expect.any(String));
    expect(unifiedFields(await client.get(connection(), 'tickets', '40'))).toEqual(unifiedFields(updated));
  });

  it('leaves the fields an update does not name untouched', async () => {
    const before = await client.get(connection(), 'tickets', '2');
    const after = await client.update(connection(), 'tickets', '2', { name: 'Only the title' });
    expect(after.name).toBe('Only the title');
    const { name: _a, updated_at: _b, ...rest } = unifiedFields(after);
    const { name: _c, updated_at: _d, ...restBefore } = unifiedFields(before);
    expect(rest).toEqual(restBefore);
  });

  it('creates, edits and deletes a comment; the deleted comment is not found', async () => {
    const created = await client.create(connection(), 'comments', {
      ticket: { id: '3' },
      body: 'Can reproduce.',
    });
    valid('comments', created);
    expect(created).toMatchObject({
      body: 'Can reproduce.',
      ticket: { id: '3' },
      author: { id: '1001', type: 'user' },
    });
    const updated = await client.update(connection(), 'comments', created.id, {
      body: 'Can reproduce on 17.1.',
    });
    expect(updated.body).toBe('Can reproduce on 17.1.');
    expect((await client.get(connection(), 'comments', created.id)).body).toBe('Can reproduce on 17.1.');
    await client.delete(connection(), 'comments', created.id);
    await expect(client.get(connection(), 'comments', created.id)).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
  });

  it('creates, renames and deletes a tag addressed by its name', async () => {
    const created = await client.create(connection(), 'tags', { name: 'needs triage', color: '#00FF00' });
    valid('tags', created);
    expect(created).toMatchObject({
      id: 'needs triage',
      color: '#00ff00',
      workspace: { id: 'octo-org/tracker' },
    });
    const renamed = await client.update(connection(), 'tags', 'needs triage', {
      name: 'triaged',
      color: '#112233',
    });
    expect(renamed).toMatchObject({ id: 'triaged', name: 'triaged', color: '#112233' });
    expect((await client.get(connection(), 'tags', 'triaged')).color).toBe('#112233');
    await expect(client.get(connection(), 'tags', 'needs triage')).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
    await client.delete(connection(), 'tags', 'triaged');
    await expect(client.get(connection(), 'tags', 'triaged')).rejects.toBeInstanceOf(ProviderNotFoundError);
  });

  it('creates, updates and deletes a milestone collection', async () => {
    const created = await client.create(connection(), 'collections', { name: 'v3.0', description: 'Next' });
    valid('collections', created);
    expect(created).toMatchObject({ id: '6', name: 'v3.0', description: 'Next', type: 'milestone' });
    const updated = await client.update(connection(), 'collections', '6', { name: 'v3.1' });
    expect(updated).toMatchObject({ name: 'v3.1', description: 'Next' });
    expect((await client.get(connection(), 'collections', '6')).name).toBe('v3.1');
    await client.delete(connection(), 'collections', '6');
    await expect(client.get(connection(), 'collections', '6')).rejects.toBeInstanceOf(ProviderNotFoundError);
  });

  it('creates and deletes an issue type (no get: read back through the list)', async () => {
    const created = await client.create(connection(), 'ticket_types', {
      name: 'Spike',
      description: 'Research',
    });
    valid('ticket_types', created);
    const listed = (await listAll('ticket_types')).records.find((r) => r.id === created.id);
    expect(listed).toMatchObject({ name: 'Spike', description: 'Research' });
    expect((listed!.remote_data as Json).is_enabled).toBe(true);
    await client.delete(connection(), 'ticket_types', created.id);
    expect((await listAll('ticket_types')).records.map((r) => r.id)).not.toContain(created.id);
  });

  it('creates, updates and deletes an issue field, its options included', async () => {
    const created = await client.create(connection(), 'fields', {
      name: 'Severity',
      type: 'enum',
      options: [{ value: 'S1', label: 'S1' }, { value: 'S2' }],
    });
    valid('fields', created);
    expect(created).toMatchObject({
      name: 'Severity',
      type: 'enum',
      options: [{ value: 'S1' }, { value: 'S2' }],
    });
    await client.update(connection(), 'fields', created.id, {
      description: 'How bad',
      options: [{ value: 'S1' }],
    });
    const listed = (await listAll('fields')).records.find((r) => r.id === created.id);
    expect(listed).toMatchObject({
      name: 'Severity',
      description: 'How bad',
      options: [{ value: 'S1', label: 'S1' }],
    });
    await client.delete(connection(), 'fields', created.id);
    expect((await listAll('fields')).records.map((r) => r.id)).not.toContain(created.id);
  });
});
