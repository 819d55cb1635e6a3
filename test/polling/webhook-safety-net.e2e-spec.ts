import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startIngest, startNormalizerApp } from '../support/stack';
import { startPollerProcess, waitUntil, type PollerProcess } from './poller-processes';
import { PollingFixture, type PolledProvider } from './polling-fixture';

// The grace must outlast the webhook's way through ingest and the normalizer; under a loaded CI machine
// that took over 4 s, and the poll, seeing the change first, published it before the webhook did.
const GRACE_S = 12;

/** GitHub lists the same issue object a webhook carries; Zendesk's filtered list has no users (poll.compare). */
const PROVIDERS: PolledProvider[] = ['github', 'zendesk'];

/**
 * With webhooks on, polling is a safety net: a change GitHub or Zendesk announces by webhook (ingest →
 * normalizer → topic) is published once, by the normalizer, and the poll that lists it afterwards
 * publishes nothing; a change made with no webhook is still published by the poll.
 */
describe('polling: the safety net does not repeat what a webhook announced', () => {
  jest.setTimeout(180_000);
  const secret = 'safety-net-secret';
  const fixture = new PollingFixture(process.env.KAFKA_BROKERS as string, secret);
  let ingest: { app: NestFastifyApplication; url: string } | undefined;
  let normalizer: INestApplicationContext | undefined;
  let poller: PollerProcess | undefined;
  const cyclesOf = (provider: PolledProvider, resource: string) =>
    poller!.cycles.filter((c) => c.connectionId === fixture.connections[provider] && c.resource === resource);

  beforeAll(async () => {
    await fixture.start(PROVIDERS);
    ingest = await startIngest(fixture.env);
    normalizer = await startNormalizerApp(fixture.env);
    for (const provider of PROVIDERS)
      fixture
        .emulator(provider)
        .subscribeWebhooks(`${ingest.url}/webhooks/${fixture.connections[provider]}`, secret);
    poller = await startPollerProcess({
      ...fixture.env,
      LOG_LEVEL: 'error',
      POLL_RESOURCES: 'tickets,comments',
      POLL_INTERVALS: 'tickets=1,comments=1,default=60',
      POLL_RECONCILE_SECONDS: '5',
      POLL_WEBHOOK_GRACE_SECONDS: String(GRACE_S),
      // Cycles every second spend more than a fifth of Zendesk's per-minute limit: the whole of it here.
      POLL_RATE_LIMIT_SHARE: '1',
      POLL_IDLE_MS: '100',
      POLL_REFRESH_MS: '500',
    });
    await waitUntil(
      () =>
        PROVIDERS.every((p) => ['tickets', 'comments'].every((r) => cyclesOf(p, r).some((c) => !c.error))),
      60_000,
      'the baselines',
    );
  });
  afterAll(async () => {
    await poller?.stop();
    await normalizer?.close();
    await ingest?.app.close();
    await fixture.stop();
  });

  it.each(PROVIDERS)(
    '%s: publishes a webhook-announced change once, and a silent one through the poll',
    async (provider) => {
      const context = await fixture.context(provider);
      const [announced, silent] = await fixture.ticketIds(provider, 2);
      await fixture.client.update(context, 'tickets', announced, { name: 'announced by webhook' });
      const comment = await fixture.client.create(context, 'comments', {
        ticket: { id: announced },
        body: 'announced',
      });
      await fixture.silently(provider, () =>
        fixture.client.update(context, 'tickets', silent, { name: 'no webhook' }),
      );
      await waitUntil(
        () =>
          fixture.eventsOf(provider, announced, 'ticketing.ticket.updated').length > 0 &&
          fixture.eventsOf(provider, comment.id, 'ticketing.comment.created').length > 0 &&
          fixture.eventsOf(provider, silent, 'ticketing.ticket.updated').length > 0,
        60_000,
        'the three changes',
      );
      // Past the grace, a reconciliation and a few more cycles of each task: the poll lists the announced
      // records again and again, and must find them already published.
      const from = Date.now() + GRACE_S * 1000;
      await waitUntil(
        () =>
          ['tickets', 'comments'].every(
            (r) => cyclesOf(provider, r).filter((c) => Date.parse(c.startedAt) > from).length >= 3,
          ),
        60_000,
        'three cycles past the grace and a reconciliation',
      );
      const deliveries = (subject: string) =>
        fixture.eventsOf(provider, subject).map((e) => e.json.deliveryid);
      // The webhook's events only: a comment may move its ticket (Zendesk sends a ticket update with it).
      expect(deliveries(announced)).toEqual(expect.arrayContaining([expect.not.stringMatching(/^poll/)]));
      expect(deliveries(announced).filter((d) => String(d).startsWith('poll'))).toEqual([]);
      expect(deliveries(comment.id)).toEqual([expect.not.stringMatching(/^poll/)]);
      expect(deliveries(silent)).toEqual([expect.stringMatching(/^poll:/)]);
      expect(cyclesOf(provider, 'tickets').filter((c) => c.error)).toEqual([]);
      expect(cyclesOf(provider, 'comments').filter((c) => c.error)).toEqual([]);
    },
  );
});
