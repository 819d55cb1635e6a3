import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { STORE, type DeliveryPair, type Store } from '@app/store';

/** Deliveries written at once; fewer wait up to GATHER_MS for more. */
const FULL_BATCH = 256;
const GATHER_MS = 5;

interface Waiting {
  pair: DeliveryPair;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit of the dedup table: each acknowledged delivery is recorded as seen, but the deliveries
 * acknowledged together, and those acknowledged while a write is under way, share one INSERT. On SQLite
 * every commit is an fsync in the event loop's thread (~0.2 ms here), so one write per webhook took a
 * fifth of a core at 1,000 webhooks/s and held up every request meanwhile. Each `record` still resolves
 * only once its row is committed, so the ingest keeps a delivery in flight until then: a redelivery in
 * that gap joins the published write instead of being published again. A batch waits at most
 * GATHER_MS, never while FULL_BATCH are waiting.
 */
@Injectable()
export class DedupRecorder implements BeforeApplicationShutdown {
  private waiting: Waiting[] = [];
  private writing?: Promise<void>;
  private gathering?: NodeJS.Timeout;

  constructor(@Inject(STORE) private readonly store: Store) {}

  /** Records the delivery as seen; rejects when its batch could not be written. */
  record(connectionId: string, deliveryId: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ pair: { connectionId, deliveryId }, resolve, reject });
      this.schedule();
    });
  }

  /** Before the store closes (its own shutdown hook runs after this one): writes what is waiting. */
  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.gathering);
    this.gathering = undefined;
    while (this.writing || this.waiting.length > 0) await (this.writing ?? this.write());
  }

  private schedule(): void {
    if (this.writing) return; // the write under way schedules the next one
    const full = this.waiting.length >= FULL_BATCH;
    if (this.gathering && !full) return;
    clearTimeout(this.gathering);
    this.gathering = setTimeout(
      () => {
        this.gathering = undefined;
        void this.write();
      },
      full ? 0 : GATHER_MS,
    );
  }

  private write(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return Promise.resolve();
    this.writing = this.store.deliveries
      .claimAll(batch.map((w) => w.pair))
      .then(
        () => batch.forEach((w) => w.resolve()),
        // Published but not recorded: a redelivery is published again and deduplicated downstream.
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        this.writing = undefined;
        if (this.waiting.length > 0) this.schedule();
      });
    return this.writing;
  }
}
