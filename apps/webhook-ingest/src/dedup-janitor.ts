import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { STORE, type Store } from '@app/store';
import { IngestConfig } from './ingest.config';

/** Forgets delivery ids older than the dedup window, hourly, so the table stays the window's size. */
@Injectable()
export class DedupJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DedupJanitor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly config: IngestConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async purge(now = new Date()): Promise<number> {
    try {
      return await this.store.deliveries.purgeOlderThan(
        new Date(now.getTime() - this.config.INGEST_DEDUP_WINDOW_HOURS * 3_600_000),
      );
    } catch (error) {
      this.logger.warn({ msg: 'dedup purge failed', error: (error as Error).message });
      return 0;
    }
  }
}
