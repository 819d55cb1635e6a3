/**
 * bench/poller: what polling costs and how late it is, beside baselines measured in the same run, against
 * the GitHub, Jira and Zendesk emulators (seed data) and the local broker, the poller in its own process.
 *
 * 1. Provider calls per connection per hour at the default intervals (tickets and comments every minute,
 *    the rest every 15 minutes, reconciliation hourly). An hour is compressed BENCH_COMPRESSION times (60:
 *    tickets every second, one simulated hour in 60 s); the calls a cycle makes do not depend on the clock.
 *    Baseline: a naive poller that lists every resource whole at the same intervals (per-ticket resources
 *    under every ticket), its calls per pass counted by walking the same lists with the same engine.
 * 2. Latency from a silent change (no webhook) to its event on the topic, at the real default interval
 *    (BENCH_POLL_INTERVAL, 60 s), BENCH_CHANGES changes per provider at random moments. Baseline: the same
 *    change announced by the provider's webhook (ingest → normalizer → topic), in the same run.
 * A round is INVALID when a poll cycle failed or a change's event never arrived (2 intervals + 30 s).
 *   npm run bench:poller   (needs the local broker: npm run kafka:start)
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PollCycle } from '@app/polling';
import { ProviderRegistry } from '@app/providers';
import { startIngest, startNormalizerApp } from '../../test/support/stack';
import { startPollerProcess, waitUntil, type PollerProcess } from '../../test/polling/poller-processes';
import { PollingFixture, PROVIDERS, type PolledProvider } from '../../test/polling/polling-fixture';
import { percentile } from '../support/stats';
import { measureRound, missingProblems, printVerdicts, verdictLine, type Round } from '../support/verdict';
import { naiveCallsPerPass } from './naive-listing';

const COMPRESSION = Number(process.env.BENCH_COMPRESSION ?? 60);
const INTERVAL_S = Number(process.env.BENCH_POLL_INTERVAL ?? 60);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 4);
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DEFAULTS = { tickets: 60, comments: 60, default: 900, reconcile: 3600 };
const PAGE_SIZE = 100;
const SECRET = 'bench-poller';

/** Connection × resource tasks the poller keeps for the three connections. */
const pollableTasks = () => {
  const registry = new ProviderRegistry();
  return PROVIDERS.reduce(
    (n, p) =>
      n +
      Object.entries(registry.get(p).resources).filter(([name, r]) => PollCycle.pollable(r.poll, name))
        .length,
    0,
  );
};

const failedCycles = (poller: PollerProcess) =>
  poller.cycles.filter((c) => c.error).map((c) => `${c.resource}: ${c.error}`);

async function callsPerHour(fixture: PollingFixture): Promise<Round<Record<PolledProvider, number>>> {
  return measureRound(
    `calls per hour (1 h compressed ${COMPRESSION}x)`,
    async () => {
      const scaled = (s: number) => Math.max(1, Math.round(s / COMPRESSION));
      const poller = await startPollerProcess({
        ...fixture.env,
        LOG_LEVEL: 'error',
        POLL_INTERVALS: `tickets=${scaled(DEFAULTS.tickets)},comments=${scaled(DEFAULTS.comments)},default=${scaled(DEFAULTS.default)}`,
        POLL_RECONCILE_SECONDS: String(scaled(DEFAULTS.reconcile)),
        POLL_OVERLAP_SECONDS: String(Math.max(2, scaled(120))),
        POLL_WEBHOOK_GRACE_SECONDS: '0',
        POLL_RATE_LIMIT_SHARE: '1',
        POLL_IDLE_MS: '50',
        POLL_REFRESH_MS: '500',
      });
      try {
        // The first cycle of each task (the baseline listing) is a one-off: counting starts after it.
        const tasks = () => new Set(poller.cycles.map((c) => `${c.connectionId} ${c.resource}`)).size;
        await waitUntil(() => tasks() >= pollableTasks(), 180_000, "every task's baseline");
        const start = Object.fromEntries(PROVIDERS.map((p) => [p, fixture.emulator(p).requests.length]));
        await new Promise((resolve) => setTimeout(resolve, (3600 / COMPRESSION) * 1000));
        const calls = Object.fromEntries(
          PROVIDERS.map((p) => [p, fixture.emulator(p).requests.length - start[p]]),
        ) as Record<PolledProvider, number>;
        return { calls, failed: failedCycles(poller) };
      } finally {
        await poller.stop();
      }
    },
    (r) => r.failed,
  ).then((round) => ({ ...round, result: round.result.calls }));
}

async function naivePerHour(fixture: PollingFixture): Promise<Record<PolledProvider, number>> {
  const registry = new ProviderRegistry();
  const perHour = {} as Record<PolledProvider, number>;
  for (const provider of PROVIDERS) {
    const resources = Object.keys(registry.get(provider).resources);
    const perPass = await naiveCallsPerPass(
      fixture.client,
      registry,
      await fixture.context(provider),
      resources,
      PAGE_SIZE,
    );
    perHour[provider] = Object.entries(perPass).reduce((sum, [resource, calls]) => {
      const interval =
        resource === 'tickets' || resource === 'comments' ? DEFAULTS.tickets : DEFAULTS.default;
      return sum + calls * (3600 / interval);
    }, 0);
  }
  return perHour;
}

