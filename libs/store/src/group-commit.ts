/** How a GroupCommit gathers: a batch of `fullBatch` goes at once, fewer wait up to `gatherMs` for more. */
export interface GroupCommitOptions {
  fullBatch: number;
  gatherMs: number;
}

interface Waiting<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit of store writes: items added together, and those added while a write is under way, share
 * one write (one transaction: on SQLite one fsync in this thread, on PostgreSQL one round trip and WAL
 * flush). Each `add` still resolves only once its batch is committed, with its own result; a failed write
 * rejects every item of its batch. One write at a time; a batch waits at most `gatherMs`, never while
 * `fullBatch` items are waiting. `writeBatch` answers one result per item, in order.
 */
export class GroupCommit<I, R> {
  private waiting: Waiting<I, R>[] = [];
  private writing?: Promise<void>;
  private gathering?: NodeJS.Timeout;

  constructor(
    private readonly writeBatch: (items: I[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  add(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Writes what is waiting now, without the gathering wait; resolves once nothing is left to write. */
  async flush(): Promise<void> {
    clearTimeout(this.gathering);
    this.gathering = undefined;
    while (this.writing || this.waiting.length > 0) await (this.writing ?? this.write());
  }

  private schedule(): void {
    if (this.writing) return; // the write under way schedules the next one
    const full = this.waiting.length >= this.options.fullBatch;
    if (this.gathering && !full) return;
    clearTimeout(this.gathering);
    this.gathering = setTimeout(
      () => {
        this.gathering = undefined;
        void this.write();
      },
      full ? 0 : this.options.gatherMs,
    );
  }

  private write(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return Promise.resolve();
    this.writing = this.writeBatch(batch.map((w) => w.item))
      .then(
        (results) => batch.forEach((w, i) => w.resolve(results[i])),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        this.writing = undefined;
        if (this.waiting.length > 0) this.schedule();
      });
    return this.writing;
  }
}
