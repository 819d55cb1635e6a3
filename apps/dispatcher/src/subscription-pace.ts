/** Weight of the newest answer in a subscription's running answer time. */
const SMOOTHING = 0.2;
/** Subscriptions remembered; the least recently answered is forgotten beyond this. */
const REMEMBERED = 10_000;

export interface PaceSettings {
  /** Sends at once per subscription (DISPATCH_CONCURRENCY_PER_SUBSCRIPTION). */
  slots: number;
  /** Rows held per slot for a subscription not yet heard from, or a slow one. */
  minAheadPerSlot: number;
  /** Rows held per slot at most, however fast the subscription answers. */
  maxAheadPerSlot: number;
  /**
   * The time a subscription's held rows should take to send, at its pace. Well inside the time a
   * leased row may still start (lease minus timeout), so a held row is sent before its lease ends.
   */
  drainWithinMs: number;
}

/**
 * How many rows of a subscription an instance may hold leased (queued or being sent), from how fast it
 * answers. Holding a run's new deliveries as they are written saves each one a claim (a scan, an
 * UPDATE, a joined read, its body opened again); a fast subscriber can hold a whole run, while a slow
 * one holds no more than the minimum, so its rows are not kept from other instances for long.
 */
export class SubscriptionPace {
  /** Running answer time, ms, per subscription (Map order: least recently answered first). */
  private readonly answerMs = new Map<string, number>();

  constructor(private readonly settings: PaceSettings) {}

  /** A POST to the subscription was answered (any status) or timed out after `ms`. */
  answered(subscriptionId: string, ms: number): void {
    const previous = this.answerMs.get(subscriptionId);
    this.answerMs.delete(subscriptionId);
    this.answerMs.set(subscriptionId, previous === undefined ? ms : previous + SMOOTHING * (ms - previous));
    if (this.answerMs.size > REMEMBERED) this.answerMs.delete(this.answerMs.keys().next().value!);
  }

  /** Rows of the subscription an instance may hold leased. */
  share(subscriptionId: string): number {
    const { slots, minAheadPerSlot, maxAheadPerSlot, drainWithinMs } = this.settings;
    const floor = slots * minAheadPerSlot;
    const ms = this.answerMs.get(subscriptionId);
    if (ms === undefined) return floor;
    // `slots` sends at once, each taking `ms`: what they get through within the drain time.
    const drainable = Math.floor((slots * drainWithinMs) / Math.max(ms, 1));
    return Math.min(slots * maxAheadPerSlot, Math.max(floor, drainable));
  }
}
