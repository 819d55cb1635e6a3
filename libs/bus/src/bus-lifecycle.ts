import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { ReliableProducer } from './reliable-producer';
import { ensureTopics } from './topic-provisioner';
import type { TopicSpec } from './topics';

/**
 * Creates the app's topics and connects its producer at start-up (ReliableProducer.warmUp), and closes
 * the producer at shutdown. A broker that is down at start-up does not stop an HTTP app: it answers 503
 * (and readiness says not ready) until Kafka is back.
 */
export class BusLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BusLifecycle.name);

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: readonly TopicSpec[],
    private readonly producer?: ReliableProducer,
    private readonly requireBroker = false,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const created = await ensureTopics(this.kafka, this.topics);
      if (created.length > 0) this.logger.log({ msg: 'created topics', topics: created });
    } catch (error) {
      if (this.requireBroker) throw error;
      this.logger.error({
        msg: 'could not provision topics; Kafka unreachable?',
        error: (error as Error).message,
      });
    }
    void this.producer?.warmUp();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}
