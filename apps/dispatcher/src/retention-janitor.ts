import { Inject, Injectable, Logger } from '@nestjs/common';
import { STORE, type Store } from '@app/store';
import { DispatcherConfig } from './dispatcher.config';

/**
 * Applies DISPATCH_EVENT_RETENTION_MS: event bodies (and so what can be replayed) and the attempt
 * log are kept that long; events still awaiting delivery are kept until they settle.
 */
@Injectable()
export class RetentionJanitor {
  private readonly logger = new Logger(RetentionJanitor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly config: DispatcherConfig,
  ) {}

  start(): void {
    void this.purge();
    this.timer = setInterval(() => void this.purge(), this.config.DISPATCH_PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async purge(now = new Date()): Promise<void> {
    try {
      const cutoff = new Date(now.getTime() - this.config.DISPATCH_EVENT_RETENTION_MS);
      const purged = await this.store.deliveryAttempts.purgeOlderThan(cutoff);
      if (purged.events + purged.attempts > 0) this.logger.log({ msg: 'retention applied', ...purged });
    } catch (error) {
      this.logger.warn({ msg: 'retention purge failed', error: (error as Error).message });
    }
  }
}
