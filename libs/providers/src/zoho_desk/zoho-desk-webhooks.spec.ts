import { ZOHO_DESK_SEED_ORG_ID, ZOHO_DESK_SEED_TOKEN, ZohoDeskEmulator } from '@app/sandbox/zoho_desk';
import { contractFieldsOf } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { deliveryIdOf } from '../webhooks/delivery-id';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { engineFor, expectValid } from '../testing/provider-test-kit';
import { zohoDesk } from './index';

const SECRET = 'zoho-desk-webhook-secret';
const emulator = new ZohoDeskEmulator();
const { client } = engineFor(zohoDesk);
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const scheme = zohoDesk.webhooks!.verification;
const connection = (): ConnectionContext => ({
  id: 'c-zoho',
  tenantId: 't1',
  provider: 'zoho_desk',
  settings: { base_url: emulator.url, org_id: ZOHO_DESK_SEED_ORG_ID, department_id: '7189000000006907' },
  credentials: { access_token: ZOHO_DESK_SEED_TOKEN },
});

/** What the emulator sent since the last call: the query of the URL it called and the parsed body. */
async function sent() {
  await emulator.webhooks.flush();
  return emulator.webhooks.deliveries.splice(0).map((d) => ({
    query: Object.fromEntries(new URL(d.url).searchParams),
    headers: d.headers,
    rawBody: Buffer.from(d.body),
    body: JSON.parse(d.body) as unknown,
  }));
}

describe('Zoho Desk webhooks from the emulator through the definition', () => {
  beforeAll(async () => {
    await emulator.start();
    // Nobody listens: the emulator records what it sends either way.
    emulator.subscribeWebhooks('http://127.0.0.1:9/hooks/c-zoho', SECRET);
  });
  afterAll(() => emulator.stop());

  it('carries the secret in the URL query only, and verifies nothing else', async () => {
    await client.create(connection(), 'tickets', { name: 'Hook', contact: { id: '7189000000051001' } });
    const [delivery] = await sent();
    expect(delivery.query).toEqual({ webhook_secret: SECRET });
    expect(Object.keys(delivery.headers)).toEqual(['content-type']);
    const verify = (query: Record<string, string>) =>
      verifyWebhookSignature(scheme, SECRET, { headers: {}, rawBody: delivery.rawBody, query });
    expect(verify(delivery.query)).toEqual({ ok: true });
    expect(verify({}).ok).toBe(false);
    expect(verify({ webhook_secret: `${SECRET}x` }).ok).toBe(false);
    expect(
      verifyWebhookSignature(scheme, SECRET, {
        headers: { webhook_secret: SECRET },
        rawBody: delivery.rawBody,
      }).ok,
    ).toBe(false);
  });

  it('maps ticket, comment, contact and account events from full payloads; deletes carry the id', async () => {
    const ticket = await client.create(connection(), 'tickets', {
      name: 'Event',
      contact: { id: '7189000000051001' },
    });
    await client.update(connection(), 'tickets', ticket.id, { priority: { id: 'High' } });
    await client.create(connection(), 'comments', { ticket: { id: ticket.id }, body: 'Noted' });
    await client.delete(connection(), 'tickets', ticket.id);
    const changes = [];
    for (const { body } of await sent()) {
      const outcome = await mapper.map(zohoDesk, { headers: {}, body }, { settings: connection().settings });
      if (outcome.kind !== 'changes') throw new Error(outcome.reason);
      changes.push(...outcome.changes);
    }
    expect(changes.map((c) => [c.resource, c.action, c.remoteId === ticket.id])).toEqual([
      ['tickets', 'created', true],
      ['tickets', 'updated', true],
      ['comments', 'created', false],
      ['tickets', 'deleted', true],
    ]);
    for (const change of changes) expectValid(change.resource, change.record!);
    expect(changes[1].record).toMatchObject({ priority: { id: 'High', category: 'high' } });
    expect(changes[2].record).toMatchObject({ ticket: { id: ticket.id }, body: 'Noted' });
  });

  it('maps every event of a batch, has no delivery id of its own, and dead-letters unknown event types', async () => {
    const batch = [
      {
        eventType: 'Contact_Update',
        orgId: '1',
        eventTime: '1764600000000',
        payload: { id: '5', lastName: 'Ruiz' },
      },
      { eventType: 'Account_Delete', orgId: '1', eventTime: '1764600000001', payload: { id: '9' } },
    ];
    const outcome = await mapper.map(zohoDesk, { headers: {}, body: batch }, { settings: {} });
    expect(
      outcome.kind === 'changes' && outcome.changes.map((c) => `${c.resource}:${c.action}:${c.remoteId}`),
    ).toEqual(['contacts:updated:5', 'accounts:deleted:9']);
    // No delivery id: the ingest hashes the body, which eventTime makes differ between changes.
    const rawBody = Buffer.from(JSON.stringify(batch));
    expect(
      await deliveryIdOf(zohoDesk.webhooks!, { headers: {}, rawBody, body: batch }, expressions),
    ).toMatch(/^sha256:/);
    const other = [{ eventType: 'Task_Add', orgId: '1', eventTime: '1', payload: { id: '3' } }];
    expect((await mapper.map(zohoDesk, { headers: {}, body: other }, { settings: {} })).kind).toBe(
      'unmapped',
    );
  });
});
