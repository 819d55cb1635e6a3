import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { automationPayload, FRESHDESK_WEBHOOK_TEMPLATES } from '@app/sandbox/freshdesk';
import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';
import { expectValid, freshdeskHarness } from './freshdesk.test-support';
import { freshdesk } from './index';
import { DeliveryReceiver } from '../testing/provider-test-kit';

const SECRET = 'freshdesk-rule-secret';
// One second per write, so `{{ticket.modified_on}}` moves on as it does between real changes.
let clock = Date.parse('2026-12-01T09:00:00Z');
const { emulator, client, connection } = freshdeskHarness({ now: () => new Date((clock += 1000)) });
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const receiver = new DeliveryReceiver();
const deliveries = receiver.deliveries;

type Change = MappedChange & { event: string; triggered?: string };

/** Verifies every delivery received so far, maps it, and returns the changes in order. */
async function drain(): Promise<Change[]> {
  await emulator.webhooks.flush();
  const changes: Change[] = [];
  for (const { headers, raw } of deliveries.splice(0)) {
    const scheme = freshdesk.webhooks!.verification;
    expect(verifyWebhookSignature(scheme, SECRET, { headers, rawBody: raw })).toEqual({ ok: true });
    const body = JSON.parse(raw.toString()) as {
      freshdesk_webhook: { event: string; triggered_event?: string };
    };
    const outcome = await mapper.map(freshdesk, { headers, body }, { settings: connection().settings });
    if (outcome.kind !== 'changes') throw new Error(`${outcome.kind}: ${outcome.reason}`);
    const { event, triggered_event } = body.freshdesk_webhook;
    changes.push(...outcome.changes.map((c) => ({ ...c, event, triggered: triggered_event })));
  }
  return changes;
}

/** What the normalizer does with a thin change: fetch the record through the definition's get. */
const enrich = (change: MappedChange) =>
  change.fetch ? client.get(connection(), change.resource, change.remoteId) : Promise.resolve(change.record);

describe('Freshdesk automation-rule webhooks from the emulator through the definition', () => {
  beforeAll(async () => {
    const hooks = await receiver.start();
    await emulator.start();
    emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('ticket create → created, observed changes and notes → updated (fetched), delete → deleted', async () => {
    const ticket = await client.create(connection(), 'tickets', {
      name: 'Webhook me',
      description: 'Start',
      contact: { id: '19000001001' },
    });
    let changes = await drain();
    expect(changes.map((c) => [c.event, c.resource, c.action, c.remoteId, c.fetch])).toEqual([
      ['ticket_created', 'tickets', 'created', ticket.id, true],
    ]);
    const fetched = await enrich(changes[0]);
    expectValid('tickets', fetched!);
    expect(fetched).toMatchObject({ id: ticket.id, name: 'Webhook me', contact: { id: '19000001001' } });

    await client.update(connection(), 'tickets', ticket.id, { status: { id: '3' }, priority: { id: '3' } });
    changes = await drain();
    expect(changes.map((c) => [c.event, c.action, c.remoteId, c.triggered])).toEqual([
      ['ticket_updated', 'updated', ticket.id, '{status:{from:2,to:3},priority:{from:1,to:3}}'],
    ]);
    expect(await enrich(changes[0])).toMatchObject({ status: { id: '3', category: 'on_hold' } });

    // A subject alone is no event the "ticket updates" rules can listen for: Freshdesk sends nothing.
    await client.update(connection(), 'tickets', ticket.id, { name: 'Webhook me (renamed)' });
    expect(await drain()).toEqual([]);

    await client.create(connection(), 'comments', {
      ticket: { id: ticket.id },
      body: 'Psst',
      is_internal: true,
    });
    changes = await drain();
    expect(changes.map((c) => [c.event, c.resource, c.action, c.triggered])).toEqual([
      ['ticket_updated', 'tickets', 'updated', '{note_type:private}'],
    ]);

    await client.delete(connection(), 'tickets', ticket.id);
    changes = await drain();
    expect(changes.map((c) => [c.event, c.action, c.remoteId, c.fetch])).toEqual([
      ['ticket_deleted', 'deleted', ticket.id, undefined],
    ]);
    expectValid('tickets', changes[0].record!);
  });

  it('sends no delivery id: successive changes differ in body (the ingest hashes it), with the secret header only', async () => {
    await client.update(connection(), 'tickets', '2', { priority: { id: '4' } });
    await client.update(connection(), 'tickets', '2', { priority: { id: '2' } });
    await client.update(connection(), 'tickets', '2', { priority: { id: '4' } });
    await emulator.webhooks.flush();
    const sent = deliveries.splice(0);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((d) => d.raw.toString())).size).toBe(3);
    expect(freshdesk.webhooks!.deliveryIdHeader).toBeUndefined();
    for (const d of sent) {
      expect(d.headers['x-freshdesk-webhook-secret']).toBe(SECRET);
      expect(Object.keys(d.headers).filter((h) => /delivery|signature|event|id$/i.test(h))).toEqual([]);
    }
  });

  it('refuses deliveries without the secret, with another secret, or with it in another header', async () => {
    const scheme = freshdesk.webhooks!.verification;
    const rawBody = Buffer.from(
      JSON.stringify(automationPayload('ticket_deleted', { id: 3, updated_at: '2026-12-01T09:00:00Z' })),
    );
    const verify = (headers: Record<string, string>, secret = SECRET) =>
      verifyWebhookSignature(scheme, secret, { headers, rawBody });
    expect(verify({ 'x-freshdesk-webhook-secret': SECRET })).toEqual({ ok: true });
    expect(verify({})).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verify({ 'x-freshdesk-webhook-secret': 'guess' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verify({ 'x-freshdesk-webhook-secret': SECRET.slice(0, -1) })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify({ authorization: SECRET })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verify({ 'x-freshdesk-webhook-secret': SECRET }, 'rotated-secret').ok).toBe(false);
  });

  it('maps the documented bodies exactly as written, and leaves other bodies unmapped', async () => {
    // The bodies the doc asks admins to paste are the ones the emulator renders.
    const doc = readFileSync(path.resolve(__dirname, '../../../../docs/providers/freshdesk.md'), 'utf8');
    for (const template of Object.values(FRESHDESK_WEBHOOK_TEMPLATES)) expect(doc).toContain(template);
    const map = (body: unknown) =>
      mapper.map(freshdesk, { headers: {}, body }, { settings: connection().settings });
    // As an admin would indent it, with a triggered event Freshdesk rendered.
    const pasted = `{
      "freshdesk_webhook": {
        "event": "ticket_updated", "ticket_id": "7",
        "modified_on": "2026-12-01 09:00:00 UTC", "triggered_event": "{responder_id:{from:1,to:2}}"
      }
    }`;
    expect(await map(JSON.parse(pasted))).toEqual({
      kind: 'changes',
      changes: [{ resource: 'tickets', action: 'updated', remoteId: '7', fetch: true }],
    });
    expect((await map({ freshdesk_webhook: { event: 'ticket_updated', ticket_id: '' } })).kind).toBe(
      'unmapped',
    );
    expect((await map({ freshdesk_webhook: { event: 'ticket_merged', ticket_id: '7' } })).kind).toBe(
      'unmapped',
    );
    expect((await map({ ticket_id: 7 })).kind).toBe('unmapped');
  });
});
