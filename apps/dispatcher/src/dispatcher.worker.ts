import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { CommittingConsumer } from '@app/bus';
import { WebhookSender } from '@app/delivery';
import { DeliveryScheduler } from './delivery-scheduler';
import { DispatcherConfig } from './dispatcher.config';
import { EventIntake } from './event-intake';
import { RetentionJanitor } from './retention-janitor';

/** Starts and stops the dispatcher's three loops: intake (Kafka), delivery (store), retention. */
@Injectable()
export class DispatcherWorker implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DispatcherWorker.name);

  constructor(
    private readonly consumer: CommittingConsumer,
    private readonly intake: EventIntake,
    private readonly scheduler: DeliveryScheduler,
    private readonly janitor: RetentionJanitor,
    private readonly sender: WebhookSender,
    private readonly config: DispatcherConfig,
  ) {}

  async start(): Promise<void> {
    // Deliveries already in the store go out at once, even while the consumer is still joining
    // its group (after a crash that can take a session timeout).
    this.scheduler.start();
    this.janitor.start();
    await this.consumer.startBatches((messages) => this.intake.handle(messages));
    this.logger.log({ msg: 'dispatcher consuming unified events', group: this.config.DISPATCH_GROUP_ID });
  }

  /** Before the store closes: stop taking events, let deliveries in flight finish (bounded). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    this.janitor.stop();
    await this.scheduler.stop(this.config.DISPATCH_TIMEOUT_MS);
    this.sender.close();
  }
}
