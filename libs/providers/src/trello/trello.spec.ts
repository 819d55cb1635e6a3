import { BOARD_ID, LIST_IDS, TRELLO_SEED_KEY, TRELLO_SEED_TOKEN, TrelloEmulator } from '@app/sandbox/trello';
import { trelloCards } from '@app/sandbox/trello/seed-cards';
import type { ConnectionContext } from '../engine/connection-context';
import { ProviderAuthError, ProviderNotFoundError, ProviderValidationError } from '../engine/errors';
import { DeliveryReceiver, engineFor, expectValid, failureOf, walk } from '../testing/provider-test-kit';
import { deliveryIdOf } from '../webhooks/delivery-id';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { RecordMapper } from '../engine/record-mapper';
import { contractFieldsOf } from '@app/unified-models';
import { trello } from './index';

const emulator = new TrelloEmulator();
const { client, expressions } = engineFor(trello);
const receiver = new DeliveryReceiver();
const SECRET = 'trello-app-secret';
let callback = '';
const CARD = String(trelloCards()[0].id);
const connection = (token = TRELLO_SEED_TOKEN): ConnectionContext => ({
  id: 'c-trello',
  tenantId: 't1',
  provider: 'trello',
  settings: { base_url: emulator.url, board_id: BOARD_ID },
  credentials: { api_key: TRELLO_SEED_KEY, token },
});

beforeAll(async () => {
  await emulator.start();
  callback = `${await receiver.start()}/webhooks/c-trello`;
  emulator.subscribeWebhooks(callback, SECRET);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.stop();
});

describe('Trello through the definition and the emulator', () => {
  it('walks every list (unpaged at Trello, paged by the engine), each record valid', async () => {
    const expected: Record<string, [number, Record<string, string>?]> = {
      tickets: [7], // 8 seeded, one archived
      comments: [4, { ticket_id: CARD }], // a move action on the card is not a comment
      ticket_status: [4],
      tags: [4],
      users: [3],
      collections: [2],
      workspaces: [1],
      fields: [3],
      task_lists: [2, { ticket_id: CARD }],
    };
    for (const [resource, [count, query]] of Object.entries(expected)) {
      const { records, pages } = await walk(client, connection(), resource, 3, query);
      expect([resource, records.length, new Set(records.map((r) => r.id)).size]).toEqual([
        resource,
        count,
        count,
      ]);
      expect(pages).toBe(Math.ceil(count / 3));
      for (const record of records) expectValid(resource, record);
    }
  });

  it('maps a card: list as status, labels, members, board, creation time from the id', async () => {
    const card = await client.get(connection(), 'tickets', CARD);
    expect(card).toMatchObject({
      number: '1',
      name: 'Cannot log in after password reset',
      status: { id: LIST_IDS.doing, category: 'open' },
      assignees: [{ id: expect.stringMatching(/^[0-9a-f]{24}$/) }],
      tags: [{ name: 'Bug' }, { name: 'VIP' }],
      collections: [{ id: BOARD_ID, type: 'board' }],
      due_date: '2025-03-07T17:00:00.000Z',
      created_at: '2025-03-03T09:12:00.000Z',
      updated_at: '2025-03-04T15:20:00.000Z',
    });
    const done = (await walk(client, connection(), 'tickets', 50)).records.find((t) => t.number === '4');
    expect(done?.status).toEqual({ id: LIST_IDS.done, category: 'done' });
  });

  it('sends key and token as the OAuth header, never in the URL; a wrong token is a 401', async () => {
    await client.get(connection(), 'tickets', CARD);
    const last = emulator.requests[emulator.requests.length - 1];
    expect(last.url).not.toContain('token');
    expect(await failureOf(client.get(connection('wrong'), 'tickets', CARD))).toBeInstanceOf(
      ProviderAuthError,
    );
  });

  it('writes cards through query parameters; a card without a list is refused with Trello’s message', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'From the engine',
      status: { id: LIST_IDS.todo },
      assignees: [{ id: String(emulator.records('members')[1].id) }],
    });
    const updated = await client.update(connection(), 'tickets', created.id, {
      status: { id: LIST_IDS.review },
      description: 'Waiting',
    });
    expect(updated).toMatchObject({
      name: 'From the engine',
      description: 'Waiting',
      status: { id: LIST_IDS.review },
    });
    const refused = await failureOf(client.create(connection(), 'tickets', { name: 'Nowhere' }));
    expect([refused.constructor, refused.message]).toEqual([
      ProviderValidationError,
      expect.stringContaining('idList'),
    ]);
    await client.delete(connection(), 'tickets', created.id);
    expect(await failureOf(client.get(connection(), 'tickets', created.id))).toBeInstanceOf(
      ProviderNotFoundError,
    );
  });

  it('signs deliveries over body + callback URL; they map to changes with the action id as delivery id', async () => {
    receiver.deliveries.splice(0);
    const comment = await client.create(connection(), 'comments', { ticket: { id: CARD }, body: 'Signed' });
    await emulator.webhooks.flush();
    const [delivery] = receiver.deliveries.splice(0);
    const signed = { headers: delivery.headers, rawBody: delivery.raw, url: callback };
    expect(verifyWebhookSignature(trello.webhooks!.verification, SECRET, signed)).toEqual({ ok: true });
    // Trello signs the URL it called: the same body delivered elsewhere does not verify.
    expect(
      verifyWebhookSignature(trello.webhooks!.verification, SECRET, { ...signed, url: `${callback}x` }).ok,
    ).toBe(false);
    const body = JSON.parse(delivery.raw.toString('utf8')) as { action: { id: string } };
    expect(await deliveryIdOf(trello.webhooks!, { headers: delivery.headers, rawBody: delivery.raw })).toBe(
      body.action.id,
    );
    const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
    const outcome = await mapper.map(
      trello,
      { headers: delivery.headers, body },
      { settings: connection().settings },
    );
    expect(outcome).toMatchObject({
      kind: 'changes',
      changes: [
        { resource: 'comments', action: 'created', remoteId: comment.id, record: { body: 'Signed' } },
      ],
    });
  });

  it('ignores board actions that change nothing unified', async () => {
    const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
    const outcome = await mapper.map(
      trello,
      { headers: {}, body: { action: { id: 'a1', type: 'updateList', data: {} } } },
      { settings: {} },
    );
    expect(outcome.kind).toBe('ignored');
  });
});