interface Latencies {
  polled: number[];
  webhook: number[];
  missing: string[];
}

async function latencies(fixture: PollingFixture): Promise<Round<Latencies>> {
  return measureRound(
    `silent change → event at a ${INTERVAL_S} s interval`,
    async () => {
      const poller = await startPollerProcess({
        ...fixture.env,
        LOG_LEVEL: 'error',
        POLL_RESOURCES: 'tickets',
        POLL_INTERVALS: `tickets=${INTERVAL_S}`,
        POLL_WEBHOOK_GRACE_SECONDS: '0',
      });
      const result: Latencies = { polled: [], webhook: [], missing: [] };
      try {
        await waitUntil(() => poller.cycles.length >= PROVIDERS.length, 120_000, 'the baselines');
        const windowMs = INTERVAL_S * 1000;
        await Promise.all(
          PROVIDERS.flatMap((provider) =>
            Array.from({ length: CHANGES }, async (_, i) => {
              await new Promise((resolve) => setTimeout(resolve, Math.random() * windowMs));
              const context = await fixture.context(provider);
              // One ticket per change: a later change to the same ticket would hide an earlier one from a poll.
              // (A list page drops GitHub's pull requests, so ask for more than needed.)
              const ticketId = (await fixture.ticketIds(provider, 50))[1 + i];
              if (!ticketId) throw new Error(`${provider} has too few tickets for ${CHANGES} changes`);
              const silent = i % 2 === 0;
              const name = `bench ${provider} ${i} ${Date.now()}`;
              const change = () => fixture.client.update(context, 'tickets', ticketId, { name });
              const changedAt = Date.now();
              await (silent ? fixture.silently(provider, change) : change());
              const arrived = () =>
                fixture
                  .eventsOf(provider, ticketId)
                  .some((m) => (m.json.data as { name?: string }).name === name);
              try {
                await waitUntil(arrived, 2 * windowMs + 30_000, 'the event');
                (silent ? result.polled : result.webhook).push(Date.now() - changedAt);
              } catch {
                result.missing.push(`${provider} ${silent ? 'silent' : 'webhook'} change to ${ticketId}`);
              }
            }),
          ),
        );
        return { ...result, failed: failedCycles(poller) };
      } finally {
        await poller.stop();
      }
    },
    (r) => [...r.failed, ...r.missing.map((m) => `no event for the ${m}`)],
  );
}

async function main(): Promise<void> {
  const fixture = new PollingFixture(brokers, SECRET);
  let ingest: { app: NestFastifyApplication; url: string } | undefined;
  let normalizer: INestApplicationContext | undefined;
  try {
    await fixture.start();
    ingest = await startIngest(fixture.env);
    normalizer = await startNormalizerApp({ ...fixture.env });
    for (const provider of PROVIDERS)
      fixture
        .emulator(provider)
        .subscribeWebhooks(`${ingest.url}/webhooks/${fixture.connections[provider]}`, SECRET);

    const naive = await naivePerHour(fixture);
    const calls = await callsPerHour(fixture);
    const latency = await latencies(fixture);
    console.log('\nprovider | poller calls/h | naive full listing calls/h | ratio');
    for (const p of PROVIDERS)
      console.log(
        `${p} | ${calls.result[p]} | ${Math.round(naive[p])} | ${(calls.result[p] / naive[p]).toFixed(2)}`,
      );
    const ms = (v: number) => `${(v / 1000).toFixed(1)} s`;
    const all = Object.values(calls.result).reduce((a, b) => a + b, 0);
    const naiveAll = Object.values(naive).reduce((a, b) => a + b, 0);
    const polled = latency.result.polled;
    const webhook = latency.result.webhook;
    printVerdicts([
      verdictLine(
        {
          name: 'poller calls per connection per hour (mean of 3)',
          value: all / PROVIDERS.length,
          format: (v) => v.toFixed(0),
        },
        [calls],
      ),
      verdictLine(
        {
          name: 'naive full-listing poller calls per connection per hour',
          value: naiveAll / PROVIDERS.length,
          format: (v) => v.toFixed(0),
        },
        [calls],
      ),
      verdictLine(
        {
          name: 'calls ratio poller/naive',
          value: all / naiveAll,
          format: (v) => v.toFixed(2),
          target: { atMost: 0.5 },
        },
        [calls],
      ),
      verdictLine(
        {
          name: `silent change → event p50 (interval ${INTERVAL_S} s)`,
          value: percentile(polled, 50),
          format: ms,
          target: { atMost: INTERVAL_S * 1000 },
        },
        [latency, { label: 'polled', problems: missingProblems(1, polled.length, 'polled changes') }],
      ),
      verdictLine(
        {
          name: 'silent change → event max',
          value: Math.max(...polled),
          format: ms,
          target: { atMost: INTERVAL_S * 1000 + 15_000 },
        },
        [latency],
      ),
      verdictLine(
        { name: 'baseline: webhook change → event p50', value: percentile(webhook, 50), format: ms },
        [latency, { label: 'webhook', problems: missingProblems(1, webhook.length, 'webhook changes') }],
      ),
    ]);
  } finally {
    await normalizer?.close();
    await ingest?.app.close();
    await fixture.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
