import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createKafka, ReliableProducer } from '@app/bus';
import { brokerList, loadConfig, type KafkaSettings } from '@app/config';
import { HttpTransport, ProviderClient, ProviderRegistry, TokenRefresher } from '@app/providers';
import { STORE, tokenLeasesOf, type Store } from '@app/store';
import { SyncRunner, type SyncRunnerOptions } from './sync-runner';
import { SyncSettings } from './sync-settings';

export interface SyncsModuleOptions extends SyncRunnerOptions {
  brokers: string[];
  clientId: string;
  /** Per provider request. */
  providerTimeoutMs?: number;
  /** Start working jobs once the app is up (default true); tests drive `SyncRunner.runOnce` themselves. */
  autoStart?: boolean;
}

/** The module's options for an app: its Kafka settings, and SYNC_* from the environment (validated). */
export function syncsModuleOptions(
  kafka: KafkaSettings,
  settings: SyncSettings = loadConfig('syncs', SyncSettings),
): SyncsModuleOptions {
  return {
    brokers: brokerList(kafka),
    clientId: kafka.KAFKA_CLIENT_ID,
    pageSize: settings.SYNC_PAGE_SIZE,
    leaseMs: settings.SYNC_LEASE_SECONDS * 1000,
    idleMs: settings.SYNC_IDLE_MS,
    providerTimeoutMs: settings.SYNC_PROVIDER_TIMEOUT_MS,
  };
}

const OPTIONS = Symbol('SyncsModuleOptions');

@Injectable()
class SyncRunnerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: SyncRunner,
    private readonly producer: ReliableProducer,
    @Inject(OPTIONS) private readonly options: SyncsModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.autoStart !== false) this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.producer.disconnect();
  }
}

/**
 * The snapshot runner as a Nest module (it runs inside apps/poller). Needs the store (StoreModule.forRoot
 * in the app); brings its own producer and provider client. The client does not retry on its own, so that
 * every 429 reaches the runner, which waits it out and counts it in the job's progress.
 */
@Module({})
export class SyncsModule {
  /** `kafka` alone: the options come from syncsModuleOptions (SYNC_* in the environment). */
  static register(settings: KafkaSettings | SyncsModuleOptions): DynamicModule {
    const options = 'brokers' in settings ? settings : syncsModuleOptions(settings);
    const registry = new ProviderRegistry();
    const kafka = createKafka({ brokers: options.brokers, clientId: `${options.clientId}-syncs` });
    const producer = new ReliableProducer(kafka, 10_000);
    return {
      module: SyncsModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: ReliableProducer, useValue: producer },
        {
          provide: SyncRunner,
          inject: [STORE],
          useFactory: (store: Store) =>
            new SyncRunner(
              {
                jobs: store.syncJobs,
                connections: store.connections,
                registry,
                producer,
                client: new ProviderClient({
                  registry,
                  transport: new HttpTransport(options.providerTimeoutMs),
                  retry: { maxRetries: 0 },
                  tokens: new TokenRefresher(registry, tokenLeasesOf(store), {
                    timeoutMs: options.providerTimeoutMs,
                  }),
                }),
              },
              options,
            ),
        },
        SyncRunnerLifecycle,
      ],
      exports: [SyncRunner],
    };
  }
}
