import { createHmac } from 'node:crypto';
import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { deliveryIdOf } from '../webhooks/delivery-id';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';
import { intercom } from './index';
import { intercomHarness } from './intercom.test-support';
import { DeliveryReceiver } from '../testing/provider-test-kit';

const SECRET = 'intercom-client-secret';
const { emulator, client, connection } = intercomHarness();
const expressions = new ExpressionCache();
expressions.trustDefinitions([intercom]);
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const receiver = new DeliveryReceiver();
const deliveries = receiver.deliveries;

type Change = MappedChange & { topic: string; deliveryId: string };

/** Verifies every delivery received so far, maps it, and returns the changes with their topics in order. */
async function drain(): Promise<Change[]> {
  await emulator.webhooks.flush();
  const changes: Change[] = [];
  for (const { headers, raw } of deliveries.splice(0)) {
    expect(
      verifyWebhookSignature(intercom.webhooks!.verification, SECRET, { headers, rawBody: raw }),
    ).toEqual({
      ok: true,
    });
    const body = JSON.parse(raw.toString()) as { topic: string };
    const deliveryId = await deliveryIdOf(intercom.webhooks!, { headers, rawBody: raw });
    const outcome = await mapper.map(intercom, { headers, body }, { settings: connection().settings });
    if (outcome.kind === 'changes')
      changes.push(...outcome.changes.map((c) => ({ ...c, topic: body.topic, deliveryId })));
    else changes.push({ topic: body.topic, deliveryId, kind: outcome.kind } as unknown as Change);
  }
  return changes;
}

const signed = (body: unknown) => {
  const raw = Buffer.from(JSON.stringify(body));
  return {
    raw,
    headers: { 'x-hub-signature': `sha1=${createHmac('sha1', SECRET).update(raw).digest('hex')}` },
  };
};

describe('Intercom webhooks from the emulator through the definition', () => {
  beforeAll(async () => {
    const hooks = await receiver.start();
    await emulator.start();
    emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('ticket create, state change, note and reply become ticket and comment changes, each with its own id', async () => {
    const ticket = await client.create(connection(), 'tickets', { name: 'Webhook me', description: 'Start' });
    await client.update(connection(), 'tickets', ticket.id, { status: { id: '8322' } });
    await client.create(connection(), 'comments', {
      ticket: { id: ticket.id },
      body: '<p>Looking</p>',
      is_internal: true,
    });
    await client.create(connection(), 'comments', {
      ticket: { id: ticket.id },
      body: 'Thanks!',
      author: { id: '6762f0d01bb69f9f2193bb01', type: 'contact' },
    });
    const changes = await drain();
    expect(changes.map((c) => [c.topic, c.resource, c.action, c.remoteId])).toEqual([
      ['ticket.created', 'tickets', 'created', ticket.id],
      ['ticket.state.updated', 'tickets', 'updated', ticket.id],
      ['ticket.note.created', 'comments', 'created', expect.any(String)],
      ['ticket.contact.replied', 'comments', 'created', expect.any(String)],
    ]);
    expect(changes[1].record).toMatchObject({ status: { id: '8322', category: 'in_progress' } });
    expect(changes[2].record).toMatchObject({
      is_internal: true,
      body: 'Looking',
      ticket: { id: ticket.id },
    });
    expect(changes[3].record).toMatchObject({
      is_internal: false,
      ticket: { id: ticket.id },
      author: { id: '6762f0d01bb69f9f2193bb01', type: 'contact' },
    });
    // The delivery id is the notification's id, from the body.
    for (const c of changes) expect(c.deliveryId).toMatch(/^notif_[0-9a-f-]{36}$/);
    expect(new Set(changes.map((c) => c.deliveryId)).size).toBe(4);
  });

  it('refuses tampered, re-signed and unsigned deliveries', async () => {
    await client.update(connection(), 'tickets', '631', { name: 'Renamed for the hook' });
    await emulator.webhooks.flush();
    const [{ headers, raw }] = deliveries.splice(0);
    const verify = (h: Record<string, string>, body: Buffer) =>
      verifyWebhookSignature(intercom.webhooks!.verification, SECRET, { headers: h, rawBody: body }).ok;
    expect(verify(headers, raw)).toBe(true);
    expect(verify(headers, Buffer.from(raw.toString().replace('Renamed', 'Forged!')))).toBe(false);
    const other = `sha1=${createHmac('sha1', 'another-secret').update(raw).digest('hex')}`;
    expect(verify({ ...headers, 'x-hub-signature': other }, raw)).toBe(false);
    const { 'x-hub-signature': _gone, ...unsigned } = headers;
    expect(verify(unsigned, raw)).toBe(false);
  });

  it('maps notifications of apps on older versions (state as a string) and ignores what carries no ticket change', async () => {
    const old = {
      type: 'notification_event',
      topic: 'ticket.state.updated',
      id: 'notif_9b1d2c3e-0000-4000-8000-000000000001',
      created_at: 1734540000,
      data: {
        type: 'notification_event_data',
        item: {
          type: 'ticket',
          id: 1295,
          ticket_id: 1390,
          ticket_attributes: { _default_title_: 'Found a bug', _default_description_: null },
          ticket_state: 'waiting_on_customer',
          ticket_state_internal_label: 'Waiting on customer',
          admin_assignee_id: 991267461,
          team_assignee_id: 0,
          open: true,
          created_at: 1734530000,
          updated_at: 1734540000,
        },
      },
    };
    const { raw, headers } = signed(old);
    const outcome = await mapper.map(
      intercom,
      { headers, body: JSON.parse(raw.toString()) },
      { settings: {} },
    );
    expect(outcome).toMatchObject({
      kind: 'changes',
      changes: [
        {
          resource: 'tickets',
          action: 'updated',
          remoteId: '1295',
          record: {
            number: '1390',
            status: { id: 'waiting_on_customer', name: 'Waiting on customer', category: 'on_hold' },
            assignees: [{ id: '991267461' }],
            team: null,
          },
        },
      ],
    });
    for (const topic of ['ping', 'contact.user.created', 'conversation.admin.replied', 'company.updated']) {
      const body = {
        type: 'notification_event',
        topic,
        id: 'notif_x',
        data: { item: { type: 'x', id: '1' } },
      };
      expect([topic, (await mapper.map(intercom, { headers: {}, body }, { settings: {} })).kind]).toEqual([
        topic,
        'ignored',
      ]);
    }
  });
});
