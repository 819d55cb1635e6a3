import {
  CLICKUP_LIST_ID,
  CLICKUP_SEED_TOKEN,
  CLICKUP_SPACE_ID,
  CLICKUP_TEAM_ID,
  ClickUpEmulator,
} from '@app/sandbox/clickup';
import { contractFieldsOf } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { ProviderAuthError, ProviderNotFoundError, ProviderValidationError } from '../engine/errors';
import { RecordMapper } from '../engine/record-mapper';
import { DeliveryReceiver, engineFor, expectValid, walk } from '../testing/provider-test-kit';
import { deliveryIdOf } from '../webhooks/delivery-id';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { clickup } from './index';

const SECRET = 'clickup-webhook-secret';
const emulator = new ClickUpEmulator();
const { client } = engineFor(clickup);
const receiver = new DeliveryReceiver();
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const connection = (token = CLICKUP_SEED_TOKEN): ConnectionContext => ({
  id: 'c-clickup',
  tenantId: 't1',
  provider: 'clickup',
  settings: {
    base_url: emulator.url,
    team_id: CLICKUP_TEAM_ID,
    space_id: CLICKUP_SPACE_ID,
    list_id: CLICKUP_LIST_ID,
  },
  credentials: { api_token: token },
});

/** Every delivery so far: verified, its delivery id, and what it maps to. */
async function drain() {
  await emulator.webhooks.flush();
  const out = [];
  for (const { headers, raw } of receiver.deliveries.splice(0)) {
    expect(verifyWebhookSignature(clickup.webhooks!.verification, SECRET, { headers, rawBody: raw })).toEqual(
      { ok: true },
    );
    const delivery = { headers, body: JSON.parse(raw.toString()) as { event: string } };
    const outcome = await mapper.map(clickup, delivery, { settings: connection().settings });
    out.push({
      event: delivery.body.event,
      outcome,
      id: await deliveryIdOf(clickup.webhooks!, { ...delivery, rawBody: raw }),
    });
  }
  return out;
}

