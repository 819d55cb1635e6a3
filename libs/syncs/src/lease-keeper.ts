/**
 * Renews a lease on a timer while work goes on. Once a renewal says the lease is gone (it ran out and
 * another runner took the job), `lost` stays true and the work stops at its next check. A renewal that
 * fails outright (the store did not answer) is tried again at the next tick: the lease may still hold.
 */
export class LeaseKeeper {
  private isLost = false;
  private readonly timer: NodeJS.Timeout;

  constructor(renew: () => Promise<boolean>, everyMs: number) {
    this.timer = setInterval(() => {
      renew().then(
        (held) => {
          if (!held) this.isLost = true;
        },
        () => undefined,
      );
    }, everyMs);
    this.timer.unref();
  }

  get lost(): boolean {
    return this.isLost;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
