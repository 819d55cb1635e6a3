/** A partition's next offset to read: every message before it was handled (its output acknowledged). */
export interface HandledOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** One commit request, for metrics: how many partitions, how long, whether the broker refused it. */
export interface CommitRequest {
  partitions: number;
  seconds: number;
  failed: boolean;
  error?: unknown;
}

/** How long to wait before committing again after a refused commit (the broker may be down). */
const RETRY_AFTER_MS = 250;

/**
 * Commits handled offsets off the consume path, with at most one request in flight: while one commit is
 * on its way, the partitions handled meanwhile are gathered and the newest offset of each leaves in the
 * next request. Requests also start at least `minIntervalMs` apart (0: as soon as the last is answered):
 * each commit is a write to the broker's offsets log, and one per handled run made 120–250 a second at
 * 1,000 webhooks/s. `flush` sends at once. The consumer never waits for a commit round trip before its
 * next fetch, and commits stay as safe as before: an offset is handed here only after the handler of every
 * message before it resolved, so a commit never runs ahead of acknowledged output. What is not committed
 * yet when the process dies is consumed again (at-least-once, same event ids), exactly as for a handler
 * that had not finished.
 */
export class OffsetCommitter {
  private readonly pending = new Map<string, HandledOffset>();
  private inFlight?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private readonly idleWaiters: (() => void)[] = [];
  /** Set while handled offsets wait for the interval since the last request to pass. */
  private intervalTimer?: NodeJS.Timeout;
  private lastRequestAt = -Infinity;

  constructor(
    private readonly commit: (offsets: HandledOffset[]) => Promise<void>,
    private readonly onRequest: (request: CommitRequest) => void = () => undefined,
    private readonly minIntervalMs = 0,
  ) {}

  /** Records that every message of the partition before `offset` was handled; commits soon (see minIntervalMs). */
  handled(next: HandledOffset): void {
    this.pending.set(`${next.topic}\u0000${next.partition}`, next);
    this.send();
  }

  /**
   * Drops what is not sent yet (a rebalance: the partitions may belong to another member now, and an
   * older offset committed after the new owner's would only mean more repeats).
   */
  forget(): void {
    this.pending.clear();
    this.stopWaitingForInterval();
    this.settleIfIdle();
  }

  /** Resolves once everything handled so far was committed or its commit failed; bounded by `timeoutMs`. */
  flush(timeoutMs = 5_000): Promise<void> {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    this.send(true);
    if (!this.inFlight && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idleWaiters.push(() => (clearTimeout(timer), resolve()));
    });
  }

  private send(now = false): void {
    if (this.inFlight || this.retryTimer || this.pending.size === 0) return;
    const wait = this.lastRequestAt + this.minIntervalMs - performance.now();
    // While a flush waits (a stop, a rebalance), nothing waits for the interval.
    if (!now && this.idleWaiters.length === 0 && wait > 0) {
      this.intervalTimer ??= setTimeout(() => {
        this.intervalTimer = undefined;
        this.send();
      }, wait).unref();
      return;
    }
    this.stopWaitingForInterval();
    this.lastRequestAt = performance.now();
    const offsets = [...this.pending.values()];
    this.pending.clear();
    const started = process.hrtime.bigint();
    const report = (failed: boolean, error?: unknown) =>
      this.onRequest({
        partitions: offsets.length,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        failed,
        error,
      });
    this.inFlight = this.commit(offsets).then(
      () => {
        report(false);
        this.inFlight = undefined;
        this.send();
        this.settleIfIdle();
      },
      (error: unknown) => {
        report(true, error);
        this.inFlight = undefined;
        // Keep a refused offset unless the partition was handled further meanwhile; try again shortly.
        for (const offset of offsets) {
          const key = `${offset.topic}\u0000${offset.partition}`;
          if (!this.pending.has(key)) this.pending.set(key, offset);
        }
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.send();
        }, RETRY_AFTER_MS);
        this.retryTimer.unref();
        // A flush waits for an answer, not for the broker to come back.
        this.settle();
      },
    );
  }

  private stopWaitingForInterval(): void {
    clearTimeout(this.intervalTimer);
    this.intervalTimer = undefined;
  }

  private settleIfIdle(): void {
    if (!this.inFlight && this.pending.size === 0) this.settle();
  }

  private settle(): void {
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}
