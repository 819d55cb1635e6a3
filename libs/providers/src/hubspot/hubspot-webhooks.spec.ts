import { createHmac } from 'node:crypto';
import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { DeliveryReceiver } from '../testing/provider-test-kit';
import { deliveryIdOf } from '../webhooks/delivery-id';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { hubspotHarness } from './hubspot.test-support';
import { hubspot } from './index';

const SECRET = 'hubspot-client-secret';
const { emulator, client, connection } = hubspotHarness();
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const verification = hubspot.webhooks!.verification;
const receiver = new DeliveryReceiver();
let hookUrl = '';

/** Signs a hand-made delivery the way HubSpot documents v3: method + URI + body + timestamp. */
function signed(body: unknown, url = hookUrl, at = Date.now()) {
  const raw = Buffer.from(JSON.stringify(body));
  const timestamp = String(at);
  const signature = createHmac('sha256', SECRET)
    .update(`POST${url}${raw.toString()}${timestamp}`)
    .digest('base64');
  return {
    headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
    rawBody: raw,
    method: 'POST',
    url,
  };
}

const event = (subscriptionType: string, objectId: number, eventId: number, extra: object = {}) => ({
  eventId,
  subscriptionId: 2417001,
  portalId: 24681357,
  appId: 4105577,
  occurredAt: 1764900000000,
  subscriptionType,
  attemptNumber: 0,
  objectId,
  changeSource: 'CRM_UI',
  ...extra,
});

describe('HubSpot webhooks from the emulator through the definition', () => {
  beforeAll(async () => {
    hookUrl = `${await receiver.start()}/webhooks/c-hubspot`;
    await emulator.start();
    emulator.subscribeWebhooks(hookUrl, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('signs each delivery with v3 over the URL it calls; another URL, method or an old timestamp is refused', async () => {
    const ticket = await client.create(connection(), 'tickets', { name: 'Hooked', contact: { id: '51' } });
    await client.update(connection(), 'tickets', ticket.id, {
      name: 'Hooked again',
      priority: { id: 'LOW' },
    });
    await emulator.webhooks.flush();
    const [created, updated] = receiver.deliveries.splice(0);
    for (const { headers, raw } of [created, updated]) {
      const request = { headers, rawBody: raw, method: 'POST', url: hookUrl };
      expect(verifyWebhookSignature(verification, SECRET, request)).toEqual({ ok: true });
      expect(verifyWebhookSignature(verification, SECRET, { ...request, url: `${hookUrl}x` }).ok).toBe(false);
      expect(verifyWebhookSignature(verification, SECRET, { ...request, method: 'PUT' }).ok).toBe(false);
    }
    const later = new Date(Number(created.headers['x-hubspot-request-timestamp']) + 301_000);
    expect(
      verifyWebhookSignature(
        verification,
        SECRET,
        { headers: created.headers, rawBody: created.raw, method: 'POST', url: hookUrl },
        later,
      ),
    ).toEqual({ ok: false, reason: 'stale_timestamp' });

    // The update changed two properties: one event each, one fetched update of the ticket.
    const body = JSON.parse(updated.raw.toString()) as { propertyName: string }[];
    expect(body.map((e) => e.propertyName).sort()).toEqual(['hs_ticket_priority', 'subject']);
    const outcome = await mapper.map(hubspot, { headers: updated.headers, body }, { settings: {} });
    expect(outcome).toEqual({
      kind: 'changes',
      changes: [{ resource: 'tickets', action: 'updated', remoteId: ticket.id, fetch: true }],
    });
  });

  it('maps a batch of mixed events, each to its resource; deletions carry only the id', async () => {
    const delivery = signed([
      event('ticket.creation', 1013, 11, { changeFlag: 'NEW' }),
      event('contact.propertyChange', 51, 12, { propertyName: 'email', propertyValue: 'r@g.test' }),
      event('company.deletion', 9003, 13, { changeFlag: 'DELETED' }),
      event('ticket.associationChange', 1001, 14),
    ]);
    expect(verifyWebhookSignature(verification, SECRET, delivery)).toEqual({ ok: true });
    const body = JSON.parse(delivery.rawBody.toString()) as unknown;
    const outcome = await mapper.map(hubspot, { headers: delivery.headers, body }, { settings: {} });
    expect(
      outcome.kind === 'changes' && outcome.changes.map((c) => [c.resource, c.action, c.remoteId]),
    ).toEqual([
      ['tickets', 'created', '1013'],
      ['contacts', 'updated', '51'],
      ['accounts', 'deleted', '9003'],
    ]);
    expect(
      await deliveryIdOf(hubspot.webhooks!, { headers: delivery.headers, rawBody: delivery.rawBody, body }),
    ).toBe('events_11-12-13-14');
  });

  it('drops deliveries with nothing of ours (association changes, other object types)', async () => {
    const body = [event('ticket.associationChange', 1001, 21), event('deal.creation', 77, 22)];
    expect(await mapper.map(hubspot, { headers: {}, body }, { settings: {} })).toMatchObject({
      kind: 'ignored',
    });
  });
});
