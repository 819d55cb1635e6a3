import { DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ALL_TOPICS, BusLifecycle, createKafka, ReliableProducer } from '@app/bus';
import { brokerList } from '@app/config';
import { WorkerHealthServer } from '@app/http';
import {
  BudgetedTransport,
  parseIntervals,
  PollCycle,
  PollScheduler,
  RateBudget,
  type PollSettings,
} from '@app/polling';
import { ProviderClient, ProviderRegistry, TokenRefresher } from '@app/providers';
import { STORE, StoreModule, tokenLeasesOf, type Store } from '@app/store';
import { SyncsModule } from '@app/syncs';
import { PollerConfig } from './poller.config';

/** The poll settings the configuration describes. */
export function pollSettingsOf(config: PollerConfig): PollSettings {
  if (
    config.POLL_WEBHOOK_GRACE_SECONDS >= config.POLL_OVERLAP_SECONDS &&
    config.POLL_WEBHOOK_GRACE_SECONDS > 0
  )
    throw new Error('poller: POLL_WEBHOOK_GRACE_SECONDS must be below POLL_OVERLAP_SECONDS');
  return {
    intervals: parseIntervals(config.POLL_INTERVALS),
    reconcileSeconds: config.POLL_RECONCILE_SECONDS,
    overlapSeconds: config.POLL_OVERLAP_SECONDS,
    leaseSeconds: config.POLL_LEASE_SECONDS,
    rateLimitShare: config.POLL_RATE_LIMIT_SHARE,
    fallbackLimitPerHour: config.POLL_FALLBACK_LIMIT_PER_HOUR,
    pageSize: config.POLL_PAGE_SIZE,
    webhookGraceSeconds: config.POLL_WEBHOOK_GRACE_SECONDS,
  };
}

/** Stops the scheduler (running cycles finish and release their leases) before the producer goes. */
@Injectable()
export class PollerLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly scheduler: PollScheduler,
    @Inject(ReliableProducer) private readonly producer: ReliableProducer,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.producer.disconnect();
  }
}

@Module({})
export class PollerModule {
  static register(config: PollerConfig): DynamicModule {
    const kafka = createKafka({ brokers: brokerList(config), clientId: `${config.KAFKA_CLIENT_ID}-poller` });
    const producer = new ReliableProducer(kafka, 10_000);
    const registry = new ProviderRegistry();
    const settings = pollSettingsOf(config);
    const transport = new BudgetedTransport(
      new RateBudget(settings.rateLimitShare, settings.fallbackLimitPerHour),
    );
    return {
      module: PollerModule,
      // The snapshot runner (libs/syncs, docs/snapshots.md) works sync jobs beside the polls.
      imports: [StoreModule.forRoot(config), SyncsModule.register(config)],
      providers: [
        { provide: ReliableProducer, useValue: producer },
        { provide: ProviderRegistry, useValue: registry },
        {
          provide: PollScheduler,
          inject: [STORE],
          useFactory: (store: Store) => {
            // OAuth connections' tokens are refreshed under the same store lease as the other apps'.
            const client = new ProviderClient({
              registry,
              transport,
              tokens: new TokenRefresher(registry, tokenLeasesOf(store)),
            });
            const cycle = new PollCycle({ client, registry, store, producer, transport, settings });
            return new PollScheduler(store, registry, cycle, settings, {
              concurrency: config.POLL_CONCURRENCY,
              idleMs: config.POLL_IDLE_MS,
              refreshMs: config.POLL_REFRESH_MS,
              resources: config.POLL_RESOURCES ? config.POLL_RESOURCES.split(',') : undefined,
            });
          },
        },
        PollerLifecycle,
        {
          provide: WorkerHealthServer,
          useValue: new WorkerHealthServer({ poller: () => ({ up: true }) }),
        },
        { provide: BusLifecycle, useValue: new BusLifecycle(kafka, ALL_TOPICS, undefined, true) },
      ],
      exports: [PollScheduler],
    };
  }
}
