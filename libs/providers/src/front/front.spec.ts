import { FRONT_READ_ONLY_TOKEN } from '@app/sandbox/front';
import { conversationId } from '@app/sandbox/front';
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../engine/errors';
import { expectValid, frontHarness, walk } from './front.test-support';

const { emulator, client, connection } = frontHarness();
const records = (collection: string) => emulator.records(collection);

describe('Front definition against the emulator: lists, mappings, writes, errors', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());
  afterEach(() => emulator.clearFaults());

  it('walks every list through `_pagination.next`, on small pages, each record valid', async () => {
    const expected: Record<string, string> = {
      tickets: 'conversations',
      users: 'teammates',
      teams: 'teams',
      workspaces: 'inboxes',
      tags: 'tags',
      ticket_status: 'statuses',
      contacts: 'contacts',
      accounts: 'accounts',
    };
    for (const [resource, collection] of Object.entries(expected)) {
      const { records: listed, pages } = await walk(client, connection(), resource, 3);
      const ids = listed.map((r) => r.id);
      expect([resource, new Set(ids).size]).toEqual([resource, records(collection).length]);
      expect([resource, ids.length]).toEqual([resource, records(collection).length]);
      expect(pages).toBe(Math.max(1, Math.ceil(ids.length / 3)));
      for (const record of listed) expectValid(resource, record);
    }
    // The second page was asked for with the token Front put in the first page's next URL.
    const pageTwo = emulator.requests.find(
      (r) => r.url.startsWith('/conversations?') && r.url.includes('page_token='),
    );
    expect(pageTwo?.url).toMatch(/limit=3&page_token=/);
  });

  it('maps ticket statuses: ticket status category, trash over everything, legacy without ticketing', async () => {
    const byId = new Map((await walk(client, connection(), 'tickets', 100)).records.map((t) => [t.id, t]));
    expect(byId.get(conversationId(0))?.status).toEqual({ id: 'sts_5x', category: 'open' });
    expect(byId.get(conversationId(1))?.status).toMatchObject({ id: 'sts_5y', category: 'on_hold' });
    expect(byId.get(conversationId(2))?.status).toMatchObject({ id: 'sts_5z', category: 'done' });
    // A custom status keeps its own id and its category (open).
    expect(byId.get(conversationId(3))?.status).toMatchObject({ id: 'sts_61', category: 'open' });
    expect(byId.get(conversationId(11))?.status).toEqual({
      id: 'deleted',
      name: 'deleted',
      category: 'cancelled',
    });

    const first = byId.get(conversationId(0))!;
    expect(first).toMatchObject({
      name: 'Order #4417 arrived damaged',
      number: 'TICKET-101',
      assignees: [{ id: 'tea_6r55a', name: 'Amara Okafor' }],
      contact: { id: 'crd_3cgz4ge', name: 'Dana Whitfield' },
      ticket_type: { id: 'conversation' },
      tags: [{ id: 'tag_2oxhvy', name: 'Bug' }],
      ticket_url: `https://app.frontapp.com/open/${conversationId(0)}`,
      created_at: '2025-11-24T16:00:00.125Z',
    });
    // A discussion has no recipient, so no contact; a task has its due date.
    expect(byId.get(conversationId(4))).toMatchObject({ contact: null, ticket_type: { id: 'discussion' } });
    expect(byId.get(conversationId(7))).toMatchObject({
      ticket_type: { id: 'task' },
      due_date: expect.any(String),
    });
  });

  it('lists a conversation’s messages (public) and comments (internal) from its timeline, newest first', async () => {
    const id = conversationId(1);
    const { records: timeline } = await walk(client, connection(), 'comments', 2, { ticket_id: id });
    // Conversation 1 has one inbound message and one comment; its assign and tag events are not comments.
    expect(timeline.map((c) => c.id.slice(0, 4))).toEqual(['com_', 'msg_']);
    const [note, message] = timeline;
    expect(note).toMatchObject({
      is_internal: true,
      is_private: true,
      html_body: null,
      author: { id: 'tea_6r55a', name: 'Amara Okafor', type: 'user' },
      ticket: { id },
    });
    expect(message).toMatchObject({
      is_internal: false,
      is_private: false,
      channel: { id: 'email' },
      author: { id: 'crd_3cgz4gf', name: 'Marco Bellini', type: 'contact' },
      receiver: null,
      ticket: { id },
    });
    expect(message.html_body).toContain('<p>');
    for (const record of timeline) {
      expectValid('comments', record);
      // get reads each from its own endpoint and agrees with the list.
      const { etag, remote_data: _raw, ...got } = await client.get(connection(), 'comments', record.id);
      expect(etag).toBe(record.etag);
      expect(got.id).toBe(record.id);
    }
    const outbound = (
      await walk(client, connection(), 'comments', 50, { ticket_id: conversationId(0) })
    ).records.find(
      (c) => c.author && (c.author as { type: string }).type === 'user' && c.is_internal === false,
    );
    expect(outbound).toMatchObject({ receiver: { id: 'crd_3cgz4ge', type: 'contact' } });
  });

  it('creates a discussion in the connection inbox, then updates status, assignee and tags (204, read back)', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'Gateway',
      description: 'First words',
    });
    expectValid('tickets', created);
    expect(created).toMatchObject({
      name: 'Gateway',
      ticket_type: { id: 'discussion' },
      status: { category: 'open' },
    });
    const stored = records('conversations').find((c) => c.id === created.id)!;
    expect(stored.inbox_ids).toEqual(['inb_1ix6']);
    expect(records('comments').find((c) => c.conversation_id === created.id)?.body).toBe('First words');

    const updated = await client.update(connection(), 'tickets', created.id, {
      status: { id: 'sts_5z' },
      assignees: [{ id: 'tea_6r56b' }],
      tags: [{ id: 'tag_2oxhx1' }, { id: 'tag_2oxhvy' }],
    });
    expect(updated).toMatchObject({
      id: created.id,
      status: { id: 'sts_5z', category: 'done' },
      assignees: [{ id: 'tea_6r56b' }],
      tags: [{ id: 'tag_2oxhx1' }, { id: 'tag_2oxhvy' }],
    });
    const patch = emulator.requests.filter((r) => r.method === 'PATCH').at(-1)!;
    expect(patch.url).toBe(`/conversations/${created.id}`);

    const trashed = await client.update(connection(), 'tickets', created.id, {
      status: { id: 'deleted' },
      assignees: [],
    });
    expect(trashed).toMatchObject({ status: { id: 'deleted', category: 'cancelled' }, assignees: [] });
    const reopened = await client.update(connection(), 'tickets', created.id, { status: { id: 'open' } });
    expect(reopened.status).toMatchObject({ id: 'sts_5x', category: 'open' });

    // Front keeps descriptions for tasks: its 400 comes back as a validation error with its message.
    const refused = await client
      .update(connection(), 'tickets', created.id, { description: 'not on a discussion' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderValidationError);
    expect((refused as Error).message).toContain('only allowed on tasks');
  });

  it('creates a task (description and due date kept) for teammates when there is no inbox', async () => {
    const noInbox = { ...connection(), settings: { base_url: emulator.url } };
    const task = await client.create(noInbox, 'tickets', {
      name: 'Count the stock',
      description: 'Shelf A4',
      ticket_type: { id: 'task' },
      due_date: '2030-12-20',
      assignees: [{ id: 'tea_6r58d' }],
    });
    expect(task).toMatchObject({
      ticket_type: { id: 'task' },
      description: 'Shelf A4',
      due_date: '2030-12-20T00:00:00.000Z',
    });
    const stored = records('conversations').find((c) => c.id === task.id)!;
    expect([stored.inbox_ids, stored.is_private]).toEqual([[], true]);
    // Neither an inbox nor teammates: Front's 400.
    const nowhere = await client.create(noInbox, 'tickets', { name: 'Lost' }).catch((e: unknown) => e);
    expect(nowhere).toBeInstanceOf(ProviderValidationError);
    expect((nowhere as Error).message).toContain('Either inbox_id or teammate_ids');
  });

  it('creates internal comments, edits them, and writes tags, contacts and accounts', async () => {
    const ticket = conversationId(2);
    const comment = await client.create(connection(), 'comments', { ticket: { id: ticket }, body: 'Note' });
    expect(comment).toMatchObject({ ticket: { id: ticket }, is_internal: true, author: { type: 'system' } });
    const edited = await client.update(connection(), 'comments', comment.id, { body: 'Edited' });
    expect(edited).toMatchObject({ id: comment.id, body: 'Edited' });
    expect(emulator.requests.filter((r) => r.method === 'PATCH').at(-1)?.url).toBe(
      `/comments/${comment.id}/`,
    );

    const tag = await client.create(connection(), 'tags', {
      name: 'Gateway',
      color: 'blue',
      parent: { id: 'tag_2oxhx2' },
    });
    expect(tag).toMatchObject({ name: 'Gateway', color: 'blue', parent: { id: 'tag_2oxhx2' } });
    expect(await client.update(connection(), 'tags', tag.id, { color: 'red' })).toMatchObject({
      color: 'red',
      name: 'Gateway',
    });
    const badColour = await client
      .update(connection(), 'tags', tag.id, { color: '#ff0000' })
      .catch((e: unknown) => e);
    expect(badColour).toBeInstanceOf(ProviderValidationError);
    await client.delete(connection(), 'tags', tag.id);
    expect(await client.get(connection(), 'tags', tag.id).catch((e: unknown) => e)).toBeInstanceOf(
      ProviderNotFoundError,
    );

    const contact = await client.create(connection(), 'contacts', {
      name: 'Wes Webhook',
      emails: [{ email: 'wes@hook.example' }],
      phones: [{ number: '+15550100' }],
    });
    expect(records('contacts').find((c) => c.id === contact.id)?.handles).toEqual([
      { handle: 'wes@hook.example', source: 'email' },
      { handle: '+15550100', source: 'phone' },
    ]);
    expect(
      await client.update(connection(), 'contacts', contact.id, { details: 'Met at the fair' }),
    ).toMatchObject({
      name: 'Wes Webhook',
      details: 'Met at the fair',
      emails: [{ email: 'wes@hook.example' }],
    });
    const account = await client.create(connection(), 'accounts', {
      name: 'Hook Inc',
      domains: ['hook.example'],
    });
    expect(await client.update(connection(), 'accounts', account.id, { domains: [] })).toMatchObject({
      domains: [],
    });
  });

  it('surfaces Front’s 401, 403, 404 and 429 with its error messages', async () => {
    const unauthorized = await client.list(connection('revoked'), 'tickets').catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(ProviderAuthError);
    expect((unauthorized as Error).message).toContain('Invalid or missing API token');

    const readOnly = await client
      .create(connection(FRONT_READ_ONLY_TOKEN), 'tags', { name: 'nope' })
      .catch((e: unknown) => e);
    expect(readOnly).toMatchObject({ providerStatus: 403 });
    expect((readOnly as Error).message).toContain('write scope');
    expect((await client.list(connection(FRONT_READ_ONLY_TOKEN), 'tags')).result.length).toBeGreaterThan(0);

    const missing = await client.get(connection(), 'tickets', 'cnv_nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ProviderNotFoundError);
    expect((missing as Error).message).toContain('The conversation does not exist');

    emulator.injectFault(emulator.rateLimitFault(0, 1));
    expect((await client.get(connection(), 'tickets', conversationId(0))).id).toBe(conversationId(0));
    emulator.injectFault(emulator.rateLimitFault(7, 5));
    const limited = await client.get(connection(), 'tickets', conversationId(0)).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ProviderRateLimitError);
    expect(limited).toMatchObject({ retryAfterSeconds: 7, remaining: 0, limit: 200 });
  });
});
