import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  CommittingConsumer,
  decodeRawWebhook,
  ReliableProducer,
  traceConsumed,
  type ConsumedMessage,
} from '@app/bus';
import { tracerOf } from '@app/telemetry';
import { STORE, type Store } from '@app/store';
import { DeliveryNormalizer, type TopicBatch } from './delivery-normalizer.service';
import { recordPublishedVersions } from './published-versions';
import { ChangeHasher } from '@app/polling';
import { RunStageTimer } from './run-stages';

const TRACER = tracerOf('normalizer');

/**
 * The consume → map → produce → commit loop, in runs of deliveries. The offsets of a run are committed
 * only after everything it produced was acknowledged; if publishing fails the handler throws and the delivery
 * is consumed again, yielding the same deterministic event ids.
 */
@Injectable()
export class NormalizerWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(NormalizerWorker.name);

  constructor(
    private readonly consumer: CommittingConsumer,
    private readonly producer: ReliableProducer,
    private readonly normalizer: DeliveryNormalizer,
    @Inject(STORE) private readonly store: Pick<Store, 'publishedVersions'>,
    private readonly stages: RunStageTimer,
    private readonly hasher: ChangeHasher,
  ) {}

  async start(): Promise<void> {
    void this.producer.warmUp(); // its first run then does not wait for the producer id
    const joined = this.consumer.waitUntilJoined();
    await this.consumer.startBatches((messages) => this.handleBatch(messages));
    await joined;
    this.logger.log({ msg: 'normalizer consuming raw webhooks' });
  }

  /** Maps a run of deliveries, then publishes everything they produced in one acknowledged write. */
  async handleBatch(messages: ConsumedMessage[]): Promise<void> {
    const batches = await this.stages.time('map', async () => {
      const byTopic = new Map<string, TopicBatch>();
      for (const message of messages) {
        for (const batch of await this.normalize(message)) {
          const run = byTopic.get(batch.topic);
          if (!run) byTopic.set(batch.topic, batch);
          else {
            run.messages.push(...batch.messages);
            run.events.push(...batch.events);
          }
        }
      }
      return [...byTopic.values()];
    });
    await this.stages.time('publish', () => this.producer.publishAll(batches));
    await this.stages.time('record_versions', () =>
      recordPublishedVersions(this.store, batches, this.hasher),
    );
  }

  private normalize(message: ConsumedMessage): Promise<TopicBatch[]> {
    // The webhook's trace (from the ingest) goes on in this delivery's events.
    return traceConsumed(TRACER, message, () => this.map(message));
  }

  private async map(message: ConsumedMessage): Promise<TopicBatch[]> {
    const source = { topic: message.topic, partition: message.partition, offset: message.offset };
    let raw;
    try {
      raw = decodeRawWebhook(message.value);
    } catch (error) {
      return this.normalizer.undecodable(message.value, source, (error as Error).message);
    }
    return this.normalizer.normalize(raw, source);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.producer.disconnect();
  }
}
