import { Inject, Injectable } from '@nestjs/common';
import { STORE, type FinishedAttempt, type Store } from '@app/store';

/** Attempts that are written at once; fewer wait up to GATHER_MS for more. */
const FULL_BATCH = 64;
const GATHER_MS = 10;

interface Waiting {
  attempt: FinishedAttempt;
  resolve(settled: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit of finished attempts. Each attempt still resolves only once its log row and its
 * delivery's new state are committed, exactly as a write of its own would (so a crash before that
 * leaves the lease to expire and the delivery to be sent again: nothing is lost). But attempts that
 * finish together, and those finishing while a commit is under way, share one transaction: on SQLite
 * every commit is an fsync (or, with WAL synchronous=NORMAL, still a statement's fixed cost in this
 * thread), on PostgreSQL a round trip and a WAL flush. A batch waits at most GATHER_MS for more
 * attempts, and never while FULL_BATCH are waiting.
 */
@Injectable()
export class AttemptRecorder {
  private waiting: Waiting[] = [];
  private writing = false;
  private gathering?: NodeJS.Timeout;

  constructor(@Inject(STORE) private readonly store: Store) {}

  /** Logs the attempt and settles its delivery; false when the lease was lost meanwhile. */
  record(attempt: FinishedAttempt): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing) return; // the write in progress schedules the next one
    // A full batch goes at once; a small one waits a moment for more (its slot is already free, so
    // only the lease is held a little longer): each statement's cost is mostly per batch, not per row.
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

  private async write(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    this.writing = true;
    try {
      const settled = await this.store.deliveryAttempts.finishAll(batch.map((w) => w.attempt));
      batch.forEach((w, i) => w.resolve(settled[i]));
    } catch (error) {
      // Nothing of the batch committed: each delivery's lease expires and it is tried again.
      batch.forEach((w) => w.reject(error));
    } finally {
      this.writing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }
}
