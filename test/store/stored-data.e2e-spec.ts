import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { generateSecret } from '@app/delivery';
import { CredentialCipher, type Store, type StoredEvent } from '@app/store';
import { migrateToLatest, MIGRATION_NAMES } from '@app/store/migrations';
import { withSubscriptionTables } from '@app/store/migrations/0002-subscriptions';
import {
  DRIVERS,
  key32,
  prepareTarget,
  TEST_CIPHER,
  TEST_K1,
  useStore,
  type EngineTarget,
} from './store-fixture';

// What a provider might put in a ticket: it must never sit in the database in readable form.
const TICKET_TEXT = 'Printer on fire in room 4711';

/** Every row of every table of the store, as text: what someone holding a dump would read. */
async function everyRow(store: Store): Promise<string> {
  const tables =
    store.driver === 'sqlite'
      ? sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`;
  const { rows } = await tables.execute(store.db);
  expect(rows.map((r) => r.name)).toEqual(
    expect.arrayContaining(['subscription_events', 'idempotency_keys']),
  );
  const dumps: string[] = [];
  for (const { name } of rows) {
    const all = await sql`select * from ${sql.table(name)}`.execute(store.db);
    dumps.push(`${name}: ${JSON.stringify(all.rows)}`);
  }
  return dumps.join('\n');
}

/** Leases every due delivery (as the dispatcher does) and returns them with their opened bodies. */
async function claimDue(store: Store, owner: string, at = new Date()) {
  const due = await store.deliveryAttempts.findDue(at, 100, 100);
  return store.deliveryAttempts.claim(
    due.map((d) => d.id),
    owner,
    at,
    new Date(at.getTime() + 60_000),
  );
}

/** A unified change event as the normalizer publishes it, remote_data included. */
function ticketEvent(tenantId: string, connectionId: string | null): StoredEvent {
  const eventId = randomUUID();
  const data = { id: '17', name: TICKET_TEXT, remote_data: { title: TICKET_TEXT, body: `${TICKET_TEXT}!` } };
  return {
    tenantId,
    eventId,
    type: 'ticketing.ticket.created',
    connectionId,
    time: new Date().toISOString(),
    body: JSON.stringify({
      specversion: '1.0',
      id: eventId,
      tenantid: tenantId,
      connectionid: connectionId,
      data,
    }),
  };
}

describe.each(DRIVERS)('ticket content at rest on %s', (driver) => {
  const fixture = useStore(driver, 'stored-data');
  let store: Store;
  beforeAll(() => (store = fixture.store()));

  const connection = (tenantId: string) =>
    store.connections.create(tenantId, { provider: 'github', settings: {}, credentials: { token: 't' } });
  const subscribe = (tenantId: string, connectionId: string | null = null) =>
    store.subscriptions.create(tenantId, {
      url: 'https://example.com/hook',
      event_types: ['*'],
      secret: generateSecret(),
      connection_id: connectionId,
    });

  /** Stores everything the platform keeps about one connection's tickets; returns its event ids. */
  async function useConnection(tenantId: string, connectionId: string, subscriptionIds: string[]) {
    const events = [ticketEvent(tenantId, connectionId), ticketEvent(tenantId, connectionId)];
    await store.deliveryAttempts.enqueue(
      events.map((event) => ({ event, subscriptionIds })),
      new Date(Date.now() - 1000),
    );
    const claimed = await claimDue(store, 'test');
    for (const delivery of claimed.filter((d) => events.some((e) => e.eventId === d.event_id))) {
      const attempt = { attemptedAt: new Date(), statusCode: 500, latencyMs: 1, error: 'HTTP 500' };
      await store.deliveryAttempts.finish(delivery, 'test', attempt, { status: 'failed' });
    }
    const key = `idem-${connectionId}`;
    expect(await store.idempotency.claim(tenantId, key, 'h', connectionId)).toEqual({ state: 'new' });
    await store.idempotency.complete(tenantId, key, 201, { id: '17', name: TICKET_TEXT });
    expect(await store.deliveries.claim(connectionId, `delivery-${connectionId}`)).toBe(true);
    return events.map((e) => e.eventId);
  }

  it('seals retained events and idempotent answers: a dump holds no ticket text, the store reads them back', async () => {
    const tenant = (await store.tenants.create({ name: 'sealed' })).id;
    const sub = await subscribe(tenant);
    const event = ticketEvent(tenant, null);
    await store.deliveryAttempts.enqueue([{ event, subscriptionIds: [sub.id] }], new Date(Date.now() - 1));
    const claimed = (await claimDue(store, 'reader')).find((d) => d.event_id === event.eventId);
    expect(claimed).toMatchObject({ event_id: event.eventId, body: event.body });
    expect(claimed?.secrets).toHaveLength(1);

    await store.idempotency.claim(tenant, 'answer', 'h');
    await store.idempotency.complete(tenant, 'answer', 201, { name: TICKET_TEXT });
    expect(await store.idempotency.claim(tenant, 'answer', 'h')).toEqual({
      state: 'replay',
      status: 201,
      body: { name: TICKET_TEXT },
    });

    const dump = await everyRow(store);
    expect(dump).toContain(event.eventId); // the rows are there…
    expect(dump).not.toContain(TICKET_TEXT); // …but not what the tickets say
    expect(dump).not.toContain('Printer');
  });

  it('binds a sealed body to its row: copied to another event it does not open', async () => {
    const tenant = (await store.tenants.create({ name: 'bound' })).id;
    const sub = await subscribe(tenant);
    const [first, second] = [ticketEvent(tenant, null), ticketEvent(tenant, null)];
    await store.deliveryAttempts.enqueue(
      [first, second].map((event) => ({ event, subscriptionIds: [sub.id] })),
      new Date(Date.now() - 1),
    );
    const db = withSubscriptionTables(store.db);
    const { body } = await db
      .selectFrom('subscription_events')
      .select('body')
      .where('event_id', '=', first.eventId)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('subscription_events')
      .set({ body })
      .where('event_id', '=', second.eventId)
      .execute();
    const claimed = await claimDue(store, 'reader');
    const copied = claimed.find((d) => d.event_id === second.eventId);
    // Not sent: no body, no secrets, so the executor records it as undeliverable.
    expect(copied).toMatchObject({ body: '', secrets: [] });
    expect(claimed.find((d) => d.event_id === first.eventId)).toMatchObject({ body: first.body });
  });

  it('deleting a connection leaves none of its rows behind, and touches nothing else', async () => {
    const tenantA = (await store.tenants.create({ name: 'a' })).id;
    const tenantB = (await store.tenants.create({ name: 'b' })).id;
    const [gone, kept] = [await connection(tenantA), await connection(tenantA)];
    const wide = await subscribe(tenantA);
    const scoped = await subscribe(tenantA, gone.id);
    const goneEvents = await useConnection(tenantA, gone.id, [wide.id, scoped.id]);
    const keptEvents = await useConnection(tenantA, kept.id, [wide.id]);
    const before = await everyRow(store);
    for (const id of [gone.id, ...goneEvents]) expect(before).toContain(id);

    expect(await store.connections.delete(tenantB, gone.id)).toBe(false); // another tenant: nothing
    expect(await everyRow(store)).toBe(before);

    expect(await store.connections.delete(tenantA, gone.id)).toBe(true);
    const after = await everyRow(store);
    for (const id of [gone.id, scoped.id, ...goneEvents]) expect(after).not.toContain(id);
    for (const id of [kept.id, wide.id, ...keptEvents, `idem-${kept.id}`, `delivery-${kept.id}`])
      expect(after).toContain(id);
    const attempts = await withSubscriptionTables(store.db)
      .selectFrom('delivery_attempts')
      .select('event_id')
      .where('subscription_id', '=', wide.id)
      .execute();
    expect(attempts.map((a) => a.event_id).sort()).toEqual([...keptEvents].sort());
  });

  it("purges a tenant's stored data and keeps its connections, subscriptions and other tenants' data", async () => {
    const [tenantA, tenantB] = [
      (await store.tenants.create({ name: 'purged' })).id,
      (await store.tenants.create({ name: 'untouched' })).id,
    ];
    const [connA, connB] = [await connection(tenantA), await connection(tenantB)];
    const [subA, subB] = [await subscribe(tenantA), await subscribe(tenantB)];
    const eventsA = await useConnection(tenantA, connA.id, [subA.id]);
    const eventsB = await useConnection(tenantB, connB.id, [subB.id]);

    const purged = await store.storedData.purgeTenant(tenantA);
    expect(purged).toEqual({ events: 2, attempts: 2, idempotency: 1, dedup: 1 });
    const after = await everyRow(store);
    for (const id of [...eventsA, `idem-${connA.id}`, `delivery-${connA.id}`])
      expect(after).not.toContain(id);
    for (const id of [connA.id, subA.id, ...eventsB, `idem-${connB.id}`, `delivery-${connB.id}`])
      expect(after).toContain(id);
    expect(await store.storedData.purgeTenant(tenantA)).toEqual({
      events: 0,
      attempts: 0,
      idempotency: 0,
      dedup: 0,
    });
  });

  it('rotates the key of stored bodies with the credentials; then the old key can go', async () => {
    const target = fixture.target();
    const tenant = (await store.tenants.create({ name: 'rotated' })).id;
    const sub = await subscribe(tenant);
    const event = ticketEvent(tenant, null);
    await store.deliveryAttempts.enqueue([{ event, subscriptionIds: [sub.id] }], new Date(Date.now() - 1));
    await store.idempotency.claim(tenant, 'rotated', 'h');
    await store.idempotency.complete(tenant, 'rotated', 200, { name: TICKET_TEXT });

    const k2 = key32();
    const during = await target.open(new CredentialCipher({ k2, k1: TEST_K1 }, 'k2'));
    const rotated = await during.rotateKeys();
    expect(rotated.bodies).toBeGreaterThanOrEqual(2);
    // The body the binding test moved to another row stays unreadable; it does not stop the rest.
    expect(rotated.unreadableBodies).toBe(1);
    expect(await during.rotateKeys()).toEqual({ connections: 0, bodies: 0, unreadableBodies: 1 });

    const onlyNew = await target.open(new CredentialCipher({ k2 }, 'k2'));
    expect(await onlyNew.idempotency.claim(tenant, 'rotated', 'h')).toMatchObject({
      body: { name: TICKET_TEXT },
    });
    const claimed = await claimDue(onlyNew, 'after-rotation');
    expect(claimed.find((d) => d.event_id === event.eventId)).toMatchObject({ body: event.body });
    // Rows of the other tests were re-sealed too: leave the shared store readable with its own key.
    await (await target.open(new CredentialCipher({ k1: TEST_K1, k2 }, 'k1'))).rotateKeys();
  });
});

describe.each(DRIVERS)('migration 0005 on %s', (driver) => {
  let target: EngineTarget;
  beforeAll(async () => (target = await prepareTarget(driver, 'sealed-bodies-migration')));
  afterAll(async () => target.cleanup());

  it('seals the plain bodies stored before it, which then read as before', async () => {
    const store = await target.open();
    const before = MIGRATION_NAMES.slice(0, MIGRATION_NAMES.indexOf('0005-sealed-bodies'));
    expect(
      await migrateToLatest(store.db, driver, target.postgresSchema, TEST_CIPHER, before.at(-1)),
    ).toEqual(before);
    // Rows as the code before 0005 wrote them: JSON in plain text.
    const tenant = (await store.tenants.create({ name: 'legacy' })).id;
    const sub = await store.subscriptions.create(tenant, {
      url: 'https://example.com/hook',
      event_types: ['*'],
      secret: generateSecret(),
    });
    const event = ticketEvent(tenant, null);
    const now = new Date().toISOString();
    const db = withSubscriptionTables(store.db);
    await db
      .insertInto('subscription_events')
      .values({
        tenant_id: tenant,
        event_id: event.eventId,
        type: event.type,
        connection_id: null,
        event_time: event.time,
        body: event.body,
        stored_at: now,
      })
      .execute();
    await db
      .insertInto('subscription_deliveries')
      .values({
        id: `dlv_${randomUUID().replace(/-/g, '')}`,
        subscription_id: sub.id,
        tenant_id: tenant,
        event_id: event.eventId,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await sql`insert into idempotency_keys (tenant_id, key, request_hash, status, body, created_at, completed_at)
      values (${tenant}, 'legacy', 'h', 201, ${JSON.stringify({ name: TICKET_TEXT })}, ${now}, ${now})`.execute(
      store.db,
    );
    expect(await everyRow(store)).toContain(TICKET_TEXT);

    // Without the key ring the migration refuses rather than leave them plain.
    await expect(migrateToLatest(store.db, driver, target.postgresSchema)).rejects.toThrow(
      /2 stored event or idempotency bodies are plain text .*ENCRYPTION_KEYS/,
    );

    expect(await store.migrate()).toEqual(
      MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf('0005-sealed-bodies')),
    );
    expect(await everyRow(store)).not.toContain(TICKET_TEXT);
    expect(await store.idempotency.claim(tenant, 'legacy', 'h')).toEqual({
      state: 'replay',
      status: 201,
      body: { name: TICKET_TEXT },
    });
    const claimed = await claimDue(store, 'migrated', new Date(Date.now() + 1000));
    expect(claimed).toEqual([expect.objectContaining({ event_id: event.eventId, body: event.body })]);
  });
});
