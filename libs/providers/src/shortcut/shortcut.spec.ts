import { ShortcutEmulator, SHORTCUT_SEED_TOKEN, STATE, MEMBER } from '@app/sandbox/shortcut';
import type { ConnectionContext } from '../engine/connection-context';
import {
  DeliveryReceiver,
  engineFor,
  expectValid,
  verifiedChanges,
  walk,
  webhookMapper,
} from '../testing/provider-test-kit';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import type { MappedChange } from '../webhooks/webhook-event-mapper';
import { shortcut } from './index';

const SECRET = 'shortcut-webhook-secret';
const emulator = new ShortcutEmulator();
const { client } = engineFor(shortcut);
const mapper = webhookMapper();
const receiver = new DeliveryReceiver();
const connection = (): ConnectionContext => ({
  id: 'c-shortcut',
  tenantId: 't1',
  provider: 'shortcut',
  settings: { base_url: emulator.url },
  credentials: { api_token: SHORTCUT_SEED_TOKEN },
});

/**
 * Every delivery received so far as `resource:action:id[@ticket]`, one string per delivery (its changes
 * joined in order), sorted: deliveries are sent concurrently.
 */
async function drain(): Promise<string[]> {
  await emulator.webhooks.flush();
  const describe = (c: MappedChange) => {
    const ticket = (c.record?.ticket as { id?: string } | undefined)?.id;
    return `${c.resource}:${c.action}:${c.remoteId}${ticket ? `@${ticket}` : ''}`;
  };
  return (await verifiedChanges(shortcut, receiver, SECRET))
    .map((d) => d.changes.map(describe).join(' '))
    .sort();
}

describe('Shortcut through the engine against its emulator', () => {
  beforeAll(async () => {
    const hooks = await receiver.start();
    await emulator.start();
    emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('walks story search by its `next` paths, leaves archived stories out, and get agrees with list', async () => {
    const { records, pages } = await walk(client, connection(), 'tickets', 2);
    expect(records.map((r) => r.id)).toEqual(['101', '102', '103', '104', '105', '106']);
    expect(pages).toBe(3);
    const first = records[0];
    records.forEach((r) => expectValid('tickets', r));
    expect(first).toMatchObject({
      number: 'sc-101',
      status: { id: String(STATE.doing), category: 'in_progress' },
      assignees: [{ id: MEMBER.liu }],
      ticket_type: { id: 'bug' },
      collections: [
        { id: '2001', type: 'epic' },
        { id: '4001', type: 'sprint' },
      ],
      tags: [
        { id: '3001', name: 'customer-reported' },
        { id: '3002', name: 'billing' },
      ],
    });
    expect(records[2].status).toEqual({ id: String(STATE.done), category: 'done' });
    const { remote_data: _r, etag: _e, ...got } = await client.get(connection(), 'tickets', '101');
    const { remote_data: _r2, etag: _e2, ...listed } = first;
    expect(got).toEqual(listed);
  });

  it('narrows the search with an updated: date range for updated_at[gte]', async () => {
    const page = await client.list(connection(), 'tickets', {
      query: { updated_at: { gte: '2030-01-01T00:00:00Z' } },
    });
    expect(page.result).toEqual([]);
    const searched = emulator.requests.filter((r) => r.url.includes('/search/stories')).pop();
    expect(decodeURIComponent(searched!.url.replace(/\+/g, ' '))).toContain(
      'query=!is:archived updated:2030-01-01..*',
    );
  });

  it('creates a story with labels by name, a type and a state; moving it sets started', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'From the gateway',
      ticket_type: { id: 'Chore' },
      tags: [{ id: '9', name: 'brand-new' }],
      assignees: [{ id: MEMBER.sofia }],
    });
    expectValid('tickets', created);
    expect(created).toMatchObject({
      ticket_type: { id: 'chore' },
      status: { id: String(STATE.todo), category: 'open' },
      tags: [{ name: 'brand-new' }],
      assignees: [{ id: MEMBER.sofia }],
    });
    const moved = await client.update(connection(), 'tickets', created.id, {
      status: { id: String(STATE.doing) },
    });
    expect(moved.status).toEqual({ id: String(STATE.doing), category: 'in_progress' });
    await expect(
      client.update(connection(), 'tickets', created.id, { status: { id: '42' } }),
    ).rejects.toMatchObject({ status: 422 });
    await client.delete(connection(), 'tickets', created.id);
    expect(await drain()).toEqual(
      [
        `tickets:created:${created.id}`,
        `tickets:updated:${created.id}`,
        `tickets:deleted:${created.id}`,
      ].sort(),
    );
  });

  it('comments: listed per story, created, edited; their webhooks name the story', async () => {
    const { records } = await walk(client, connection(), 'comments', 2, { ticket_id: '101' });
    expect(records.map((r) => r.id)).toEqual(['1101', '1102', '1103']);
    records.forEach((r) => expectValid('comments', r));
    const created = await client.create(connection(), 'comments', { ticket: { id: '103' }, body: 'Hi' });
    expect(created).toMatchObject({ body: 'Hi', ticket: { id: '103' }, author: { type: 'user' } });
    await client.update(
      connection(),
      'comments',
      created.id,
      { body: 'Hello' },
      { query: { ticket_id: '103' } },
    );
    await client.delete(connection(), 'comments', created.id, { query: { ticket_id: '103' } });
    // A new or deleted comment is also a story update (its comment_ids); an edit is not.
    expect(await drain()).toEqual(
      [
        `tickets:updated:103 comments:created:${created.id}@103`,
        `comments:updated:${created.id}@103`,
        `tickets:updated:103 comments:deleted:${created.id}@103`,
      ].sort(),
    );
  });

  it('lists every workflow’s states as statuses, and custom fields with their enum values', async () => {
    const statuses = await client.list(connection(), 'ticket_status');
    expect(statuses.result.map((s) => s.name)).toEqual(['Backlog', 'To Do', 'In Progress', 'Done']);
    const [priority] = (await client.list(connection(), 'fields')).result;
    expect(priority).toMatchObject({
      name: 'priority',
      label: 'Priority',
      is_user_defined: false,
      type: 'enum',
    });
    expect((priority.options as unknown[]).length).toBe(4);
  });

  it('a forged signature does not verify; deliveries about other entities carry no change', async () => {
    const body = Buffer.from(
      JSON.stringify({ id: 'x', actions: [{ id: 1, entity_type: 'epic', action: 'update' }] }),
    );
    const scheme = shortcut.webhooks!.verification;
    expect(
      verifyWebhookSignature(scheme, SECRET, {
        headers: { 'payload-signature': 'ab'.repeat(32) },
        rawBody: body,
      }).ok,
    ).toBe(false);
    const outcome = await mapper.map(
      shortcut,
      { headers: {}, body: JSON.parse(body.toString()) },
      { settings: {} },
    );
    expect(outcome.kind).toBe('ignored');
  });
});
