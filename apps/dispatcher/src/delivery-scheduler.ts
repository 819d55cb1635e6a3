import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { STORE, type ClaimedDelivery, type IntakeLease, type Store } from '@app/store';
import { DeliveryExecutor } from './delivery-executor';
import { DispatcherConfig } from './dispatcher.config';
import { SubscriptionPace } from './subscription-pace';

/**
 * Deliveries leased per subscription, as a multiple of its send slots: queued here or being sent.
 * Rows answered and waiting for their record (AttemptRecorder gathers those for a few ms; they stay
 * leased until it commits) do not count in this instance's share; other instances count them.
 * CLAIM_AHEAD for a subscription not yet heard from or a slow one; a fast one up to LEASE_AHEAD_MAX
 * (SubscriptionPace): a consumed run then goes straight to its send queue, and a backlog is leased
 * in few large claims rather than many small ones.
 */
const CLAIM_AHEAD = 8;
const LEASE_AHEAD_MAX = 32;
/**
 * A finished delivery asks for a scan only once its subscription could lease at least this many
 * slots' worth again: a scan is a few statements (on SQLite each write also a commit in this thread)
 * whatever it finds, so asking after every answer made most scans lease one or two rows.
 */
const SCAN_BATCH = 2;

interface Leased {
  delivery: ClaimedDelivery;
  leaseUntil: number;
}

/**
 * Finds due deliveries in the store, leases them, and sends them with bounded concurrency: at most
 * DISPATCH_CONCURRENCY_PER_SUBSCRIPTION sends per subscription, so one slow endpoint occupies its own
 * slots and never the others', and DISPATCH_MAX_IN_FLIGHT in all.
 *
 * It leases a few times those slots ahead (CLAIM_AHEAD, more for a fast subscriber: SubscriptionPace)
 * and keeps the rows queued here: a slot freed by an answered POST takes the next leased delivery at
 * once, without waiting for a store round trip, and the attempt's record (AttemptRecorder) commits
 * together with the others' in the background. Every
 * row sent or waiting stays leased until its attempt is committed, so nothing is lost and no other
 * instance sends it meanwhile; a queued delivery whose lease would run out before its attempt could
 * time out is not sent (it becomes due for anyone once the lease ends). Woken by new events, by each
 * recorded attempt and by a timer for retries coming due.
 */
