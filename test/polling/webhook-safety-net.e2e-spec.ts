import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startIngest, startNormalizerApp } from '../support/stack';
import { startPollerProcess, waitUntil, type PollerProcess } from './poller-processes';
import { PollingFixture } from './polling-fixture';

const GRACE_S = 4;

/**
 * With webhooks on, polling is a safety net: a change GitHub announces by webhook (ingest → normalizer →
 * topic) is published once, by the normalizer, and the poll that lists it afterwards publishes nothing;
 * a change made with no webhook is still published by the poll.
 */
describe('polling: the safety net does not repeat what a webhook announced', () => {
  jest.setTimeout(180_000);
  const secret = 'safety-net-secret';
  const fixture = new PollingFixture(process.env.KAFKA_BROKERS as string, secret);
  let ingest: { app: NestFastifyApplication; url: string } | undefined;
  let normalizer: INestApplicationContext | undefined;
  let poller: PollerProcess | undefined;

  beforeAll(async () => {
    await fixture.start(['github']);
    ingest = await startIngest(fixture.env);
    normalizer = await startNormalizerApp(fixture.env);
    fixture.github.subscribeWebhooks(`${ingest.url}/webhooks/${fixture.connections.github}`, secret);
    poller = await startPollerProcess({
      ...fixture.env,
      LOG_LEVEL: 'error',
      POLL_RESOURCES: 'tickets,comments',
      POLL_INTERVALS: 'tickets=1,comments=1,default=60',
      POLL_RECONCILE_SECONDS: '5',
      POLL_WEBHOOK_GRACE_SECONDS: String(GRACE_S),
      POLL_IDLE_MS: '100',
      POLL_REFRESH_MS: '500',
    });
    await waitUntil(
      () => ['tickets', 'comments'].every((r) => poller!.cycles.some((c) => c.resource === r && !c.error)),
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

  it('publishes a webhook-announced change once, and a silent one through the poll', async () => {
    const context = await fixture.context('github');
    const [announced, silent] = await fixture.ticketIds('github', 2);
    await fixture.client.update(context, 'tickets', announced, { name: 'announced by webhook' });
    const comment = await fixture.client.create(context, 'comments', {
      ticket: { id: announced },
      body: 'announced',
    });
    await fixture.silently('github', () =>
      fixture.client.update(context, 'tickets', silent, { name: 'no webhook' }),
    );
    await waitUntil(
      () =>
        fixture.eventsOf('github', announced, 'ticketing.ticket.updated').length > 0 &&
        fixture.eventsOf('github', comment.id, 'ticketing.comment.created').length > 0 &&
        fixture.eventsOf('github', silent, 'ticketing.ticket.updated').length > 0,
      30_000,
      'the three changes',
    );
    // Past the grace, a reconciliation and a few more cycles of each task: the poll lists the announced
    // records again and again, and must find them already published.
    const from = Date.now() + 6_000;
    await waitUntil(
      () =>
        ['tickets', 'comments'].every(
          (r) => poller!.cycles.filter((c) => c.resource === r && Date.parse(c.startedAt) > from).length >= 3,
        ),
      60_000,
      'three cycles past the grace and a reconciliation',
    );
    const ticketEvents = fixture.eventsOf('github', announced);
    const commentEvents = fixture.eventsOf('github', comment.id);
    expect(ticketEvents.map((e) => e.json.deliveryid)).toEqual([expect.not.stringMatching(/^poll/)]);
    expect(commentEvents.map((e) => e.json.deliveryid)).toEqual([expect.not.stringMatching(/^poll/)]);
    expect(fixture.eventsOf('github', silent).map((e) => e.json.deliveryid)).toEqual([
      expect.stringMatching(/^poll:/),
    ]);
    expect(poller!.cycles.filter((c) => c.error)).toEqual([]);
  });
});
