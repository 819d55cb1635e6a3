import { createHmac } from 'node:crypto';
import { conversationId } from '@app/sandbox/front';
import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { deliveryIdOf } from '../webhooks/delivery-id';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';
import { front } from './index';
import { expectValid, frontHarness } from './front.test-support';
import { DeliveryReceiver } from '../testing/provider-test-kit';

const SECRET = 'front-app-signing-key';
const { emulator, client, connection } = frontHarness();
const expressions = new ExpressionCache();
const records = new RecordMapper(expressions, contractFieldsOf);
const mapper = new WebhookEventMapper(expressions, records);
const verification = front.webhooks!.verification;
const receiver = new DeliveryReceiver();
const deliveries = receiver.deliveries;

type Change = MappedChange & { type: string; deliveryId: string };

/** Verifies every delivery received so far, maps it, and returns the changes in order. */
async function drain(): Promise<Change[]> {
  await emulator.webhooks.flush();
  const changes: Change[] = [];
  for (const { headers, raw } of deliveries.splice(0)) {
    expect(verifyWebhookSignature(verification, SECRET, { headers, rawBody: raw })).toEqual({ ok: true });
    const body = JSON.parse(raw.toString()) as { type: string; id: string };
    const outcome = await mapper.map(front, { headers, body }, { settings: connection().settings });
    if (outcome.kind !== 'changes') throw new Error(`${body.type}: ${outcome.kind} (${outcome.reason})`);
    const deliveryId = await deliveryIdOf(front.webhooks!, { headers, rawBody: raw, body });
    expect(deliveryId).toBe(body.id);
    changes.push(...outcome.changes.map((c) => ({ ...c, type: body.type, deliveryId })));
  }
  return changes;
}

/** Signs a hand-made body the way Front does, `now` in milliseconds. */
const signed = (body: unknown, secret = SECRET, at = Date.now()) => {
  const raw = Buffer.from(JSON.stringify(body));
  const timestamp = String(at);
  const signature = createHmac('sha256', secret).update(`${timestamp}:`).update(raw).digest('base64');
  return { raw, headers: { 'x-front-request-timestamp': timestamp, 'x-front-signature': signature } };
};

