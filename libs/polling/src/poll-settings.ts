/** How often and how hard the poller works (docs/polling.md); built from the poller's configuration. */
export interface PollSettings {
  /** Seconds between cycles per unified resource; `default` for resources not named. */
  intervals: Readonly<Record<string, number>>;
  /** Seconds between id reconciliations (deletions) of a resource listed by update time. */
  reconcileSeconds: number;
  /** Seconds subtracted from the watermark: providers' clocks and coarse filters (Jira: minutes). */
  overlapSeconds: number;
  /** A poller that stops renewing its lease for this long loses the task to another poller. */
  leaseSeconds: number;
  /** Share (0–1] of the provider's rate limit the poller may spend per connection. */
  rateLimitShare: number;
  /** The limit assumed per hour where the provider's answers name none. */
  fallbackLimitPerHour: number;
  /** Records per list call. */
  pageSize: number;
  /**
   * On connections that receive webhooks, records changed this recently are left to the next cycle, so
   * the webhook's event is published (and recorded) first and the poll finds nothing new. Must stay
   * below `overlapSeconds`, or the next listing would not reach them again.
   */
  webhookGraceSeconds: number;
}

export const DEFAULT_INTERVALS: Readonly<Record<string, number>> = {
  tickets: 60,
  comments: 60,
  default: 900,
};

export const DEFAULT_POLL_SETTINGS: PollSettings = {
  intervals: DEFAULT_INTERVALS,
  reconcileSeconds: 3600,
  overlapSeconds: 120,
  leaseSeconds: 60,
  rateLimitShare: 0.2,
  fallbackLimitPerHour: 3600,
  pageSize: 100,
  webhookGraceSeconds: 30,
};

/**
 * Reads `tickets=60,comments=60,default=900` (resource=seconds, comma-separated) over the defaults;
 * throws naming the bad entry.
 */
export function parseIntervals(text: string | undefined): Record<string, number> {
  const intervals: Record<string, number> = { ...DEFAULT_INTERVALS };
  for (const entry of (text ?? '').split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const match = /^([a-z_]+)=(\d+)$/.exec(entry);
    if (!match || Number(match[2]) < 1)
      throw new Error(`"${entry}" is not resource=seconds (seconds a whole number ≥ 1)`);
    intervals[match[1]] = Number(match[2]);
  }
  return intervals;
}

/** The interval of one connection × resource: its own override, else the resource's, else the default. */
export function intervalSeconds(settings: PollSettings, resource: string, override: number | null): number {
  return override ?? settings.intervals[resource] ?? settings.intervals.default ?? DEFAULT_INTERVALS.default;
}