@Injectable()
export class DeliveryScheduler {
  private readonly logger = new Logger(DeliveryScheduler.name);
  /** Names this instance in lease columns; unique per start, so a restarted process owns nothing stale. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Set<Promise<void>>();
  /** Leased and not yet sent, per subscription. */
  private readonly queued = new Map<string, Leased[]>();
  /** POSTs under way, per subscription. */
  private readonly sending = new Map<string, number>();
  private sendingTotal = 0;
  /** Rows this instance holds a lease on: queued, being sent, or sent and being recorded. */
  private held = 0;
  /** The same, per subscription. */
  private readonly heldBy = new Map<string, number>();
  /**
   * Of those, rows answered and waiting only for their attempt's record (still leased until it
   * commits), per subscription: they no longer use up a subscription's share, or a record's few
   * milliseconds (a group commit, on PostgreSQL round trips) would keep its send slots waiting.
   */
  private readonly settlingBy = new Map<string, number>();
  private settling = 0;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private filling = false;
  private wokenWhileFilling = false;
  private readonly pace: SubscriptionPace;

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly executor: DeliveryExecutor,
    private readonly config: DispatcherConfig,
  ) {
    this.pace = new SubscriptionPace({
      slots: config.DISPATCH_CONCURRENCY_PER_SUBSCRIPTION,
      minAheadPerSlot: CLAIM_AHEAD,
      maxAheadPerSlot: LEASE_AHEAD_MAX,
      // A quarter of the time a leased row may still start its send (its lease minus the timeout).
      drainWithinMs: (config.DISPATCH_LEASE_MS - config.DISPATCH_TIMEOUT_MS) / 4,
    });
  }

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

  /**
   * Stops claiming and hands back what was leased but not sent; waits up to `graceMs` for
   * deliveries in flight (their leases cover the rest).
   */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const unsent = [...this.queued.values()].flat().map((l) => l.delivery.id);
    for (const queue of this.queued.values()) queue.forEach((l) => this.unhold(l.delivery));
    this.queued.clear();
    await this.store.deliveryAttempts.release(unsent, this.owner).catch((error: unknown) =>
      // Their leases run out instead; they are sent then.
      this.logger.warn({ msg: 'could not hand back leased deliveries', error: String(error) }),
    );
    const grace = new AbortController();
    await Promise.race([
      Promise.allSettled([...this.running]),
      // Aborted once the deliveries are done, so the timer does not hold the process open.
      sleep(graceMs, undefined, { signal: grace.signal }).catch(() => undefined),
    ]);
    grace.abort();
  }

  /**
   * For the intake: the lease it may give new deliveries as it writes them, up to what this instance
   * may still hold of each subscription (and in all), so they go straight to the send queues.
   */
  intakeLease(): IntakeLease | undefined {
    if (this.stopped) return undefined;
    return {
      owner: this.owner,
      until: new Date(Date.now() + this.config.DISPATCH_LEASE_MS),
      limit: this.freeInAll(),
      slotsFor: (subscriptionId) => this.pace.share(subscriptionId) - this.unsettled(subscriptionId),
    };
  }

  /** Deliveries the intake leased to this instance (intakeLease): queued and sent like claimed ones. */
  adopt(deliveries: readonly ClaimedDelivery[], leaseUntil: Date): void {
    if (deliveries.length === 0) return;
    if (this.stopped) {
      // Stopped while the intake wrote them: handed back, due again at once for any instance.
      void this.store.deliveryAttempts
        .release(
          deliveries.map((d) => d.id),
          this.owner,
        )
        .catch(() => undefined); // their leases run out instead
      return;
    }
    this.enqueueLeased(deliveries, leaseUntil.getTime());
    this.pump();
  }

  private enqueueLeased(deliveries: readonly ClaimedDelivery[], leaseUntil: number): void {
    for (const delivery of deliveries) {
      this.held += 1;
      this.heldBy.set(delivery.subscription_id, (this.heldBy.get(delivery.subscription_id) ?? 0) + 1);
      const queue = this.queued.get(delivery.subscription_id) ?? [];
      queue.push({ delivery, leaseUntil });
      this.queued.set(delivery.subscription_id, queue);
    }
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
    const perSubscription = (subscriptionId: string) => this.pace.share(subscriptionId);
    while (!this.stopped) {
      const free = this.freeInAll();
      if (free <= 0) return;
      const now = new Date();
      const leaseUntil = now.getTime() + this.config.DISPATCH_LEASE_MS;
      // The store counts leased rows against each subscription's share, this instance's included,
      // and leases what is due in one statement.
      const claimed = await this.store.deliveryAttempts.claimDue(
        now,
        perSubscription,
        free,
        this.owner,
        new Date(leaseUntil),
        this.settlingBy,
      );
      if (this.stopped) {
        await this.store.deliveryAttempts.release(
          claimed.map((d) => d.id),
          this.owner,
        );
        return;
      }
      this.enqueueLeased(claimed, leaseUntil);
      this.pump();
      // Fewer than asked for: everything due was taken (or lost to another instance, whose
      // finishing wakes nobody here; the poll timer looks again).
      if (claimed.length < free) return;
    }
  }

  /** Fills free send slots from the leased queues; no store access. */
  private pump(): void {
    const perSubscription = this.config.DISPATCH_CONCURRENCY_PER_SUBSCRIPTION;
    const late: string[] = [];
    for (const [subscriptionId, queue] of this.queued) {
      while (
        queue.length > 0 &&
        (this.sending.get(subscriptionId) ?? 0) < perSubscription &&
        this.sendingTotal < this.config.DISPATCH_MAX_IN_FLIGHT
      ) {
        const { delivery, leaseUntil } = queue.shift()!;
        if (Date.now() + this.config.DISPATCH_TIMEOUT_MS >= leaseUntil) {
          // Too late to send under this lease (a slow subscriber's queue): handed back below.
          this.unhold(delivery);
          late.push(delivery.id);
          continue;
        }
        this.launch(delivery);
      }
      if (queue.length === 0) this.queued.delete(subscriptionId);
    }
    if (late.length > 0) {
      // Due again at once for any instance (this one's next scan included); should that fail, once
      // the lease ends.
      void this.store.deliveryAttempts.release(late, this.owner).then(
        () => this.wake(),
        () => undefined,
      );
    }
  }

  /** Rows this instance may still lease in all. */
  private freeInAll(): number {
    return this.config.DISPATCH_MAX_IN_FLIGHT * LEASE_AHEAD_MAX - (this.held - this.settling);
  }

  /** The subscription's rows held here, queued or being sent (not those only being recorded). */
  private unsettled(subscriptionId: string): number {
    return (this.heldBy.get(subscriptionId) ?? 0) - (this.settlingBy.get(subscriptionId) ?? 0);
  }

  private countSettling(subscriptionId: string, delta: 1 | -1): void {
    this.settling += delta;
    const now = (this.settlingBy.get(subscriptionId) ?? 0) + delta;
    if (now > 0) this.settlingBy.set(subscriptionId, now);
    else this.settlingBy.delete(subscriptionId);
  }

  /**
   * A scan when this subscription's leased queue runs low, early enough that the scan's round trips
   * are over before it runs dry, and only once the scan can lease a batch (each scan is a few
   * statements whatever it finds). Retries coming due are found by the timer.
   */
  private scanIfLow(subscriptionId: string): void {
    const slots = this.config.DISPATCH_CONCURRENCY_PER_SUBSCRIPTION;
    const queued = this.queued.get(subscriptionId)?.length ?? 0;
    const share = this.pace.share(subscriptionId);
    const leasable = share - this.unsettled(subscriptionId);
    if (queued < share / 2 && (leasable >= slots * SCAN_BATCH || queued < slots)) {
      this.wake();
    }
  }

  private unhold(delivery: ClaimedDelivery): void {
    this.held -= 1;
    const left = (this.heldBy.get(delivery.subscription_id) ?? 1) - 1;
    if (left > 0) this.heldBy.set(delivery.subscription_id, left);
    else this.heldBy.delete(delivery.subscription_id);
  }

  private launch(delivery: ClaimedDelivery): void {
    const subscriptionId = delivery.subscription_id;
    this.sending.set(subscriptionId, (this.sending.get(subscriptionId) ?? 0) + 1);
    this.sendingTotal += 1;
    let slotFreed = false;
    let answered = false;
    const sentAt = performance.now();
    const freeSlot = () => {
      if (slotFreed) return;
      slotFreed = true;
      this.sending.set(subscriptionId, (this.sending.get(subscriptionId) ?? 1) - 1);
      this.sendingTotal -= 1;
      this.pump();
    };
    const onAnswer = () => {
      answered = true;
      this.pace.answered(subscriptionId, performance.now() - sentAt);
      this.countSettling(subscriptionId, 1);
      freeSlot();
      this.scanIfLow(subscriptionId);
    };
    const run: Promise<void> = this.executor
      // The slot is free once the subscriber answered; the row stays leased until its record commits.
      .execute(delivery, this.owner, onAnswer)
      .catch((error: unknown) =>
        // The lease expires and the delivery is tried again; nothing is lost.
        this.logger.error({
          msg: 'delivery failed unexpectedly',
          delivery: delivery.id,
          error: String(error),
        }),
      )
      .finally(() => {
        freeSlot();
        if (answered) this.countSettling(subscriptionId, -1);
        this.unhold(delivery);
        this.running.delete(run);
        this.scanIfLow(subscriptionId);
      });
    this.running.add(run);
  }
}
