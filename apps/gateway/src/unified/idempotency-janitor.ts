import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { STORE, type Store } from '@app/store';

const RETENTION_MS = 24 * 60 * 60 * 1000;
const EVERY_MS = 60 * 60 * 1000;

/** Idempotency keys are honoured for 24 hours; older ones are purged hourly so the table stays small. */
@Injectable()
export class IdempotencyJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyJanitor.name);
  private timer?: NodeJS.Timeout;

  constructor(@Inject(STORE) private readonly store: Store) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async purge(now = new Date()): Promise<void> {
    try {
      const purged = await this.store.idempotency.purgeOlderThan(new Date(now.getTime() - RETENTION_MS));
      if (purged > 0) this.logger.log({ msg: 'purged idempotency keys', purged });
    } catch (error) {
      this.logger.warn({ msg: 'idempotency purge failed', error: (error as Error).message });
    }
  }
}
