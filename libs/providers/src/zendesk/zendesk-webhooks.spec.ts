import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';
import { zendesk } from './index';
import { expectValid, zendeskHarness } from './zendesk.test-support';
import { DeliveryReceiver } from '../testing/provider-test-kit';

const SECRET = 'zendesk-signing-secret';
const { emulator, client, connection } = zendeskHarness();
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const receiver = new DeliveryReceiver();
const deliveries = receiver.deliveries;

/** Verifies every delivery received so far, maps it, and returns the changes in order. */
async function drain(): Promise<(MappedChange & { type: string })[]> {
  await emulator.webhooks.flush();
  const changes: (MappedChange & { type: string })[] = [];
  for (const { headers, raw } of deliveries.splice(0)) {
    expect(verifyWebhookSignature(zendesk.webhooks!.verification, SECRET, { headers, rawBody: raw })).toEqual(
      { ok: true },
    );
    const body = JSON.parse(raw.toString()) as { type: string };
    const outcome = await mapper.map(zendesk, { headers, body }, { settings: connection().settings });
    if (outcome.kind !== 'changes') throw new Error(`${body.type}: ${outcome.kind} (${outcome.reason})`);
    changes.push(...outcome.changes.map((c) => ({ ...c, type: body.type.replace('zen:event-type:', '') })));
  }
  return changes;
}

/** What the normalizer does with a thin change: fetch the record through the definition's get. */
const enrich = (change: MappedChange) =>
  change.fetch ? client.get(connection(), change.resource, change.remoteId) : Promise.resolve(change.record);

describe('Zendesk webhooks from the emulator through the definition', () => {
  beforeAll(async () => {
    const hooks = await receiver.start();
    await emulator.start();
    emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('ticket create → created, update → updated (fetched), comment → comment created, delete → deleted', async () => {
    const ticket = await client.create(connection(), 'tickets', { name: 'Webhook me', description: 'Start' });
    let changes = await drain();
    expect(changes.map((c) => [c.type, c.resource, c.action, c.remoteId, Boolean(c.fetch)])).toEqual([
      ['ticket.created', 'tickets', 'created', ticket.id, true],
    ]);
    const fetched = await enrich(changes[0]);
    expectValid('tickets', fetched!);
    expect(fetched).toMatchObject({ id: ticket.id, name: 'Webhook me', description: 'Start' });

    await client.update(connection(), 'tickets', ticket.id, {
      priority: { id: 'high' },
      status: { id: 'pending' },
    });
    changes = await drain();
    expect(new Set(changes.map((c) => `${c.resource}:${c.action}:${c.remoteId}`))).toEqual(
      new Set([`tickets:updated:${ticket.id}`]),
    );
    expect(changes.map((c) => c.type)).toEqual(
      expect.arrayContaining(['ticket.status_changed', 'ticket.priority_changed']),
    );
    // Every event of one write fetches the same record, so consumers drop the repeats by etag.
    const etags = new Set((await Promise.all(changes.map(enrich))).map((r) => r!.etag));
    expect(etags.size).toBe(1);

    await client.create(connection(), 'comments', {
      ticket: { id: ticket.id },
      body: 'Private note',
      is_internal: true,
    });
    changes = await drain();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      type: 'ticket.comment_added',
      resource: 'comments',
      action: 'created',
    });
    expectValid('comments', changes[0].record!);
    expect(changes[0].record).toMatchObject({
      body: 'Private note',
      is_internal: true,
      ticket: { id: ticket.id },
      author: { id: '1001', name: 'Ada Admin', type: 'user' },
    });

    await client.delete(connection(), 'tickets', ticket.id);
    changes = await drain();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      type: 'ticket.soft_deleted',
      resource: 'tickets',
      action: 'deleted',
      remoteId: ticket.id,
    });
    expectValid('tickets', changes[0].record!);
  });

  it('routes user events by role (contacts vs users) and organization events to accounts', async () => {
    const contact = await client.create(connection(), 'contacts', {
      name: 'Wes Webhook',
      emails: [{ email: 'wes@hook.test' }],
    });
    const agent = await client.create(connection(), 'users', {
      name: 'Agnes Agent',
      emails: [{ email: 'agnes@acme-support.test' }],
    });
    const account = await client.create(connection(), 'accounts', { name: 'Webhook Inc' });
    await client.delete(connection(), 'contacts', contact.id);
    await client.delete(connection(), 'accounts', account.id);
    const changes = await drain();
    expect(changes.map((c) => [c.type, c.resource, c.action, c.remoteId, Boolean(c.fetch)])).toEqual([
      ['user.created', 'contacts', 'created', contact.id, true],
      ['user.created', 'users', 'created', agent.id, true],
      ['organization.created', 'accounts', 'created', account.id, true],
      ['user.deleted', 'contacts', 'deleted', contact.id, false],
      ['organization.deleted', 'accounts', 'deleted', account.id, false],
    ]);
    expect(await enrich(changes[0])).toMatchObject({ name: 'Wes Webhook' });
    expectValid('contacts', changes[3].record!);
    expectValid('accounts', changes[4].record!);
    expect(changes[4].record).toMatchObject({ name: 'Webhook Inc' });
  });

  it('fetches tickets named by thin trigger bodies, ignores unrelated event domains, reports the rest', async () => {
    const map = (body: unknown) =>
      mapper.map(zendesk, { headers: {}, body }, { settings: connection().settings });
    expect(await map({ ticket_id: 5, action: 'created' })).toEqual({
      kind: 'changes',
      changes: [{ resource: 'tickets', action: 'created', remoteId: '5', fetch: true }],
    });
    expect(await map({ ticket_id: '6' })).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'updated', remoteId: '6' }],
    });
    expect((await map({ type: 'zen:event-type:article.published', detail: { id: '1' } })).kind).toBe(
      'ignored',
    );
    expect((await map({ hello: 'world' })).kind).toBe('unmapped');
  });

  it('rejects deliveries signed with another secret or outside the five-minute window', async () => {
    await client.update(connection(), 'tickets', '4', { name: 'Signed subject' });
    await emulator.webhooks.flush();
    const [delivery] = deliveries.splice(0);
    const scheme = zendesk.webhooks!.verification;
    expect(
      verifyWebhookSignature(scheme, 'wrong', { headers: delivery.headers, rawBody: delivery.raw }).ok,
    ).toBe(false);
    const later = new Date(Date.now() + 6 * 60_000);
    expect(
      verifyWebhookSignature(scheme, SECRET, { headers: delivery.headers, rawBody: delivery.raw }, later),
    ).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(delivery.headers['x-zendesk-webhook-invocation-id']).toBeTruthy();
    expect(zendesk.webhooks!.deliveryIdHeader).toBe('x-zendesk-webhook-invocation-id');
  });
});
