import {
  FRESHSERVICE_SEED_API_KEY,
  FRESHSERVICE_SEED_DOMAIN,
  FreshserviceEmulator,
} from '@app/sandbox/freshservice';
import { contractFieldsOf } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { DeliveryReceiver, engineFor } from '../testing/provider-test-kit';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';
import { freshservice } from './index';

const SECRET = 'freshservice-workflow-secret';
let clock = Date.parse('2026-12-01T09:00:00Z');
const emulator = new FreshserviceEmulator({ now: () => new Date((clock += 1000)) });
const { client } = engineFor(freshservice);
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const receiver = new DeliveryReceiver();
const connection = (): ConnectionContext => ({
  id: 'c-fs',
  tenantId: 't1',
  provider: 'freshservice',
  settings: { base_url: emulator.url, domain: FRESHSERVICE_SEED_DOMAIN },
  credentials: { api_key: FRESHSERVICE_SEED_API_KEY },
});
const map = (body: unknown, headers: Record<string, string> = {}) =>
  mapper.map(freshservice, { headers, body }, { settings: connection().settings });

/** Verifies and maps every delivery so far: `action fetch? id` per change. */
async function drain(): Promise<string[]> {
  await emulator.webhooks.flush();
  const out: string[] = [];
  for (const { headers, raw } of receiver.deliveries.splice(0)) {
    expect(
      verifyWebhookSignature(freshservice.webhooks!.verification, SECRET, { headers, rawBody: raw }),
    ).toEqual({
      ok: true,
    });
    const outcome = await map(JSON.parse(raw.toString()), headers);
    if (outcome.kind !== 'changes') throw new Error(`${outcome.kind}: ${outcome.reason}`);
    out.push(
      ...outcome.changes.map((c: MappedChange) => `${c.action}${c.fetch ? ' fetch' : ''} ${c.remoteId}`),
    );
  }
  return out;
}

describe('Freshservice workflow webhooks from the emulator through the definition', () => {
  beforeAll(async () => {
    const hooks = await receiver.start();
    await emulator.start();
    emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('create → created, observed changes and notes → updated (fetched), other edits → nothing, delete → deleted', async () => {
    const ticket = await client.create(connection(), 'tickets', {
      name: 'Hook me',
      description: 'Start',
      contact: { id: '3000001' },
    });
    expect(await drain()).toEqual([`created fetch ${ticket.id}`]);
    await client.update(connection(), 'tickets', ticket.id, { name: 'Renamed only' });
    expect(await drain()).toEqual([]);
    await client.update(connection(), 'tickets', ticket.id, { priority: { id: 'high' } });
    await client.create(connection(), 'comments', {
      ticket: { id: ticket.id },
      body: 'Noted',
      is_internal: true,
    });
    expect(await drain()).toEqual([`updated fetch ${ticket.id}`, `updated fetch ${ticket.id}`]);
    await client.delete(connection(), 'tickets', ticket.id);
    expect(await drain()).toEqual([`deleted ${ticket.id}`]);
  });

  it('rejects a delivery without the secret and accepts a rule written with {{ticket.id}} (INC-12)', async () => {
    const scheme = freshservice.webhooks!.verification;
    const raw = Buffer.from('{"freshservice_webhook":{"event":"ticket_updated","ticket_id":"INC-12"}}');
    expect(verifyWebhookSignature(scheme, SECRET, { headers: {}, rawBody: raw }).ok).toBe(false);
    expect(
      verifyWebhookSignature(scheme, SECRET, {
        headers: { 'x-freshservice-webhook-secret': 'guess' },
        rawBody: raw,
      }).ok,
    ).toBe(false);
    const outcome = await map(JSON.parse(raw.toString()));
    expect(outcome.kind === 'changes' && outcome.changes.map((c) => [c.action, c.remoteId])).toEqual([
      ['updated', '12'],
    ]);
    expect((await map({ freshservice_webhook: { event: 'ticket_updated' } })).kind).not.toBe('changes');
  });
});
