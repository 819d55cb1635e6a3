import { randomBytes } from 'node:crypto';
import { createEventValidator, TOPICS, type RawWebhookRecord } from '@app/bus';
import {
  ExpressionCache,
  ProviderClient,
  ProviderRegistry,
  RecordMapper,
  WebhookEventMapper,
} from '@app/providers';
import { corpusFile } from '@app/sandbox';
import { ZENDESK_SEED_CREDENTIALS, ZendeskEmulator } from '@app/sandbox/zendesk';
import { openStore, type Store } from '@app/store';
import { contractFieldsOf } from '@app/unified-models';
import { ChangeEnricher } from './change-enricher';
import { DeliveryNormalizer, type TopicBatch } from './delivery-normalizer.service';

const registry = new ProviderRegistry();
const expressions = new ExpressionCache();
expressions.trustDefinitions(registry.all());
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const validate = createEventValidator();
const SOURCE = { topic: TOPICS.rawWebhooks, partition: 0, offset: '1' };

interface Published {
  topic: string;
  key: string | null;
  event: { id: string; type: string; subject: string; partial?: boolean; data: Record<string, unknown> };
}

/** Every message of the batches, each checked against the AsyncAPI contract with its key. */
function published(batches: TopicBatch[]): Published[] {
  return batches.flatMap(({ topic, messages }) =>
    messages.map((message) => {
      const value = String(message.value);
      const key = message.key === undefined || message.key === null ? null : String(message.key);
      expect({ topic, result: validate(topic, value, key) }).toEqual({
        topic,
        result: { valid: true, errors: [] },
      });
      return { topic, key, event: JSON.parse(value) as Published['event'] };
    }),
  );
}

/**
 * The normalizer's decisions for thin Zendesk deliveries against the Zendesk emulator and a real SQLite
 * store: a record that exists is published whole; one the provider answers 404 for is published as
 * what the delivery said (partial) and then as deleted — never dead-lettered as fetch_failed.
 */
