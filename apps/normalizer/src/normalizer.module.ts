import { DynamicModule, Logger, Module } from '@nestjs/common';
import {
  ALL_TOPICS,
  BusLifecycle,
  publishConnectionEvent,
  CommittingConsumer,
  createKafka,
  instrumentConsumer,
  instrumentProducer,
  partitionsOf,
  ReliableProducer,
  TOPICS,
} from '@app/bus';
import { brokerList } from '@app/config';
import { appMetricsRegistry, consumerGroupReadiness, WorkerHealthServer } from '@app/http';
import {
  ExpressionCache,
  TokenRefresher,
  ProviderClient,
  ProviderRegistry,
  RecordMapper,
  WebhookEventMapper,
} from '@app/providers';
import { ChangeHasher } from '@app/polling';
import {
  CONNECTION_REPOSITORY,
  connectionsWithFindByIdCache,
  STORE,
  StoreModule,
  tokenLeasesOf,
  type Store,
} from '@app/store';
import { contractFieldsOf } from '@app/unified-models';
import { ChangeEnricher } from './change-enricher';
import { DeliveryNormalizer } from './delivery-normalizer.service';
import { NormalizerConfig } from './normalizer.config';
import { NormalizerWorker } from './normalizer.worker';
import { RunStageTimer } from './run-stages';

@Module({})
export class NormalizerModule {
  static register(config: NormalizerConfig): DynamicModule {
    const kafka = createKafka({
      brokers: brokerList(config),
      clientId: `${config.KAFKA_CLIENT_ID}-normalizer`,
    });
    const producer = new ReliableProducer(kafka, 10_000);
    const consumer = new CommittingConsumer(kafka, {
      groupId: config.NORMALIZER_GROUP_ID,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      groupInstanceId: config.KAFKA_GROUP_INSTANCE_ID,
      topics: [TOPICS.rawWebhooks],
      // Deliveries of one connection share a partition (keyed by connection) and stay in order; different
      // connections' partitions are mapped side by side instead of waiting for each other.
      partitionsInParallel: partitionsOf(TOPICS.rawWebhooks),
    });
    const metrics = appMetricsRegistry('normalizer');
    instrumentConsumer(metrics, consumer);
    instrumentProducer(metrics, producer);
    const registry = new ProviderRegistry();
    const expressions = new ExpressionCache();
    const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
    return {
      module: NormalizerModule,
      imports: [StoreModule.forRoot(config)],
      providers: [
        DeliveryNormalizer,
        // The connection each delivery names, read once a second at most rather than per delivery (a
        // query and its credentials opened); token leases read the store itself (tokenLeasesOf).
        {
          provide: CONNECTION_REPOSITORY,
          inject: [STORE],
          useFactory: (store: Store) =>
            connectionsWithFindByIdCache(store.connections, config.NORMALIZER_READ_CACHE_MS),
        },
        NormalizerWorker,
        ChangeEnricher,
        { provide: ProviderRegistry, useValue: registry },
        // What the normalizer publishes is recorded with the hash the poll compares (docs/polling.md).
        { provide: ChangeHasher, useValue: new ChangeHasher(registry, expressions) },
        {
          // Fetching records for compact deliveries uses OAuth connections' tokens too, refreshed under
          // the same store lease as the gateway's.
          provide: ProviderClient,
          inject: [STORE],
          useFactory: (store: Store) =>
            new ProviderClient({
              registry,
              expressions,
              tokens: new TokenRefresher(registry, tokenLeasesOf(store), {
                onNeedsReauth: async (connection, at) => {
                  const stored = await store.connections.findForTenant(connection.tenantId, connection.id);
                  await publishConnectionEvent(producer, {
                    tenantId: connection.tenantId,
                    connectionId: connection.id,
                    provider: connection.provider,
                    externalId: stored?.external_id ?? null,
                    change: 'needs_reauth',
                    time: at,
                    reason: `${connection.provider} refused to refresh the tokens`,
                  }).catch((error: unknown) =>
                    new Logger('ConnectionEvents').error({
                      msg: 'connection event not published',
                      connection_id: connection.id,
                      error: error instanceof Error ? error.message : String(error),
                    }),
                  );
                },
              }),
            }),
        },
        { provide: WebhookEventMapper, useValue: mapper },
        { provide: ReliableProducer, useValue: producer },
        { provide: CommittingConsumer, useValue: consumer },
        { provide: RunStageTimer, useValue: new RunStageTimer(metrics) },
        {
          provide: WorkerHealthServer,
          useValue: new WorkerHealthServer({ consumer_group: consumerGroupReadiness(consumer) }, metrics),
        },
        { provide: BusLifecycle, useValue: new BusLifecycle(kafka, ALL_TOPICS, undefined, true) },
      ],
    };
  }
}
