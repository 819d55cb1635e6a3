import {
  GORGIAS_SEED_API_KEY,
  GORGIAS_SEED_DOMAIN,
  GORGIAS_SEED_EMAIL,
  GORGIAS_SECRET_HEADER,
  GorgiasEmulator,
} from '@app/sandbox/gorgias';
import { contractFieldsOf } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../engine/errors';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { engineFor, expectListCounts, failureOf, walk } from '../testing/provider-test-kit';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { gorgias } from './index';

const emulator = new GorgiasEmulator();
const { client } = engineFor(gorgias);
const connection = (
  apiKey = GORGIAS_SEED_API_KEY,
  settings: Record<string, string> = {},
): ConnectionContext => ({
  id: 'c-gorgias',
  tenantId: 't1',
  provider: 'gorgias',
  settings: { base_url: emulator.url, domain: GORGIAS_SEED_DOMAIN, agent_user_id: '2', ...settings },
  credentials: { email: GORGIAS_SEED_EMAIL, api_key: apiKey },
});

describe('Gorgias through the definition and the emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('walks every list with cursor and limit to its end, records valid', async () => {
    const expected: Record<string, number> = {
      tickets: 6,
      contacts: 4,
      users: 3,
      teams: 2,
      tags: 3,
      fields: 3,
      ticket_status: 2,
      ticket_priorities: 4,
    };
    const before = emulator.requests.length;
    await expectListCounts(client, connection(), expected, 4);
    const tickets = emulator.requests.slice(before).filter((r) => r.url.startsWith('/api/tickets?'));
    const params = tickets.map((r) => new URL(r.url, 'http://x').searchParams);
    expect(params.map((p) => [p.get('limit'), p.get('order_by'), p.has('cursor')])).toEqual([
      ['4', 'created_datetime:asc', false],
      ['4', 'created_datetime:asc', true],
    ]);
  });

  it('maps a ticket: open/closed, priority categories, customer as contact, custom field values by id', async () => {
    const ticket = await client.get(connection(), 'tickets', '101');
    expect(ticket).toMatchObject({
      name: 'Where is my order #1042?',
      status: { id: 'open', category: 'open' },
      priority: { id: 'normal', category: 'medium' },
      contact: { id: '31', name: 'Maya Lopez' },
      created_by: { id: '31', type: 'contact' },
      assignees: [{ id: '1' }],
      team: { id: '11' },
      tags: [{ id: '22', name: 'shipping' }],
      custom_fields: { '41': 'Shipping' },
      created_at: '2026-11-10T09:30:00.000000Z',
      ticket_url: 'https://acme-store.gorgias.com/app/ticket/101',
    });
    const closed = await client.get(connection(), 'tickets', '105');
    expect(closed).toMatchObject({
      status: { category: 'done' },
      priority: { category: 'urgent' },
      completed_at: expect.any(String),
    });
  });

  it("creates a ticket with the customer's first message, updates it, deletes it", async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'Lost parcel',
      description: 'It never came',
      contact: { id: '32' },
      tags: [{ name: 'shipping' }, { name: 'brand-new' }],
    });
    expect(created).toMatchObject({
      name: 'Lost parcel',
      description: 'It never came',
      contact: { id: '32' },
    });
    expect((created.tags as { name: string }[]).map((t) => t.name)).toEqual(['shipping', 'brand-new']);
    const updated = await client.update(connection(), 'tickets', created.id, {
      status: { id: 'closed' },
      assignees: [{ id: '2' }],
      priority: { id: 'critical' },
    });
    expect(updated).toMatchObject({
      status: { id: 'closed' },
      assignees: [{ id: '2' }],
      priority: { category: 'urgent' },
    });
    await client.delete(connection(), 'tickets', created.id);
    expect(await failureOf(client.get(connection(), 'tickets', created.id))).toBeInstanceOf(
      ProviderNotFoundError,
    );
  });

  it('refuses a ticket without a customer and a duplicate e-mail, with the field Gorgias names', async () => {
    const noCustomer = await failureOf(client.create(connection(), 'tickets', { name: 'Orphan' }));
    expect(noCustomer).toBeInstanceOf(ProviderValidationError);
    expect(noCustomer.message).toContain('customer Missing data for required field.');
    const duplicate = await failureOf(
      client.create(connection(), 'contacts', {
        name: 'Maya again',
        emails: [{ email: 'maya@example.test' }],
      }),
    );
    expect([duplicate, (duplicate as ProviderValidationError).details]).toMatchObject([
      expect.any(ProviderValidationError),
      { providerStatus: 409 },
    ]);
    expect(await failureOf(client.list(connection('wrong-key'), 'tickets'))).toBeInstanceOf(
      ProviderAuthError,
    );
  });

  it('writes internal comments as internal notes, public ones as api messages signed by the default agent', async () => {
    const query = { ticket_id: '102' };
    const note = await client.create(connection(), 'comments', {
      ticket: { id: '102' },
      body: 'Refund sent',
      is_internal: true,
    });
    expect(note).toMatchObject({
      is_internal: true,
      is_private: true,
      author: { id: '2', type: 'user' },
      channel: { id: 'internal-note' },
    });
    const reply = await client.create(connection(), 'comments', {
      ticket: { id: '102' },
      html_body: '<p>Done!</p>',
      author: { id: '1', type: 'user' },
    });
    expect(reply).toMatchObject({ is_internal: false, html_body: '<p>Done!</p>', author: { id: '1' } });
    expect(
      await client.update(connection(), 'comments', note.id, { body: 'Refund sent today' }, { query }),
    ).toMatchObject({ body: 'Refund sent today' });
    const listed = (await walk(client, connection(), 'comments', 2, query)).records;
    expect(listed.find((c) => (c.author as { type: string }).type === 'contact')).toBeDefined();
    await client.delete(connection(), 'comments', note.id, { query });
    expect(await failureOf(client.get(connection(), 'comments', note.id, { query }))).toBeInstanceOf(
      ProviderNotFoundError,
    );
  });

  it('maps customers with e-mail and phone channels, and tags with their colour', async () => {
    const contact = await client.create(connection(), 'contacts', {
      name: 'Noor Haddad',
      emails: [{ email: 'noor@example.test' }],
      phones: [{ number: '+971 50 000 0000' }],
    });
    expect(contact).toMatchObject({
      emails: [{ email: 'noor@example.test', type: 'primary' }],
      phones: [{ number: '+971 50 000 0000', type: 'phone' }],
      is_active: true,
    });
    expect(await client.update(connection(), 'tags', '21', { color: '#000000' })).toMatchObject({
      name: 'refund',
      color: '#000000',
    });
  });

  it('waits out a 429 on reads (Retry-After) and surfaces it on writes', async () => {
    emulator.injectFault(emulator.rateLimitFault(1, 1));
    expect((await client.get(connection(), 'teams', '11')).name).toBe('Front line');
    emulator.injectFault(emulator.rateLimitFault(1, 1));
    const limited = await failureOf(client.create(connection(), 'teams', { name: 'Limited' }));
    expect(limited).toBeInstanceOf(ProviderRateLimitError);
  });
});

