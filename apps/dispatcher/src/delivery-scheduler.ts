import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { STORE, type ClaimedDelivery, type Store } from '@app/store';
import { DeliveryExecutor } from './delivery-executor';
import { DispatcherConfig } from './dispatcher.config';

/**
 * Finds due deliveries in the store, leases them, and runs them with bounded concurrency: at most
 * DISPATCH_CONCURRENCY_PER_SUBSCRIPTION per subscription, so one slow endpoint occupies its own
 * slots and never the others', and DISPATCH_MAX_IN_FLIGHT in all. Woken by new events, by each
 * finished delivery (a slot freed) and by a timer for retries coming due.
 */
@Injectable()
export class DeliveryScheduler {
  private readonly logger = new Logger(DeliveryScheduler.name);
  /** Names this instance in lease columns; unique per start, so a restarted process owns nothing stale. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Set<Promise<void>>();
  private inFlight = 0;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private filling = false;
  private wokenWhileFilling = false;

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly executor: DeliveryExecutor,
    private readonly config: DispatcherConfig,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.config.DISPATCH_POLL_INTERVAL_MS);
    this.wake();
  }

  /** Asks for a scan soon; calls while a scan runs fold into one more scan. */
  wake(): void {
    if (this.stopped) return;
    if (this.filling) {
      this.wokenWhileFilling = true;
      return;
    }
    this.filling = true;
    // On the next turn of the event loop: completions arriving together then share one scan and
    // one claim (each is a write, and on SQLite every write is an fsync).
    setImmediate(() => void this.fillRepeatedly());
  }

  /** Stops claiming; waits up to `graceMs` for deliveries in flight (their leases cover the rest). */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const grace = new AbortController();
    await Promise.race([
      Promise.allSettled([...this.running]),
      // Aborted once the deliveries are done, so the timer does not hold the process open.
      sleep(graceMs, undefined, { signal: grace.signal }).catch(() => undefined),
    ]);
    grace.abort();
  }

  private async fillRepeatedly(): Promise<void> {
    try {
      do {
        this.wokenWhileFilling = false;
        await this.fill().catch((error: unknown) =>
          this.logger.warn({ msg: 'delivery scan failed; retrying on the next tick', error: String(error) }),
        );
      } while (this.wokenWhileFilling && !this.stopped);
    } finally {
      this.filling = false;
    }
  }

  private async fill(): Promise<void> {
    while (!this.stopped) {
      const free = this.config.DISPATCH_MAX_IN_FLIGHT - this.inFlight;
      if (free <= 0) return;
      const now = new Date();
      // The store counts leased rows against each subscription's slots, this instance's included.
      const due = await this.store.deliveryAttempts.findDue(
        now,
        this.config.DISPATCH_CONCURRENCY_PER_SUBSCRIPTION,
        free,
      );
      if (due.length === 0) return;
      const leaseUntil = new Date(now.getTime() + this.config.DISPATCH_LEASE_MS);
      const claimed = await this.store.deliveryAttempts.claim(
        due.map((d) => d.id),
        this.owner,
        now,
        leaseUntil,
      );
      for (const delivery of claimed) this.launch(delivery);
      if (due.length < free) return; // everything due was seen
    }
  }

  private launch(delivery: ClaimedDelivery): void {
    this.inFlight += 1;
    const run: Promise<void> = this.executor
      .execute(delivery, this.owner)
      .catch((error: unknown) =>
        // The lease expires and the delivery is tried again; nothing is lost.
        this.logger.error({
          msg: 'delivery failed unexpectedly',
          delivery: delivery.id,
          error: String(error),
        }),
      )
      .finally(() => {
        this.inFlight -= 1;
        this.running.delete(run);
        this.wake();
      });
    this.running.add(run);
  }
}
