import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';

/** Ready means the broker answers a metadata request within the deadline. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(private readonly indicators: HealthIndicatorService) {}

  async check(kafka: Kafka, timeoutMs = 2_000) {
    const session = this.indicators.check('kafka');
    const admin = kafka.admin();
    try {
      const cluster = await Promise.race([
        admin.connect().then(() => admin.describeCluster()),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
      ]);
      return session.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return session.down({ message: `Kafka unreachable: ${(error as Error).message}` });
    } finally {
      void admin.disconnect().catch(() => undefined);
    }
  }
}
