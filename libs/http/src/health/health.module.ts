import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import { HEALTH_KAFKA, HealthController } from './health.controller';
import { KafkaHealthIndicator } from './kafka-health.indicator';

@Module({})
export class HealthModule {
  static forKafka(kafka: Kafka): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false })],
      controllers: [HealthController],
      providers: [KafkaHealthIndicator, { provide: HEALTH_KAFKA, useValue: kafka }],
    };
  }
}
