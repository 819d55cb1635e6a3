import { startPollerProcess, waitUntil, type PollerProcess } from './poller-processes';
import { PollingFixture } from './polling-fixture';

const POLLER_ENV = {
  LOG_LEVEL: 'error',
  POLL_RESOURCES: 'tickets,comments',
  POLL_INTERVALS: 'tickets=1,comments=1,default=60',
  POLL_RECONCILE_SECONDS: '3600',
  POLL_LEASE_SECONDS: '3',
  POLL_IDLE_MS: '100',
  POLL_REFRESH_MS: '500',
};

/**
 * Pollers as separate processes sharing one store: one killed (SIGKILL) in the middle of a cycle and
 * started again misses no change and publishes none under two ids; two at once never poll the same
 * connection × resource at the same time.
 */
describe('polling: leases across poller processes', () => {
  jest.setTimeout(240_000);
  const fixture = new PollingFixture(process.env.KAFKA_BROKERS as string);
  const pollers: PollerProcess[] = [];
  const start = async (extra: Record<string, string> = {}) => {
    const poller = await startPollerProcess({ ...fixture.env, ...POLLER_ENV, ...extra });
    pollers.push(poller);
    return poller;
  };

  beforeAll(() => fixture.start());
  afterAll(async () => {
    await Promise.all(pollers.map((p) => p.stop()));
    await fixture.stop();
  });

  it('a poller killed mid-cycle and restarted misses no change and publishes none twice', async () => {
    const github = fixture.connections.github;
    // Five records a page, 150 ms an answer: the cycle after the changes takes a few seconds.
    const env = { POLL_PAGE_SIZE: '5', POLL_RESOURCES: 'tickets' };
    const first = await start(env);
    await waitUntil(
      () => first.cycles.some((c) => c.connectionId === github && c.resource === 'tickets' && !c.error),
      60_000,
      'the baseline',
    );
    const context = await fixture.context('github');
    const ids = (await fixture.client.list(context, 'tickets', { limit: 100 })).result.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids)
      await fixture.silently('github', () =>
        fixture.client.update(context, 'tickets', id, { name: `crash ${id}` }),
      );
    fixture.github.responseDelayMs = 150;
    const updatedIds = () =>
      new Set(
        fixture.recorder.messages
          .filter((m) => m.json.connectionid === github && m.json.type === 'ticketing.ticket.updated')
          .map((m) => m.json.subject as string),
      );
    await waitUntil(() => updatedIds().size > 0, 30_000, 'the first published changes');
    await first.kill();
    const seenAtKill = updatedIds().size;
    expect(seenAtKill).toBeLessThan(ids.length); // killed in the middle of the cycle

    const second = await start(env);
    await waitUntil(() => updatedIds().size === ids.length, 60_000, 'every change after the restart');
    // A few more cycles: nothing more comes.
    const from = Date.now();
    await waitUntil(
      () =>
        second.cycles.filter((c) => c.connectionId === github && Date.parse(c.startedAt) > from).length >= 3,
      30_000,
      'three more cycles',
    );
    fixture.github.responseDelayMs = 0;
    const events = fixture.recorder.messages.filter((m) => m.json.connectionid === github);
    const idsPerTicket = new Map<string, Set<string>>();
    for (const event of events) {
      expect(event.json.type).toBe('ticketing.ticket.updated');
      expect((event.json.data as { name: string }).name).toBe(`crash ${event.json.subject as string}`);
      const set = idsPerTicket.get(event.json.subject as string) ?? new Set();
      set.add(event.json.id as string);
      idsPerTicket.set(event.json.subject as string, set);
    }
    expect([...idsPerTicket.keys()].sort()).toEqual([...ids].sort());
    expect([...idsPerTicket.values()].every((set) => set.size === 1)).toBe(true);
    const repeated = events.length - ids.length;
    console.log(
      `[polling] killed after ${seenAtKill}/${ids.length} changes were published; after the restart ` +
        `${events.length} events, ${repeated} repeated with the same id`,
    );
  });

  it('two pollers share the tasks and never poll one connection × resource at the same time', async () => {
    await Promise.all(pollers.splice(0).map((p) => p.stop()));
    const [a, b] = await Promise.all([start(), start()]);
    const from = Date.now();
    const done = () => [...a.cycles, ...b.cycles].filter((c) => Date.parse(c.startedAt) >= from);
    await waitUntil(() => done().length >= 60, 90_000, '60 cycles between the two pollers');
    const cycles = done();
    const byTask = new Map<string, typeof cycles>();
    for (const cycle of cycles) {
      const key = `${cycle.connectionId} ${cycle.resource}`;
      byTask.set(key, [...(byTask.get(key) ?? []), cycle]);
    }
    expect(byTask.size).toBe(6); // 3 connections × tickets, comments
    let overlaps = 0;
    for (const taskCycles of byTask.values()) {
      const sorted = [...taskCycles].sort((x, y) => Date.parse(x.startedAt) - Date.parse(y.startedAt));
      for (let i = 1; i < sorted.length; i++)
        if (Date.parse(sorted[i].startedAt) < Date.parse(sorted[i - 1].finishedAt)) overlaps++;
    }
    expect(overlaps).toBe(0);
    // Both did work.
    expect(new Set(cycles.map((c) => c.owner)).size).toBe(2);
    console.log(
      `[polling] two pollers: ${cycles.length} cycles, ${a.cycles.length} by one and ${b.cycles.length} by the other, no overlap`,
    );
  });
});
