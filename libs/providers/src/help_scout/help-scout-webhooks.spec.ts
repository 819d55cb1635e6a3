import { createHmac } from 'node:crypto';
import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { DeliveryReceiver, expectValid, verifiedChanges } from '../testing/provider-test-kit';
import { deliveryIdOf } from '../webhooks/delivery-id';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';
import { helpScoutHarness } from './help-scout.test-support';
import { helpScout } from './index';

const SECRET = 'help-scout-webhook-secret-key';
const { emulator, client, connection } = helpScoutHarness();
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const verification = helpScout.webhooks!.verification;
const receiver = new DeliveryReceiver();

/** Verifies and maps every delivery received so far: [event, changes]. */
async function drain(): Promise<[string, MappedChange[]][]> {
  await emulator.webhooks.flush();
  const deliveries = await verifiedChanges(helpScout, receiver, SECRET);
  return deliveries.map(({ headers, changes }) => [headers['x-helpscout-event'], changes]);
}

describe('Help Scout webhooks from the emulator through the definition', () => {
  beforeAll(async () => {
    const hooks = await receiver.start();
    await emulator.start();
    emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('signs with base64 HMAC-SHA1 of the body; a tampered body or another key is refused', async () => {
    await client.create(connection(), 'tickets', {
      name: 'Hooked',
      description: 'Hi',
      contact: { id: '300104' },
    });
    await emulator.webhooks.flush();
    const [{ headers, raw }] = receiver.deliveries.splice(0);
    expect(headers['x-helpscout-signature']).toBe(createHmac('sha1', SECRET).update(raw).digest('base64'));
    expect(verifyWebhookSignature(verification, SECRET, { headers, rawBody: raw })).toEqual({ ok: true });
    const tampered = Buffer.from(raw.toString().replace('Hooked', 'Hacked'));
    expect(verifyWebhookSignature(verification, SECRET, { headers, rawBody: tampered }).ok).toBe(false);
    expect(verifyWebhookSignature(verification, 'another-key', { headers, rawBody: raw }).ok).toBe(false);
    // No delivery id from Help Scout: the body's hash, the same for a retry of the same delivery.
    const body = JSON.parse(raw.toString()) as unknown;
    const id = await deliveryIdOf(helpScout.webhooks!, { headers, rawBody: raw, body });
    expect(await deliveryIdOf(helpScout.webhooks!, { headers, rawBody: raw, body })).toBe(id);
  });

  it('maps each write to the events Help Scout sends, records valid and whole from the body', async () => {
    const ticket = await client.create(connection(), 'tickets', {
      name: 'Webhook flow',
      description: 'Starts here',
      contact: { id: '300105' },
    });
    await client.update(connection(), 'tickets', ticket.id, {
      status: { id: 'pending' },
      assignees: [{ id: '428002' }],
    });
    await client.create(connection(), 'comments', {
      ticket: { id: ticket.id },
      body: 'Looking',
      is_internal: true,
    });
    await client.delete(connection(), 'tickets', ticket.id);
    const events = await drain();
    expect(
      events.map(([event, changes]) => [event, changes.map((c) => `${c.resource}:${c.action}`)]),
    ).toEqual([
      ['convo.created', ['tickets:created']],
      ['convo.status', ['tickets:updated']],
      ['convo.assigned', ['tickets:updated']],
      ['convo.note.created', ['tickets:updated', 'comments:created']],
      ['convo.deleted', ['tickets:deleted']],
    ]);
    const [, [created]] = events[0];
    expect(created.record).toMatchObject({ id: ticket.id, name: 'Webhook flow', description: 'Starts here' });
    const [, [, comment]] = events[3];
    expect(comment.record).toMatchObject({ body: 'Looking', is_internal: true, ticket: { id: ticket.id } });
    for (const [, changes] of events) for (const c of changes) expectValid(c.resource, c.record!);
  });

  it("drops Help Scout's other events (ratings, tags, test deliveries) and maps customer events", async () => {
    const rating = { id: 1, rating: 'great' };
    expect(
      await mapper.map(
        helpScout,
        { headers: { 'x-helpscout-event': 'satisfaction.ratings' }, body: rating },
        { settings: {} },
      ),
    ).toMatchObject({ kind: 'ignored' });
    await client.update(connection(), 'contacts', '300106', { details: 'Paleontologist' });
    expect(
      (await drain()).map(([event, changes]) => [event, changes[0].resource, changes[0].action]),
    ).toEqual([['customer.updated', 'contacts', 'updated']]);
  });
});
