import { Inject, Injectable } from '@nestjs/common';
import { GroupCommit, STORE, type FinishedAttempt, type Store } from '@app/store';

/**
 * Group commit of finished attempts. Each attempt still resolves only once its log row and its
 * delivery's new state are committed, exactly as a write of its own would (so a crash before that
 * leaves the lease to expire and the delivery to be sent again: nothing is lost). But attempts that
 * finish together, and those finishing while a commit is under way, share one transaction: on SQLite
 * every commit is an fsync (or, with WAL synchronous=NORMAL, still a statement's fixed cost in this
 * thread), on PostgreSQL a round trip and a WAL flush. A batch waits at most 10 ms for more attempts
 * (its slot is already free, so only the lease is held a little longer: each statement's cost is
 * mostly per batch, not per row), and never while 64 are waiting.
 */
@Injectable()
export class AttemptRecorder {
  private readonly commits: GroupCommit<FinishedAttempt, boolean>;

  constructor(@Inject(STORE) store: Store) {
    // Nothing of a failed batch committed: each delivery's lease expires and it is tried again.
    this.commits = new GroupCommit((attempts) => store.deliveryAttempts.finishAll(attempts), {
      fullBatch: 64,
      gatherMs: 10,
    });
  }

  /** Logs the attempt and settles its delivery; false when the lease was lost meanwhile. */
  record(attempt: FinishedAttempt): Promise<boolean> {
    return this.commits.add(attempt);
  }
}
