import { TOPICS } from '@app/bus';
import { ProviderClient, ProviderRegistry } from '@app/providers';
import { DEMO_PROVIDERS, type DemoProvider, type WebhookSendingEmulator } from '@app/sandbox/demo';
import { callContextOf, openStore, type Store, type StoreSettings } from '@app/store';
import { seedStore } from '../support/stack';
import { TopicRecorder } from '../support/topic-recorder';
import { startPollerProcess, waitUntil, type PollerProcess } from './poller-processes';

/** Slow enough for the emulators' own rate limits (Azure DevOps: 200 calls in 5 minutes) at a full share. */
const INTERVAL_S = 10;
/** A cycle's own work on top of the interval, with every emulator's tasks sharing one poller on 2 cores. */
const CYCLE_SLACK_MS = 8_000;

const registry = new ProviderRegistry();
/** `CONFORMANCE_PROVIDERS` (comma-separated) runs some providers only, as in the conformance suite. */
const wanted = (process.env.CONFORMANCE_PROVIDERS ?? '').split(',').filter(Boolean);
/** Every demo provider whose definition polls its tickets: none is named here. */
const POLLED: readonly DemoProvider[] = DEMO_PROVIDERS.filter(
  (d) =>
    registry.get(d.provider).resources.tickets?.poll !== undefined &&
    (wanted.length === 0 || wanted.includes(d.provider)),
);

/**
 * Polling conformance: every provider whose definition marks its tickets pollable is polled through the
 * engine against its emulator (poller in its own process, real broker): the baseline publishes nothing, a
 * ticket changed at the emulator becomes one `ticketing.ticket.updated` within one polling interval, and
 * further cycles over unchanged data publish nothing.
 */