describe('DeliveryNormalizer: thin deliveries', () => {
  const emulator = new ZendeskEmulator();
  let store: Store;
  let normalizer: DeliveryNormalizer;
  let connectionId: string;
  let tenantId: string;

  beforeAll(async () => {
    const url = await emulator.start();
    store = await openStore({
      STORE_DRIVER: 'sqlite',
      SQLITE_PATH: ':memory:',
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
    tenantId = (await store.tenants.create({ name: 'normalizer spec' })).id;
    connectionId = (
      await store.connections.create(tenantId, {
        provider: 'zendesk',
        settings: { subdomain: 'acme-support', base_url: url },
        credentials: { ...ZENDESK_SEED_CREDENTIALS },
        webhookSecret: 'secret',
      })
    ).id;
    const client = new ProviderClient({
      registry,
      expressions,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    normalizer = new DeliveryNormalizer(store.connections, registry, mapper, new ChangeEnricher(client));
  });
  afterAll(async () => {
    await emulator.stop();
    await store.close();
  });

  const raw = (body: unknown, deliveryId = 'inv-1'): RawWebhookRecord => ({
    deliveryId,
    connectionId,
    tenantId,
    provider: 'zendesk',
    receivedAt: '2026-12-05T05:00:00.000Z',
    headers: { 'content-type': 'application/json', 'x-zendesk-webhook-invocation-id': deliveryId },
    body: JSON.stringify(body),
  });

  it('publishes a gone ticket of the corpus event-subscription delivery as partial, then deleted', async () => {
    const delivery = corpusFile('zendesk', 'webhooks', 'ticket.created.event-subscription.tco-vo-agent.json');
    const detail = (delivery.json as { detail: Record<string, unknown> }).detail;
    const events = published(await normalizer.normalize(raw(delivery.json), SOURCE));
    expect(events.map((e) => [e.topic, e.event.type, e.event.partial])).toEqual([
      [TOPICS.tickets, 'ticketing.ticket.created', true],
      [TOPICS.tickets, 'ticketing.ticket.deleted', undefined],
    ]);
    const [partial, deleted] = events;
    expect(partial.key).toBe(`${connectionId}:5158`);
    // What the detail says, mapped; nothing it does not carry, and no etag of an incomplete record.
    expect(partial.event.data).toMatchObject({
      id: '5158',
      name: 'ticketinfo_2294a6e9ece2',
      remote_data: detail,
    });
    expect(partial.event.data).not.toHaveProperty('etag');
    expect(Object.values(partial.event.data)).not.toContain(undefined);
    expect(deleted.event.data).toEqual({ id: '5158' });
    expect(deleted.event.id).not.toBe(partial.event.id);
    // A replay yields the same two ids.
    const again = published(await normalizer.normalize(raw(delivery.json), SOURCE));
    expect(again.map((e) => e.event.id)).toEqual(events.map((e) => e.event.id));
  });

  it('fetches a ticket the provider still has and publishes it whole', async () => {
    const [ticket] = [...emulator.state.tickets.values()];
    const body = {
      type: 'zen:event-type:ticket.status_changed',
      id: 'e-1',
      detail: { id: String(ticket.id) },
      event: {},
    };
    const [event] = published(await normalizer.normalize(raw(body), SOURCE));
    expect(event.event.type).toBe('ticketing.ticket.updated');
    expect(event.event.partial).toBeUndefined();
    expect(event.event.data).toMatchObject({
      id: String(ticket.id),
      name: ticket.subject,
      etag: expect.any(String),
    });
  });

  it('publishes user and organization changes on their topics, a gone user as partial and deleted', async () => {
    const agent = [...emulator.state.users.values()].find((u) => u.role === 'agent')!;
    const userEvent = (id: string, role: string) => ({
      type: 'zen:event-type:user.name_changed',
      id: `e-${id}`,
      subject: `zen:user:${id}`,
      detail: {
        id,
        role,
        email: 'gone@example.com',
        organization_id: '0',
        updated_at: '2026-12-05T04:59:00Z',
      },
      event: { current: 'New', previous: 'Old' },
    });
    const [user] = published(await normalizer.normalize(raw(userEvent(String(agent.id), 'agent')), SOURCE));
    expect([user.topic, user.event.type, user.event.data.name]).toEqual([
      TOPICS.users,
      'ticketing.user.updated',
      agent.name,
    ]);
    const gone = published(await normalizer.normalize(raw(userEvent('999999001', 'end-user')), SOURCE));
    expect(gone.map((e) => [e.topic, e.event.type, e.event.partial])).toEqual([
      [TOPICS.contacts, 'ticketing.contact.updated', true],
      [TOPICS.contacts, 'ticketing.contact.deleted', undefined],
    ]);
    expect(gone[0].event.data).toMatchObject({
      id: '999999001',
      emails: [{ email: 'gone@example.com', type: 'primary' }],
      updated_at: '2026-12-05T04:59:00Z',
    });
    expect(gone[0].event.data).not.toHaveProperty('name');
    const [organization] = [...emulator.state.organizations.values()];
    const orgEvent = {
      type: 'zen:event-type:organization.name_changed',
      id: 'e-org',
      detail: { id: String(organization.id), name: organization.name },
      event: {},
    };
    const [account] = published(await normalizer.normalize(raw(orgEvent), SOURCE));
    expect([account.topic, account.event.type, account.event.data.name]).toEqual([
      TOPICS.accounts,
      'ticketing.account.updated',
      organization.name,
    ]);
  });

  it('publishes a trigger webhook whose ticket is gone with its id alone, then deleted', async () => {
    const delivery = corpusFile(
      'zendesk',
      'webhooks',
      'trigger-webhook.ticket-created.liquid-template.zulip.json',
    );
    const body = { ...(delivery.json as object), ticket_id: '999999002' };
    const events = published(await normalizer.normalize(raw(body), SOURCE));
    expect(events.map((e) => [e.event.type, e.event.partial, e.event.data.id])).toEqual([
      ['ticketing.ticket.updated', true, '999999002'],
      ['ticketing.ticket.deleted', undefined, '999999002'],
    ]);
  });
});
