import { contractFieldsOf } from '@app/unified-models';
import { sysId } from '@app/sandbox/servicenow';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { DeliveryReceiver } from '../testing/provider-test-kit';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { servicenow } from './index';
import { serviceNowHarness } from './servicenow.test-support';

const SECRET = 'servicenow-rule-secret';
let clock = Date.parse('2026-12-01T09:00:00Z');
const { emulator, client, connection } = serviceNowHarness({ now: () => new Date((clock += 1000)) });
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const receiver = new DeliveryReceiver();
const deliveryId = (body: unknown) =>
  expressions.evaluate(servicenow.webhooks!.deliveryId!, { headers: {}, body });

/** Verifies and maps every delivery so far: `resource action[ fetch] id` per change, and the delivery ids. */
async function drain(): Promise<{ changes: string[]; ids: unknown[] }> {
  await emulator.webhooks.flush();
  const changes: string[] = [];
  const ids: unknown[] = [];
  for (const { headers, raw } of receiver.deliveries.splice(0)) {
    const scheme = servicenow.webhooks!.verification;
    expect(verifyWebhookSignature(scheme, SECRET, { headers, rawBody: raw })).toEqual({ ok: true });
    const body = JSON.parse(raw.toString()) as unknown;
    ids.push(await deliveryId(body));
    const outcome = await mapper.map(servicenow, { headers, body }, { settings: connection().settings });
    if (outcome.kind !== 'changes') throw new Error(`${outcome.kind}: ${outcome.reason}`);
    changes.push(
      ...outcome.changes.map((c) => `${c.resource} ${c.action}${c.fetch ? ' fetch' : ''} ${c.remoteId}`),
    );
  }
  return { changes, ids };
}

describe('ServiceNow business-rule webhooks from the emulator through the definition', () => {
  beforeAll(async () => {
    const hooks = await receiver.start();
    await emulator.start();
    emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('insert → created, update and journal → updated and a comment, delete → deleted, each its own delivery id', async () => {
    const ticket = await client.create(connection(), 'tickets', {
      name: 'Hook me',
      contact: { id: sysId('sys_user', 3) },
    });
    const created = await drain();
    expect(created.changes).toEqual([`tickets created fetch ${ticket.id}`]);
    const comment = await client.create(connection(), 'comments', {
      ticket: { id: ticket.id },
      body: 'Hi',
      is_internal: true,
    });
    const commented = await drain();
    expect(commented.changes).toEqual([
      `comments created fetch ${comment.id}`,
      `tickets updated fetch ${ticket.id}`,
    ]);
    await client.update(connection(), 'tickets', ticket.id, { status: { id: '2' } });
    await client.delete(connection(), 'tickets', ticket.id);
    const later = await drain();
    expect(later.changes).toEqual([`tickets updated fetch ${ticket.id}`, `tickets deleted ${ticket.id}`]);
    const ids = [...created.ids, ...commented.ids, ...later.ids];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses deliveries without the secret and drops bodies that are not a rule change', async () => {
    const raw = Buffer.from(
      JSON.stringify({ table: 'incident', operation: 'update', sys_id: sysId('incident', 1) }),
    );
    const scheme = servicenow.webhooks!.verification;
    expect(verifyWebhookSignature(scheme, SECRET, { headers: {}, rawBody: raw }).ok).toBe(false);
    expect(
      verifyWebhookSignature(scheme, SECRET, {
        headers: { 'x-servicenow-webhook-secret': 'guess' },
        rawBody: raw,
      }).ok,
    ).toBe(false);
    const odd = await mapper.map(
      servicenow,
      { headers: {}, body: { table: 'incident', operation: 'merge', sys_id: 'x' } },
      {
        settings: connection().settings,
      },
    );
    expect(odd.kind).not.toBe('changes');
  });
});
