import { createEventValidator } from '@app/bus';
import { startPollerProcess, waitUntil, type PollerProcess } from './poller-processes';
import { PollingFixture, PROVIDERS, type PolledProvider } from './polling-fixture';

const INTERVAL_S = 3;
const RECONCILE_S = 15;
/** GitHub's and Jira's ticket interval for the deletion test: longer than a reconciliation's. */
const SLOW_INTERVAL_S = 45;
/** A cycle's own work on top of the interval (listing, publishing, bookkeeping) on a shared 2-core machine. */
const CYCLE_SLACK_MS = 4_000;

/**
 * Polling change detection against the GitHub, Jira and Zendesk emulators and the real broker, the
 * poller in its own process: changes made with no webhook become events within one polling interval,
 * deletions within one reconcile interval, and unchanged data publishes nothing.
 */
describe('polling: silent changes at each emulator become events', () => {
  jest.setTimeout(240_000);
  const fixture = new PollingFixture(process.env.KAFKA_BROKERS as string);
  let poller: PollerProcess | undefined;
  const validate = createEventValidator();

  const cyclesOf = (provider: PolledProvider, resource: string) =>
    poller!.cycles.filter((c) => c.connectionId === fixture.connections[provider] && c.resource === resource);
  const everyTaskCycled = (times: number, after = 0) =>
    PROVIDERS.every((p) =>
      ['tickets', 'comments'].every(
        (r) => cyclesOf(p, r).filter((c) => !c.error && Date.parse(c.startedAt) >= after).length >= times,
      ),
    );

  beforeAll(async () => {
    await fixture.start();
    poller = await startPollerProcess({
      ...fixture.env,
      LOG_LEVEL: 'error',
      POLL_RESOURCES: 'tickets,comments',
      POLL_INTERVALS: `tickets=${INTERVAL_S},comments=${INTERVAL_S},default=60`,
      POLL_RECONCILE_SECONDS: String(RECONCILE_S),
      POLL_LEASE_SECONDS: '10',
      POLL_IDLE_MS: '200',
      POLL_REFRESH_MS: '1000',
    });
    // The first cycle of each task learns the records' hashes and publishes nothing.
    await waitUntil(() => everyTaskCycled(1), 120_000, 'a baseline cycle of every task');
  });
  afterAll(async () => {
    const failed = poller?.cycles.filter((c) => c.error) ?? [];
    if (failed.length > 0) console.log(`[polling] failed cycles: ${JSON.stringify(failed.slice(0, 5))}`);
    await poller?.stop();
    await fixture.stop();
  });

  it('the baseline published nothing and no cycle failed', () => {
    expect(fixture.recorder.messages).toEqual([]);
    expect(poller!.cycles.filter((c) => c.error)).toEqual([]);
  });

  it('a ticket edited and a comment added with no webhook appear as events within one polling interval', async () => {
    const latencies: string[] = [];
    await Promise.all(
      PROVIDERS.map(async (provider) => {
        const [ticketId] = await fixture.ticketIds(provider, 1);
        const context = await fixture.context(provider);
        const changedAt = Date.now();
        await fixture.silently(provider, () =>
          fixture.client.update(context, 'tickets', ticketId, { name: `polled change ${provider}` }),
        );
        const comment = await fixture.silently(provider, () =>
          fixture.client.create(context, 'comments', {
            ticket: { id: ticketId },
            body: `polled comment ${provider}`,
          }),
        );
        const committedAt = Date.now();
        await waitUntil(
          () =>
            fixture.eventsOf(provider, ticketId, 'ticketing.ticket.updated').length > 0 &&
            fixture.eventsOf(provider, comment.id, 'ticketing.comment.created').length > 0,
          INTERVAL_S * 1000 + CYCLE_SLACK_MS + (committedAt - changedAt),
          `${provider}'s polled events`,
        );
        latencies.push(`${provider} ${Date.now() - committedAt} ms`);
        const [updated] = fixture.eventsOf(provider, ticketId, 'ticketing.ticket.updated');
        expect(updated.json.data).toMatchObject({ id: ticketId, name: `polled change ${provider}` });
        expect(updated.key).toBe(`${fixture.connections[provider]}:${ticketId}`);
        expect(validate(updated.topic, updated.value, updated.key)).toMatchObject({ valid: true });
        const [created] = fixture.eventsOf(provider, comment.id, 'ticketing.comment.created');
        expect(validate(created.topic, created.value, created.key)).toMatchObject({ valid: true });
      }),
    );
    expect(PROVIDERS.every((p) => fixture.emulator(p).webhooks.deliveries.length === 0)).toBe(true);
    console.log(`[polling] silent change → event: ${latencies.join(', ')} (interval ${INTERVAL_S} s)`);
  });

  it('five cycles of every task over unchanged data publish nothing', async () => {
    // Let the changes above settle, then count. A reconciliation must pass first: renaming Jira's epic
    // changed its children's unified records too (their parent's name), which only whole listings see,
    // because the children's own updated_at did not move. Those are published once, then nothing.
    const settledFrom = Date.now() + RECONCILE_S * 1000;
    await waitUntil(() => everyTaskCycled(1, settledFrom), 60_000, 'a cycle after a reconciliation');
    const before = fixture.recorder.messages.length;
    const from = Date.now();
    await waitUntil(() => everyTaskCycled(5, from), 120_000, 'five cycles of every task');
    // A reconciliation (a whole listing) ran among them too.
    expect(fixture.recorder.messages.slice(before)).toEqual([]);
    expect(poller!.cycles.filter((c) => c.error)).toEqual([]);
  });

  // The scheduler dues a task at its next reconciliation when that comes before its next poll, so a
  // deletion found by reconciliation takes at most one reconcile interval (plus the cycle's own work);
  // Zendesk names deleted tickets in a list of its own, read every cycle: one polling interval.
  const deletionBound = (provider: PolledProvider) =>
    (provider === 'zendesk' ? INTERVAL_S : RECONCILE_S) * 1000 + CYCLE_SLACK_MS;

  it('a ticket deleted with no webhook appears as ticketing.ticket.deleted within one reconcile interval (Zendesk: one polling interval)', async () => {
    // GitHub's and Jira's tickets now poll less often than they reconcile: their deletions must come
    // from a reconciliation the scheduler runs on time, not from the next poll after it fell due.
    const reconciled: PolledProvider[] = ['github', 'jira'];
    for (const provider of reconciled)
      await fixture.store.pollStates.setInterval(
        { connectionId: fixture.connections[provider], resource: 'tickets' },
        SLOW_INTERVAL_S,
      );
    const slowFrom = Date.now();
    await waitUntil(
      () => reconciled.every((p) => cyclesOf(p, 'tickets').some((c) => Date.parse(c.startedAt) > slowFrom)),
      30_000,
      'a ticket cycle under the slower interval',
    );
    await Promise.all(
      PROVIDERS.map(async (provider) => {
        const ids = await fixture.ticketIds(provider, 20); // a GitHub page drops pull requests
        const gone = ids[2];
        const deletedAt = Date.now();
        if (provider === 'github')
          await fixture.silently(provider, async () => fixture.github.deleteIssue(Number(gone)));
        else
          await fixture.silently(provider, async () =>
            fixture.client.delete(await fixture.context(provider), 'tickets', gone),
          );
        await waitUntil(
          () => fixture.eventsOf(provider, gone, 'ticketing.ticket.deleted').length > 0,
          deletionBound(provider),
          `${provider}'s deletion within ${deletionBound(provider)} ms`,
        );
        console.log(
          `[polling] ${provider} silent deletion → event: ${Date.now() - deletedAt} ms (bound ${deletionBound(provider)} ms)`,
        );
        const [deleted] = fixture.eventsOf(provider, gone, 'ticketing.ticket.deleted');
        expect(deleted.json.data).toEqual({ id: gone });
        expect(validate(deleted.topic, deleted.value, deleted.key)).toMatchObject({ valid: true });
      }),
    );
  });
});
