import { DynamicModule, Module } from '@nestjs/common';
import { brokerList } from '@app/config';
import { ALL_TOPICS, BusLifecycle, createKafka, ReliableProducer } from '@app/bus';
import { HealthModule } from '@app/http';
import { ProviderRegistry } from '@app/providers';
import { StoreModule } from '@app/store';
import { IngestConfig } from './ingest.config';
import { WebhookController } from './webhook.controller';
import { WebhookIntakeService } from './webhook-intake.service';

@Module({})
export class IngestModule {
  static register(config: IngestConfig): DynamicModule {
    const kafka = createKafka({ brokers: brokerList(config), clientId: `${config.KAFKA_CLIENT_ID}-ingest` });
    const producer = new ReliableProducer(kafka, config.INGEST_PUBLISH_TIMEOUT_MS);
    return {
      module: IngestModule,
      imports: [HealthModule.forKafka(kafka), StoreModule.forRoot(config)],
      controllers: [WebhookController],
      providers: [
        WebhookIntakeService,
        { provide: IngestConfig, useValue: config },
        { provide: ProviderRegistry, useValue: new ProviderRegistry() },
        { provide: ReliableProducer, useValue: producer },
        { provide: BusLifecycle, useValue: new BusLifecycle(kafka, ALL_TOPICS, producer) },
      ],
    };
  }
}
