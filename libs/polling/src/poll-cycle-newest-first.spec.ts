import { randomBytes } from 'node:crypto';
import type { ReliableProducer } from '@app/bus';
import { ProviderClient, ProviderRegistry, type UnifiedRecord } from '@app/providers';
import {
  GORGIAS_SEED_API_KEY,
  GORGIAS_SEED_DOMAIN,
  GORGIAS_SEED_EMAIL,
  GorgiasEmulator,
} from '@app/sandbox/gorgias';
import { callContextOf, openStore, type Connection, type Store } from '@app/store';
import { PollCycle } from './poll-cycle';
import { DEFAULT_POLL_SETTINGS, type PollSettings } from './poll-settings';
import { BudgetedTransport, RateBudget } from './rate-budget';

type Batches = Parameters<ReliableProducer['publishAll']>[0];

/**
 * `changes: 'updated_desc'` through the engine against the Gorgias emulator (its ticket list sorted by
 * `order_by=updated_datetime:desc`), on a real SQLite store, two tickets a page: the walk stops at the
 * first page reaching watermark − overlap, crosses page boundaries, and a record an update moves to the
 * front while the pages are read is published by the next cycle.
 */
describe('PollCycle: lists sorted by update time, newest first', () => {
  const OWNER = 'spec-poller';
  const settings: PollSettings = { ...DEFAULT_POLL_SETTINGS, pageSize: 2, overlapSeconds: 120 };
  const registry = new ProviderRegistry();
  let clock = Date.now();
  let emulator: GorgiasEmulator;
  let store: Store;
  let connection: Connection;
  let client: ProviderClient;
  let published: { subject: string; type: string }[];
  /** Runs once after the next publication (an update made while the walk goes on). */
  let afterPublish: (() => Promise<void>) | undefined;

  const producer = {
    publishAll: async (batches: Batches) => {
      for (const batch of batches)
        for (const m of batch.messages) {
          const event = JSON.parse(String(m.value)) as { subject: string; type: string };
          published.push({ subject: event.subject, type: event.type });
        }
      const after = afterPublish;
      afterPublish = undefined;
      await after?.();
    },
  };

  const cycle = async () => {
    const state = (await store.pollStates.claimDue(OWNER, 60_000, new Date(Date.now() + 3_600_000)))!;
    expect(state.resource).toBe('tickets');
    const calls = emulator.requests.length;
    const outcome = await new PollCycle({
      client,
      registry,
      store,
      producer,
      transport: new BudgetedTransport(new RateBudget(1, 100_000)),
      settings,
    }).run(state, connection, OWNER);
    await store.pollStates.release(state, OWNER, { dueAt: new Date() });
    const listCalls = emulator.requests.slice(calls).filter((r) => r.method === 'GET').length;
    return { ...outcome, listCalls };
  };
  /** Edits a ticket at the emulator, `seconds` after the previous write. */
  const touch = async (id: string, seconds = 1) => {
    clock += seconds * 1000;
    await client.update(callContextOf(connection), 'tickets', id, { name: `edited at ${clock}` });
  };
  const watermark = async () =>
    (await store.pollStates.get({ connectionId: connection.id, resource: 'tickets' }))!.watermark;
  const updatedTickets = () => published.map((p) => `${p.type} ${p.subject}`);

  let tickets: UnifiedRecord[];
  const all = async () => (await client.list(callContextOf(connection), 'tickets', { limit: 100 })).result;

  beforeEach(async () => {
    clock = Date.now();
    emulator = new GorgiasEmulator({ now: () => new Date(clock) });
    await emulator.start();
    store = await openStore({
      STORE_DRIVER: 'sqlite',
      SQLITE_PATH: ':memory:',
      ENCRYPTION_KEYS: `spec:${randomBytes(32).toString('base64')}`,
    });
    const tenant = await store.tenants.create({ name: 'newest first' });
    const created = await store.connections.create(tenant.id, {
      provider: 'gorgias',
      settings: { domain: GORGIAS_SEED_DOMAIN, base_url: emulator.url },
      credentials: { email: GORGIAS_SEED_EMAIL, api_key: GORGIAS_SEED_API_KEY },
    });
    connection = (await store.connections.findById(created.id))!;
    client = new ProviderClient({ registry });
    const listed = await all();
    expect(listed.length).toBeGreaterThanOrEqual(6);
    // The newest seed ticket makes the baseline's watermark, so it stays within every later overlap;
    // the tickets edited below are the others, oldest-created first.
    const newest = listed.reduce((n, t) => (String(t.updated_at) > String(n.updated_at) ? t : n));
    tickets = listed.filter((t) => t.id !== newest.id);
    await store.pollStates.ensure([{ connectionId: connection.id, resource: 'tickets' }]);
    published = [];
    const baseline = await cycle();
    expect(baseline.published).toBe(0);
    expect(baseline.listed).toBe(tickets.length + 1);
  });
  afterEach(async () => {
    await store.close();
    await emulator.stop();
  });

  it('an unchanged list: reads one page (it reaches the watermark) and publishes nothing', async () => {
    const before = await watermark();
    const outcome = await cycle();
    expect(outcome).toMatchObject({ published: 0, listed: 2, listCalls: 1 });
    expect(await watermark()).toBe(before);
    expect(emulator.requests.at(-1)?.url).toContain('order_by=updated_datetime:desc');
  });

  it('changes over a page boundary are each one `updated`, and the walk stops at the first older page', async () => {
    for (const t of tickets.slice(0, 3)) await touch(t.id);
    const outcome = await cycle();
    // [t2, t1] [t0, the watermark's ticket] [two older: the walk stops there] — no fourth page.
    expect(outcome).toMatchObject({ published: 3, listCalls: 3, listed: 6 });
    expect(updatedTickets().sort()).toEqual(
      tickets
        .slice(0, 3)
        .map((t) => `ticketing.ticket.updated ${t.id}`)
        .sort(),
    );
    expect(await watermark()).toBe(new Date(clock).toISOString());
    published = [];
    expect(await cycle()).toMatchObject({ published: 0 });
  });

  it('reaches back by the overlap, not further', async () => {
    await touch(tickets[0].id, 600);
    await cycle();
    const mark = Date.parse((await watermark())!);
    published = [];
    // Written before the watermark (a provider's clock behind, an index that lags): inside the overlap
    // it is found, beyond it not (the reconciliation's whole listing is what finds it then).
    clock = mark - 60_000;
    await touch(tickets[1].id, 0);
    clock = mark - 300_000;
    await touch(tickets[2].id, 0);
    await cycle();
    expect(updatedTickets()).toEqual([`ticketing.ticket.updated ${tickets[1].id}`]);
  });

  it('an empty list: one call, nothing published, the watermark kept', async () => {
    for (const t of await all()) await client.delete(callContextOf(connection), 'tickets', t.id);
    const before = await watermark();
    expect(await cycle()).toMatchObject({ published: 0, listed: 0, listCalls: 1 });
    expect(await watermark()).toBe(before);
  });

  it('a record an update moves to the front during the walk is published by the next cycle, once', async () => {
    const [a, b, c, d] = tickets;
    for (const t of [a, b, c, d]) await touch(t.id); // newest first: d c b a
    // After the first page (d, c) is published, b is edited again: it moves to the front (read already),
    // and the offset pages shift: the second page is c (again) and a, b is not read by this walk.
    afterPublish = () => touch(b.id);
    const first = await cycle();
    expect(updatedTickets().sort()).toEqual([a, c, d].map((t) => `ticketing.ticket.updated ${t.id}`).sort());
    expect(first.published).toBe(3);
    published = [];
    expect(await cycle()).toMatchObject({ published: 1 });
    expect(updatedTickets()).toEqual([`ticketing.ticket.updated ${b.id}`]);
    published = [];
    expect(await cycle()).toMatchObject({ published: 0 });
  });
});
