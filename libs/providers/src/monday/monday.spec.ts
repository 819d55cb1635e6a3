import { MONDAY_BOARD_ID, MONDAY_SEED_TOKEN, MondayEmulator } from '@app/sandbox/monday';
import { contractFieldsOf } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../engine/errors';
import { RecordMapper } from '../engine/record-mapper';
import { DeliveryReceiver, engineFor, expectValid, failureOf, walk } from '../testing/provider-test-kit';
import { deliveryIdOf } from '../webhooks/delivery-id';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { monday } from './index';

const emulator = new MondayEmulator();
const { client, expressions } = engineFor(monday, { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10 });
const receiver = new DeliveryReceiver();
const SECRET = 'monday-signing-secret';
let callback = '';
const connection = (api_token = MONDAY_SEED_TOKEN): ConnectionContext => ({
  id: 'c-monday',
  tenantId: 't1',
  provider: 'monday',
  settings: { base_url: emulator.url, board_id: MONDAY_BOARD_ID, due_date_column_id: 'date4' },
  credentials: { api_token },
});

beforeAll(async () => {
  await emulator.start();
  callback = `${await receiver.start()}/webhooks/c-monday`;
  emulator.subscribeWebhooks(callback, SECRET);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.stop();
});

describe('monday.com through the engine (GraphQL)', () => {
  it('walks every list: items by cursor, users/boards/updates by page, the rest whole; each record valid', async () => {
    const expected: Record<string, [number, Record<string, string>?]> = {
      tickets: [7],
      comments: [4, { ticket_id: '9100000001' }],
      ticket_status: [4],
      users: [4],
      teams: [2],
      tags: [4],
      workspaces: [1],
      collections: [2],
      fields: [6],
    };
    for (const [resource, [count, query]] of Object.entries(expected)) {
      const { records } = await walk(client, connection(), resource, 3, query);
      expect([resource, records.length, new Set(records.map((r) => r.id)).size]).toEqual([
        resource,
        count,
        count,
      ]);
      for (const record of records) expectValid(resource, record);
    }
    const pages = emulator.requests.filter((r) => r.url === '/v2' && r.method === 'POST').length;
    expect(pages).toBeGreaterThan(9);
  });

  it('maps an item’s typed column values: status label and category, people, group, due date, tags', async () => {
    const item = await client.get(connection(), 'tickets', '9100000004');
    expect(item).toMatchObject({
      name: 'Dashboard loads slowly',
      status: { id: '1', name: 'Done', category: 'done' },
      assignees: [{ id: '61000001' }, { id: '61000003' }],
      collections: [
        { id: MONDAY_BOARD_ID, type: 'board' },
        { id: 'group_done', name: 'Resolved', type: 'list' },
      ],
      due_date: '2025-03-10T12:00:00Z',
      created_by: { id: '61000001', type: 'user' },
    });
    const stuck = await client.get(connection(), 'tickets', '9100000003');
    expect(stuck.status).toEqual({ id: '2', name: 'Stuck', category: 'on_hold' });
    const statuses = (await walk(client, connection(), 'ticket_status', 10)).records;
    expect(statuses.map((s) => [s.id, s.name])).toEqual([
      ['0', 'Working on it'],
      ['1', 'Done'],
      ['2', 'Stuck'],
      ['5', null],
    ]);
  });

  it('writes items through column_values JSON and moves them between groups', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'From the engine',
      status: { id: '0' },
      assignees: [{ id: '61000002' }],
      tags: [{ id: '7002' }],
      due_date: '2025-05-01',
    });
    expect(created).toMatchObject({
      name: 'From the engine',
      status: { id: '0', category: 'in_progress' },
      assignees: [{ id: '61000002' }],
      tags: [{ id: '7002' }],
      due_date: '2025-05-01',
    });
    const updated = await client.update(connection(), 'tickets', created.id, {
      name: 'Renamed',
      status: { id: 'Done' },
      collections: [{ id: 'group_done', type: 'list' }],
    });
    expect(updated).toMatchObject({ name: 'Renamed', status: { id: '1', category: 'done' } });
    expect((updated.collections as { id: string }[]).map((c) => c.id)).toContain('group_done');
    await client.delete(connection(), 'tickets', created.id);
    expect(await failureOf(client.get(connection(), 'tickets', created.id))).toBeInstanceOf(
      ProviderNotFoundError,
    );
  });

  it('maps monday’s errors: a bad token 401, an unknown item 404, a refused value 422, its 429', async () => {
    expect(await failureOf(client.get(connection('wrong'), 'tickets', '9100000001'))).toBeInstanceOf(
      ProviderAuthError,
    );
    expect(await failureOf(client.update(connection(), 'tickets', '1', { name: 'x' }))).toBeInstanceOf(
      ProviderNotFoundError,
    );
    const refused = await failureOf(
      client.create(connection(), 'tickets', { name: 'x', status: { id: 'Nope' } }),
    );
    expect([refused.constructor, refused.message]).toEqual([
      ProviderValidationError,
      expect.stringContaining('status label'),
    ]);
    emulator.injectFault(emulator.rateLimitFault(5));
    try {
      expect(await failureOf(client.get(connection(), 'tickets', '9100000001'))).toBeInstanceOf(
        ProviderRateLimitError,
      );
    } finally {
      emulator.clearFaults();
    }
  });

  it('webhooks carry a JWT for the callback URL; they map to fetched changes, the triggerUuid as delivery id', async () => {
    receiver.deliveries.splice(0);
    const comment = await client.create(connection(), 'comments', {
      ticket: { id: '9100000002' },
      body: 'Signed',
    });
    await emulator.webhooks.flush();
    const [delivery] = receiver.deliveries.splice(0);
    const signed = { headers: delivery.headers, rawBody: delivery.raw, url: callback };
    const scheme = monday.webhooks!.verification;
    expect(verifyWebhookSignature(scheme, SECRET, signed)).toEqual({ ok: true });
    expect(verifyWebhookSignature(scheme, 'another-secret', signed).ok).toBe(false);
    expect(verifyWebhookSignature(scheme, SECRET, { ...signed, url: `${callback}/elsewhere` }).ok).toBe(
      false,
    );
    const body = JSON.parse(delivery.raw.toString('utf8')) as {
      event: { type: string; triggerUuid: string };
    };
    expect(await deliveryIdOf(monday.webhooks!, { headers: delivery.headers, rawBody: delivery.raw })).toBe(
      body.event.triggerUuid,
    );
    const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
    const outcome = await mapper.map(
      monday,
      { headers: delivery.headers, body },
      { settings: connection().settings },
    );
    expect(outcome).toMatchObject({
      kind: 'changes',
      changes: [{ resource: 'comments', action: 'created', remoteId: comment.id }],
    });
    const ignored = await mapper.map(
      monday,
      { headers: {}, body: { event: { type: 'create_column' } } },
      { settings: {} },
    );
    expect(ignored.kind).toBe('ignored');
  });
});
