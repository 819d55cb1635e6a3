import { DynamicModule, Module } from '@nestjs/common';
import { brokerList } from '@app/config';
import { ALL_TOPICS, BusLifecycle, createKafka, ReliableProducer } from '@app/bus';
import { HealthModule, MetricsModule } from '@app/http';
import { ProviderRegistry } from '@app/providers';
import { StoreModule } from '@app/store';
import { IngestConfig } from './ingest.config';
import { WebhookController } from './webhook.controller';
import { WebhookIntakeService } from './webhook-intake.service';
import { IngestMetrics } from './ingest.metrics';
import { DedupJanitor } from './dedup-janitor';
import { DedupRecorder } from './dedup-recorder';

@Module({})
export class IngestModule {
  static register(config: IngestConfig): DynamicModule {
    const kafka = createKafka({ brokers: brokerList(config), clientId: `${config.KAFKA_CLIENT_ID}-ingest` });
    const producer = new ReliableProducer(kafka, config.INGEST_PUBLISH_TIMEOUT_MS);
    return {
      module: IngestModule,
      imports: [
        HealthModule.forKafka(kafka),
        StoreModule.forRoot(config, { connectionByIdCacheMs: config.INGEST_READ_CACHE_MS }),
        MetricsModule.forApp('webhook-ingest'),
      ],
      controllers: [WebhookController],
      providers: [
        WebhookIntakeService,
        IngestMetrics,
        DedupJanitor,
        DedupRecorder,
        { provide: IngestConfig, useValue: config },
        { provide: ProviderRegistry, useValue: new ProviderRegistry() },
        { provide: ReliableProducer, useValue: producer },
        { provide: BusLifecycle, useValue: new BusLifecycle(kafka, ALL_TOPICS, producer) },
      ],
    };
  }
}