describe('Gorgias HTTP-integration webhooks', () => {
  const SECRET = 'gorgias-integration-secret';
  const expressions = new ExpressionCache();
  const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
  const hooks = new GorgiasEmulator();
  beforeAll(async () => {
    await hooks.start();
    hooks.subscribeWebhooks('http://127.0.0.1:9/hooks/c-gorgias', SECRET);
  });
  afterAll(() => hooks.stop());

  it('sends thin bodies with the secret header; created, updated and message events map to fetched tickets', async () => {
    const conn = { ...connection(), settings: { ...connection().settings, base_url: hooks.url } };
    const ticket = await client.create(conn, 'tickets', { name: 'Hooked', contact: { id: '31' } });
    await client.update(conn, 'tickets', ticket.id, { status: { id: 'closed' } });
    await client.create(conn, 'comments', { ticket: { id: ticket.id }, body: 'Note', is_internal: true });
    await hooks.webhooks.flush();
    const sent = hooks.webhooks.deliveries.splice(0);
    const changes = [];
    for (const d of sent) {
      const rawBody = Buffer.from(d.body);
      expect(
        verifyWebhookSignature(gorgias.webhooks!.verification, SECRET, { headers: d.headers, rawBody }),
      ).toEqual({ ok: true });
      expect(
        verifyWebhookSignature(gorgias.webhooks!.verification, SECRET, {
          headers: { [GORGIAS_SECRET_HEADER]: 'guess' },
          rawBody,
        }).ok,
      ).toBe(false);
      const outcome = await mapper.map(
        gorgias,
        { headers: d.headers, body: JSON.parse(d.body) },
        { settings: {} },
      );
      if (outcome.kind !== 'changes') throw new Error(outcome.reason);
      changes.push(...outcome.changes);
    }
    expect(changes).toEqual([
      { resource: 'tickets', action: 'created', remoteId: ticket.id, fetch: true },
      { resource: 'tickets', action: 'updated', remoteId: ticket.id, fetch: true },
      { resource: 'tickets', action: 'updated', remoteId: ticket.id, fetch: true },
    ]);
    expect(new Set(sent.map((d) => d.body)).size).toBe(3);
    const unknown = await mapper.map(
      gorgias,
      { headers: {}, body: { event: 'ticket-deleted', ticket_id: 1 } },
      { settings: {} },
    );
    expect(unknown.kind).toBe('unmapped');
  });
});