describe('ClickUp through the definition and the emulator', () => {
  beforeAll(async () => {
    await emulator.start();
    emulator.subscribeWebhooks(await receiver.start(), SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('walks every list, each record valid: the list’s tasks with closed ones and subtasks', async () => {
    const expected: Record<string, [number, Record<string, string>?]> = {
      tickets: [7], // the Inbox list; the Billing task is another list's
      comments: [3, { ticket_id: '86c0abc01' }],
      collections: [2],
      ticket_status: [4],
      ticket_priorities: [4],
      organizations: [1],
      workspaces: [2],
      users: [3],
      teams: [2],
      tags: [3],
      fields: [2],
    };
    for (const [resource, [count, query]] of Object.entries(expected)) {
      const { records } = await walk(client, connection(), resource, 2, query);
      expect([resource, records.length, new Set(records.map((r) => r.id)).size]).toEqual([
        resource,
        count,
        count,
      ]);
      for (const record of records) expectValid(resource, record);
    }
  });

  it('pages tasks by zero-based page numbers of 100, no size sent, until last_page', async () => {
    const tasks = emulator.records('tasks');
    const seeded = tasks.length;
    const template = tasks[2];
    for (let i = 0; i < 130; i++)
      tasks.push({
        ...template,
        id: `86c9x${String(i).padStart(4, '0')}`,
        date_created: String(1800000000000 + i),
      });
    try {
      emulator.requests.splice(0);
      const { records, pages } = await walk(client, connection(), 'tickets', 100);
      expect([records.length, pages]).toEqual([137, 2]);
      const asked = emulator.requests.map((r) => new URL(r.url, 'http://x').searchParams);
      expect(asked.map((q) => q.get('page'))).toEqual(['0', '1']);
      expect(asked.every((q) => [...q.keys()].every((k) => !/limit|size/.test(k)))).toBe(true);
      expect(records[0].id).toBe('86c0abc01'); // oldest first (`reverse=true`)
    } finally {
      tasks.splice(seeded);
    }
  });

  it('maps a task: status by name with its type’s category, priority, assignees, list and folder, custom fields', async () => {
    const refund = await client.get(connection(), 'tickets', '86c0abc01');
    expect(refund).toMatchObject({
      name: 'Refund for a double charge',
      status: { id: 'to do', name: 'to do', category: 'open' },
      priority: { id: '2', name: 'high', category: 'high' },
      assignees: [{ id: '81000002', name: 'Grace Hopper' }],
      collections: [
        { id: CLICKUP_LIST_ID, name: 'Inbox', type: 'list' },
        { id: '90110000201', name: 'Customers', type: 'folder' },
      ],
      tags: [{ id: 'billing', name: 'billing' }],
      custom_fields: { Severity: 1, 'Customer email': 'rachel@client.test' },
      due_date: '2026-11-10T17:00:00.000Z',
      ticket_url: 'https://app.clickup.com/t/86c0abc01',
    });
    expect((await client.get(connection(), 'tickets', '86c0abc02')).status).toMatchObject({
      category: 'in_progress',
    });
    const done = await client.get(connection(), 'tickets', '86c0abc05');
    expect([done.status, done.completed_at]).toEqual([
      { id: 'complete', name: 'complete', category: 'done' },
      '2026-11-14T09:00:00.000Z',
    ]);
  });

  it('creates, edits (assignees replaced: added, then the others removed), closes and deletes a task', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'From the gateway',
      status: { id: 'waiting' },
      priority: { id: 'urgent' },
      due_date: '2026-12-31',
      assignees: [{ id: '81000003' }],
      tags: [{ id: 'vip' }],
    });
    expect(created).toMatchObject({
      status: { id: 'waiting', category: 'in_progress' },
      priority: { id: '1', category: 'urgent' },
      due_date: '2026-12-31T00:00:00.000Z',
      tags: [{ id: 'vip' }],
    });
    const updated = await client.update(connection(), 'tickets', created.id, {
      assignees: [{ id: '81000001' }],
      status: { id: 'complete' },
    });
    expect(updated.assignees).toEqual([{ id: '81000001', name: 'Ada Lovelace' }]);
    const edits = emulator.requests.filter(
      (r) => r.method === 'PUT' && r.url === `/api/v2/task/${created.id}`,
    );
    expect(edits).toHaveLength(2); // the edit (adding Ada), then removing Alan
    const cleared = await client.update(connection(), 'tickets', created.id, { assignees: [] });
    expect(cleared.assignees).toEqual([]);
    expect(updated.completed_at).toEqual(expect.any(String));
    await client.delete(connection(), 'tickets', created.id);
    await expect(client.get(connection(), 'tickets', created.id)).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
    await drain();
  });

  it('comments: created (the answer is the id and time), edited and read back among the task’s', async () => {
    const query = { ticket_id: '86c0abc02' };
    const created = await client.create(
      connection(),
      'comments',
      { ticket: { id: '86c0abc02' }, body: 'Hello' },
      { query },
    );
    expect(created).toMatchObject({ ticket: { id: '86c0abc02' }, created_at: expect.any(String) });
    const updated = await client.update(connection(), 'comments', created.id, { body: 'Edited' }, { query });
    expect(updated).toMatchObject({
      id: created.id,
      body: 'Edited',
      author: { id: '81000001', type: 'user' },
    });
    await drain();
  });

  it('answers as ClickUp does: 401 and 400 bodies with their error codes', async () => {
    await expect(client.get(connection('pk_wrong'), 'tickets', '86c0abc01')).rejects.toBeInstanceOf(
      ProviderAuthError,
    );
    const refused = client.create(connection(), 'tickets', { name: 'x', status: { id: 'no such status' } });
    await expect(refused).rejects.toBeInstanceOf(ProviderValidationError);
    await expect(refused).rejects.toThrow('Status does not exist (ITEM_172)');
    const bearer = await fetch(`${emulator.url}/api/v2/task/86c0abc01`, {
      headers: { authorization: `Bearer ${CLICKUP_SEED_TOKEN}` },
    });
    expect([bearer.status, await bearer.json()]).toEqual([401, { err: 'Token invalid', ECODE: 'OAUTH_025' }]);
  });

  it('webhooks: signed, delivery ids from the history, tasks fetched, comments mapped, other events dropped', async () => {
    const created = await client.create(connection(), 'tickets', { name: 'Hooked' });
    await client.update(connection(), 'tickets', created.id, { status: { id: 'in progress' } });
    await client.create(connection(), 'comments', { ticket: { id: created.id }, body: 'Hi' });
    await client.delete(connection(), 'tickets', created.id);
    const received = await drain();
    expect(
      received.map(({ event, outcome }) => [
        event,
        outcome.kind === 'changes'
          ? outcome.changes.map((c) => `${c.resource}:${c.action}:${c.fetch === true}`)
          : outcome.kind,
      ]),
    ).toEqual([
      ['taskCreated', ['tickets:created:true']],
      ['taskStatusUpdated', ['tickets:updated:true']],
      ['taskCommentPosted', ['comments:created:false']],
      ['taskDeleted', ['tickets:deleted:false']],
    ]);
    expect(received[0].id).toMatch(/^28\d+$/);
    const comment =
      received[2].outcome.kind === 'changes' ? received[2].outcome.changes[0].record : undefined;
    expect(comment).toMatchObject({ body: 'Hi', ticket: { id: created.id } });
    const listCreated = await mapper.map(
      clickup,
      { headers: {}, body: { event: 'listCreated', list_id: '1' } },
      { settings: {} },
    );
    expect(listCreated.kind).toBe('ignored');
  });
});
