import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CommittingConsumer, decodeRawWebhook, ReliableProducer, type ConsumedMessage } from '@app/bus';
import { DeliveryNormalizer } from './delivery-normalizer.service';

/**
 * The consume → map → produce → commit loop. The offset of a raw delivery is committed only after
 * everything it produced was acknowledged; if publishing fails the handler throws and the delivery
 * is consumed again, yielding the same deterministic event ids.
 */
@Injectable()
export class NormalizerWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(NormalizerWorker.name);

  constructor(
    private readonly consumer: CommittingConsumer,
    private readonly producer: ReliableProducer,
    private readonly normalizer: DeliveryNormalizer,
  ) {}

  async start(): Promise<void> {
    const joined = this.consumer.waitUntilJoined();
    await this.consumer.start((message) => this.handle(message));
    await joined;
    this.logger.log({ msg: 'normalizer consuming raw webhooks' });
  }

  async handle(message: ConsumedMessage): Promise<void> {
    const source = { topic: message.topic, partition: message.partition, offset: message.offset };
    let batches;
    try {
      batches = await this.normalizer.normalize(decodeRawWebhook(message.value), source);
    } catch (error) {
      if (error instanceof SyntaxError || (error as Error).message === 'not a raw webhook record') {
        batches = this.normalizer.undecodable(message.value, source, (error as Error).message);
      } else {
        throw error;
      }
    }
    await this.producer.publishAll(batches);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.producer.disconnect();
  }
}
