import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import { KafkaHealthIndicator } from './kafka-health.indicator';

export const HEALTH_KAFKA = Symbol('HealthKafka');

/** `/health/live`: the process answers. `/health/ready` (and `/health`): it can reach Kafka too. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly kafkaIndicator: KafkaHealthIndicator,
    @Inject(HEALTH_KAFKA) private readonly kafka: Kafka,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get()
  @HealthCheck()
  overall() {
    return this.ready();
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.kafkaIndicator.check(this.kafka)]);
  }
}