describe('Front application webhooks from the emulator through the definition', () => {
  beforeAll(async () => {
    const hooks = await receiver.start();
    await emulator.start();
    emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('a new discussion arrives as its starter comment: ticket created and comment created', async () => {
    const ticket = await client.create(connection(), 'tickets', { name: 'Hooked', description: 'Starter' });
    let changes = await drain();
    expect(changes.map((c) => [c.type, c.resource, c.action, c.remoteId.slice(0, 4)])).toEqual([
      ['comment', 'tickets', 'created', 'cnv_'],
      ['comment', 'comments', 'created', 'com_'],
    ]);
    expect(changes[0].record).toMatchObject({ id: ticket.id, name: 'Hooked', status: { id: 'sts_5x' } });
    expect(changes[1].record).toMatchObject({
      body: 'Starter',
      ticket: { id: ticket.id },
      is_internal: true,
    });
    expect(changes[0].deliveryId).toMatch(/^evt_[0-9a-f]{10}$/);

    const comment = await client.create(connection(), 'comments', {
      ticket: { id: conversationId(3) },
      body: 'Checked the order history',
      author: { id: 'tea_6r56b', type: 'user' },
    });
    changes = await drain();
    // An older conversation: only the comment.
    expect(changes.map((c) => c.resource)).toEqual(['comments']);
    expectValid('comments', changes[0].record!);
    // The webhook record is the record the REST API gives for the same comment.
    const { etag: _e, remote_data: _r, ...fromRest } = await client.get(connection(), 'comments', comment.id);
    expect(changes[0].record).toMatchObject({ ...fromRest, author: { id: 'tea_6r56b', type: 'user' } });
  });

  it('assign, tag/untag, archive, trash and move are ticket updates carrying the conversation', async () => {
    const id = conversationId(5);
    await client.update(connection(), 'tickets', id, {
      assignees: [{ id: 'tea_6r59e' }],
      tags: [{ id: 'tag_2oxhx4' }],
      status: { id: 'archived' },
      workspace: { id: 'inb_1ix8' },
    });
    await client.update(connection(), 'tickets', id, { status: { id: 'deleted' } });
    const changes = await drain();
    // Deliveries travel concurrently: their order of arrival is not the order of the events.
    expect(changes.map((c) => c.type).sort()).toEqual(['archive', 'assign', 'move', 'tag', 'trash', 'untag']);
    for (const change of changes) {
      expect([change.resource, change.action, change.remoteId]).toEqual(['tickets', 'updated', id]);
      expectValid('tickets', change.record!);
    }
    const of = (type: string) => changes.find((c) => c.type === type)!.record;
    expect(of('assign')).toMatchObject({ assignees: [{ id: 'tea_6r59e' }], tags: [{ id: 'tag_2oxhx4' }] });
    expect(of('archive')).toMatchObject({ status: { id: 'sts_5z', category: 'done' } });
    expect(of('trash')).toMatchObject({ status: { id: 'deleted', category: 'cancelled' } });
    expect(new Set(changes.map((c) => c.deliveryId)).size).toBe(changes.length);
  });

  it('refuses forged, tampered, re-timed and stale deliveries', async () => {
    await client.create(connection(), 'comments', { ticket: { id: conversationId(6) }, body: 'Sign me' });
    await emulator.webhooks.flush();
    const { headers, raw } = deliveries.splice(0)[0];
    const check = (h: Record<string, string>, body: Buffer, now?: Date) =>
      verifyWebhookSignature(verification, SECRET, { headers: h, rawBody: body }, now);
    expect(check(headers, raw)).toEqual({ ok: true });
    expect(check(headers, Buffer.from(raw.toString().replace('Sign me', 'Sign m3')))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const retimed = {
      ...headers,
      'x-front-request-timestamp': String(Number(headers['x-front-request-timestamp']) + 1),
    };
    expect(check(retimed, raw)).toEqual({ ok: false, reason: 'bad_signature' });
    const forged = signed(JSON.parse(raw.toString()), 'not-the-key');
    expect(check(forged.headers, forged.raw)).toEqual({ ok: false, reason: 'bad_signature' });
    // Rule webhooks' scheme (HMAC-SHA1 of the body alone) is not this one.
    const sha1 = createHmac('sha1', SECRET).update(raw).digest('base64');
    expect(check({ ...headers, 'x-front-signature': sha1 }, raw).ok).toBe(false);
    const later = new Date(Number(headers['x-front-request-timestamp']) + 6 * 60_000);
    expect(check(headers, raw, later)).toEqual({ ok: false, reason: 'stale_timestamp' });
    const { 'x-front-request-timestamp': _t, ...noTimestamp } = headers;
    expect(check(noTimestamp, raw)).toEqual({ ok: false, reason: 'missing_timestamp' });
  });

  it('fetches previews, deletes merged-away conversations, ignores the sync and mentions', async () => {
    const map = (body: unknown) =>
      mapper.map(front, { headers: signed(body).headers, body }, { settings: {} });
    const preview = await map({
      id: 'evt_p1',
      type: 'inbound',
      conversation: { id: conversationId(0) },
      target: { _meta: { type: 'message' }, data: { _links: {}, id: 'msg_1q150000' } },
    });
    expect(preview).toEqual({
      kind: 'changes',
      changes: [{ resource: 'comments', action: 'created', remoteId: 'msg_1q150000', fetch: true }],
    });
    const fetched = await client.get(connection(), 'comments', 'msg_1q150000');
    expect(fetched).toMatchObject({ ticket: { id: conversationId(0) }, is_internal: false });

    const merged = await map({
      id: 'evt_m1',
      type: 'conversations_merged',
      conversation: { id: conversationId(0) },
      target: { _meta: { type: 'deleted_conversation_ids' }, data: ['cnv_a1', 'cnv_a2'] },
    });
    expect(
      merged.kind === 'changes' && merged.changes.map((c) => [c.resource, c.action, c.remoteId]),
    ).toEqual([
      ['tickets', 'deleted', 'cnv_a1'],
      ['tickets', 'deleted', 'cnv_a2'],
    ]);
    for (const body of [
      { type: 'sync', authorization: { id: 'cmp_abc' } },
      { type: 'mention', id: 'evt_x' },
    ]) {
      expect((await map(body)).kind).toBe('ignored');
    }
    expect((await map({ id: 'evt_u', type: 'something_new', conversation: { id: 'cnv_1' } })).kind).toBe(
      'unmapped',
    );
  });

  it('maps a conversation of a company without ticketing by its legacy status', async () => {
    const legacy = async (status: string, assignee: unknown) =>
      (
        await records.map(
          front,
          'tickets',
          { id: 'cnv_l1', type: 'conversation', subject: 'Old', status, assignee, tags: [], ticket_ids: [] },
          { settings: {} },
        )
      ).status;
    expect(await legacy('unassigned', null)).toEqual({
      id: 'unassigned',
      name: 'unassigned',
      category: 'open',
    });
    expect(await legacy('assigned', { id: 'tea_6r55a' })).toMatchObject({ category: 'in_progress' });
    expect(await legacy('archived', null)).toMatchObject({ id: 'archived', category: 'done' });
    expect(await legacy('deleted', null)).toMatchObject({ id: 'deleted', category: 'cancelled' });
  });
});
