import { DynamicModule, Module } from '@nestjs/common';
import {
  ALL_TOPICS,
  BusLifecycle,
  CHANGE_EVENT_TOPICS,
  CommittingConsumer,
  createKafka,
  instrumentConsumer,
  TOPICS,
} from '@app/bus';
import { brokerList } from '@app/config';
import { appMetricsRegistry, consumerGroupReadiness, WorkerHealthServer } from '@app/http';
import {
  DestinationGuard,
  destinationPolicyOf,
  parseSchedule,
  RetryPolicy,
  systemResolver,
  WebhookSender,
  type Resolver,
} from '@app/delivery';
import { StoreModule } from '@app/store';
import { AttemptRecorder } from './attempt-recorder';
import { DeliveryExecutor } from './delivery-executor';
import { DeliveryScheduler } from './delivery-scheduler';
import { DispatcherConfig } from './dispatcher.config';
import { DispatcherMetrics } from './dispatcher.metrics';
import { DispatcherWorker } from './dispatcher.worker';
import { EventIntake } from './event-intake';
import { RetentionJanitor } from './retention-janitor';

export interface DispatcherOptions {
  /** DNS for the SSRF guard; tests inject names that resolve to private addresses. */
  resolver?: Resolver;
  /** main.ts: close cleanly (leave the consumer group) on SIGINT/SIGTERM. */
  handleSignals?: boolean;
}

/** Every resource topic (a subscription may ask for any event type of the contract) and connection events. */
export const DISPATCHER_TOPICS: readonly string[] = [...CHANGE_EVENT_TOPICS, TOPICS.connections];

@Module({})
export class DispatcherModule {
  static register(config: DispatcherConfig, options: DispatcherOptions = {}): DynamicModule {
    const kafka = createKafka({
      brokers: brokerList(config),
      clientId: `${config.KAFKA_CLIENT_ID}-dispatcher`,
    });
    const consumer = new CommittingConsumer(kafka, {
      groupId: config.DISPATCH_GROUP_ID,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      groupInstanceId: config.KAFKA_GROUP_INSTANCE_ID,
      topics: [...DISPATCHER_TOPICS],
      fromBeginning: config.DISPATCH_START_FROM === 'earliest',
    });
    const metrics = appMetricsRegistry('dispatcher');
    instrumentConsumer(metrics, consumer);
    const guard = new DestinationGuard(destinationPolicyOf(config), options.resolver ?? systemResolver);
    return {
      module: DispatcherModule,
      // On SQLite, a commit's B-tree work and fsync would otherwise stop the sends and the intake
      // (docs/operations/performance-log.md, "SQLite on its own thread").
      imports: [StoreModule.forRoot(config, { sqliteThread: 'worker' })],
      providers: [
        { provide: DispatcherConfig, useValue: config },
        { provide: WebhookSender, useValue: new WebhookSender(guard, config.DISPATCH_TIMEOUT_MS) },
        {
          provide: RetryPolicy,
          useValue: new RetryPolicy({
            schedule: parseSchedule(config.DISPATCH_RETRY_SCHEDULE),
            jitter: config.DISPATCH_RETRY_JITTER,
            retryAfterMaxMs: config.DISPATCH_RETRY_AFTER_MAX_MS,
            throttledMinDelayMs: config.DISPATCH_THROTTLED_MIN_DELAY_MS,
          }),
        },
        { provide: CommittingConsumer, useValue: consumer },
        {
          provide: WorkerHealthServer,
          useValue: new WorkerHealthServer({ consumer_group: consumerGroupReadiness(consumer) }, metrics),
        },
        { provide: DispatcherMetrics, useValue: new DispatcherMetrics(metrics) },
        { provide: BusLifecycle, useValue: new BusLifecycle(kafka, ALL_TOPICS, undefined, true) },
        EventIntake,
        DeliveryScheduler,
        DeliveryExecutor,
        AttemptRecorder,
        RetentionJanitor,
        DispatcherWorker,
      ],
    };
  }
}