describe('polling conformance: every provider marked pollable', () => {
  jest.setTimeout(300_000);
  const brokers = process.env.KAFKA_BROKERS as string;
  const client = new ProviderClient({ registry });
  const emulators: Record<string, WebhookSendingEmulator> = {};
  const connections: Record<string, string> = {};
  let store: Store;
  let recorder: TopicRecorder;
  let poller: PollerProcess | undefined;

  const everyProviderCycled = () =>
    POLLED.every((d) =>
      ['tickets', 'comments'].every(
        (r) =>
          !registry.get(d.provider).resources[r]?.poll ||
          poller!.cycles.some(
            (c) => c.connectionId === connections[d.provider] && c.resource === r && !c.error,
          ),
      ),
    );
  const eventsOf = (provider: string) =>
    recorder.messages.filter((m) => m.json.connectionid === connections[provider]);

  beforeAll(async () => {
    for (const demo of POLLED) emulators[demo.provider] = demo.createEmulator();
    const urls = await Promise.all(POLLED.map((d) => emulators[d.provider].start()));
    const seeded = await seedStore(
      POLLED.map((d, i) => ({
        provider: d.provider,
        settings: { ...d.settings, base_url: urls[i] },
        credentials: { ...d.credentials },
      })),
    );
    POLLED.forEach((d, i) => (connections[d.provider] = seeded.connectionIds[i]));
    store = await openStore(seeded.env as unknown as StoreSettings);
    const ids = new Set(seeded.connectionIds);
    recorder = new TopicRecorder(brokers, [TOPICS.tickets, TOPICS.comments], (m) =>
      ids.has(m.json.connectionid as string),
    );
    await recorder.start();
    poller = await startPollerProcess({
      KAFKA_BROKERS: brokers,
      ...seeded.env,
      LOG_LEVEL: 'error',
      POLL_RESOURCES: 'tickets,comments',
      POLL_INTERVALS: `tickets=${INTERVAL_S},comments=${INTERVAL_S},default=600`,
      POLL_CONCURRENCY: '8',
      // Each emulator's own rate limit, whole: the budget's share is not what this test is about.
      POLL_RATE_LIMIT_SHARE: '1',
      POLL_LEASE_SECONDS: '20',
      POLL_IDLE_MS: '200',
      POLL_REFRESH_MS: '1000',
    });
    await waitUntil(everyProviderCycled, 120_000, 'a baseline cycle of every task');
  });
  afterAll(async () => {
    const failed = poller?.cycles.filter((c) => c.error) ?? [];
    if (failed.length > 0) console.log(`[polling] failed cycles: ${JSON.stringify(failed.slice(0, 5))}`);
    await poller?.stop();
    await recorder?.stop();
    await store?.close();
    await Promise.all(Object.values(emulators).map((e) => e.stop().catch(() => undefined)));
  });

  it('covers every provider whose tickets the definitions mark pollable', () => {
    if (wanted.length === 0) expect(POLLED.length).toBeGreaterThanOrEqual(18);
    else expect(POLLED.map((d) => d.provider).sort()).toEqual([...wanted].sort());
  });

  it('the baselines published nothing and no cycle failed', () => {
    expect(recorder.messages).toEqual([]);
    expect(poller!.cycles.filter((c) => c.error)).toEqual([]);
  });

  /** Runs one check per provider at once (their cycles overlap); the outcome of each, keyed by provider. */
  const eachProvider = async (
    providers: readonly DemoProvider[],
    check: (demo: DemoProvider) => Promise<unknown>,
  ): Promise<Record<string, unknown>> => {
    const outcomes = await Promise.all(
      providers.map((d) => check(d).catch((error: unknown) => `failed: ${(error as Error).message}`)),
    );
    return Object.fromEntries(providers.map((d, i) => [d.provider, outcomes[i]]));
  };
  const cyclesOf = (provider: string, resource: string, after: number) =>
    poller!.cycles.filter(
      (c) =>
        c.connectionId === connections[provider] &&
        c.resource === resource &&
        !c.error &&
        Date.parse(c.startedAt) >= after,
    );
  /** Two error-free cycles of the resource after `from`: what they publish is over unchanged data. */
  const twoCycles = (provider: string, resource: string, from: number) =>
    waitUntil(
      () => cyclesOf(provider, resource, from).length >= 2,
      3 * INTERVAL_S * 1000 + CYCLE_SLACK_MS,
      `${provider}'s unchanged ${resource} cycles`,
    );

  it('a ticket changed at each emulator is one ticketing.ticket.updated within one interval, then nothing', async () => {
    const latencies: string[] = [];
    const outcomes = await eachProvider(POLLED, async (demo) => {
      const provider = demo.provider;
      const context = callContextOf((await store.connections.findById(connections[provider]))!);
      const plan = demo.conformance.plans.tickets ?? {};
      const [first] = (await client.list(context, 'tickets', { limit: 1 })).result;
      const ticketId = plan.existing ?? first.id;
      const before = eventsOf(provider).length;
      await client.update(context, 'tickets', ticketId, plan.update ?? { name: `polled change ${provider}` });
      const changedAt = Date.now();
      await waitUntil(
        () => eventsOf(provider).some((m) => m.json.subject === ticketId),
        INTERVAL_S * 1000 + CYCLE_SLACK_MS,
        `${provider}'s polled update`,
      );
      latencies.push(`${provider} ${Date.now() - changedAt} ms`);
      await twoCycles(provider, 'tickets', Date.now());
      return eventsOf(provider)
        .slice(before)
        .map(
          (m) => `${m.json.type as string} ${m.json.subject === ticketId ? 'of the ticket' : 'of another'}`,
        );
    });
    console.log(`[polling] change → event: ${latencies.join(', ')} (interval ${INTERVAL_S} s)`);
    expect(outcomes).toEqual(
      Object.fromEntries(POLLED.map((d) => [d.provider, ['ticketing.ticket.updated of the ticket']])),
    );
    expect(poller!.cycles.filter((c) => c.error)).toEqual([]);
  });

  const withPolledComments = POLLED.filter(
    (d) => registry.get(d.provider).resources.comments?.poll && d.conformance.plans.comments?.create,
  );

  it('a comment added at each emulator whose comments are polled is one ticketing.comment.created', async () => {
    expect(withPolledComments.length).toBeGreaterThan(0);
    const outcomes = await eachProvider(withPolledComments, async (demo) => {
      const provider = demo.provider;
      const context = callContextOf((await store.connections.findById(connections[provider]))!);
      const [ticket] = (await client.list(context, 'tickets', { limit: 1 })).result;
      const before = eventsOf(provider).length;
      const comment = await client.create(context, 'comments', {
        ...demo.conformance.plans.comments!.create,
        ticket: { id: ticket.id },
      });
      await waitUntil(
        () => eventsOf(provider).some((m) => m.json.subject === comment.id),
        INTERVAL_S * 1000 + CYCLE_SLACK_MS,
        `${provider}'s polled comment`,
      );
      await twoCycles(provider, 'comments', Date.now());
      // Where a comment moves its ticket's updated_at, the ticket is published once more too.
      return eventsOf(provider)
        .slice(before)
        .filter((m) => m.json.type !== 'ticketing.ticket.updated' || m.json.subject !== ticket.id)
        .map(
          (m) =>
            `${m.json.type as string} ${m.json.subject === comment.id ? 'of the comment' : 'of another'}`,
        );
    });
    expect(outcomes).toEqual(
      Object.fromEntries(
        withPolledComments.map((d) => [d.provider, ['ticketing.comment.created of the comment']]),
      ),
    );
    expect(poller!.cycles.filter((c) => c.error)).toEqual([]);
  });
});
