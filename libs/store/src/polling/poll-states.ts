import type { Kysely } from 'kysely';
import type { Database, PollStatesTable } from '../db/schema';

/** One connection × resource the poller watches. */
export interface PollTaskKey {
  connectionId: string;
  resource: string;
}

export interface PollState extends PollTaskKey {
  /** The provider's updated_at of the newest change published (ISO 8601), null before the first cycle. */
  watermark: string | null;
  /** True once the first full listing recorded every record's hash (nothing is published for it). */
  baselineDone: boolean;
  nextDueAt: string;
  reconciledAt: string | null;
  /** Per connection × resource interval override, seconds; null: the configured default. */
  intervalSeconds: number | null;
  lastError: string | null;
}

/** Progress a cycle saves while it holds the lease (each field only when given). */
export interface PollCheckpoint {
  watermark?: string;
  baselineDone?: boolean;
  reconciledAt?: string;
}

/**
 * Poll tasks and their leases: each connection × resource is held by one poller at a time; a lease that
 * is not renewed (the poller died) expires and another poller takes the task over from its last
 * checkpoint.
 */
export class PollStateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Connections that can be polled: every connection not waiting for re-authorisation. */
  async connections(): Promise<{ id: string; provider: string }[]> {
    return this.db
      .selectFrom('connections')
      .select(['id', 'provider'])
      .where((eb) => eb.or([eb('auth_status', 'is', null), eb('auth_status', '!=', 'needs_reauth')]))
      .execute();
  }

  /** Adds the tasks not yet known (due at once); existing ones keep their state. */
  async ensure(tasks: readonly PollTaskKey[], now = new Date()): Promise<void> {
    if (tasks.length === 0) return;
    const at = now.toISOString();
    for (let start = 0; start < tasks.length; start += 200) {
      await this.db
        .insertInto('poll_states')
        .values(
          tasks.slice(start, start + 200).map((t) => ({
            connection_id: t.connectionId,
            resource: t.resource,
            baseline_done: 0,
            next_due_at: at,
            updated_at: at,
          })),
        )
        .onConflict((conflict) => conflict.columns(['connection_id', 'resource']).doNothing())
        .execute();
    }
  }

  /**
   * Takes the lease of one due task nobody holds (or whose holder's lease ran out), oldest due first.
   * Two pollers racing for the same row: the conditional update lets one of them win.
   */
  async claimDue(
    owner: string,
    leaseMs: number,
    now = new Date(),
    /** Only tasks of these resources (a poller limited to some); all when absent. */
    resources?: readonly string[],
  ): Promise<PollState | undefined> {
    const at = now.toISOString();
    let query = this.db
      .selectFrom('poll_states')
      .selectAll()
      .where('next_due_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]));
    if (resources) query = query.where('resource', 'in', [...resources]);
    const candidates = await query.orderBy('next_due_at').limit(10).execute();
    for (const row of candidates) {
      const claimed = await this.db
        .updateTable('poll_states')
        .set({ lease_owner: owner, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('connection_id', '=', row.connection_id)
        .where('resource', '=', row.resource)
        .where('next_due_at', '<=', at)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) return toState(row);
    }
    return undefined;
  }

  /** Extends a lease still held; false when it was lost (expired and taken over). */
  async renew(key: PollTaskKey, owner: string, leaseMs: number, now = new Date()): Promise<boolean> {
    const result = await this.held(key, owner, now)
      .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Saves progress under the lease; false (nothing saved) when the lease was lost. */
  async checkpoint(
    key: PollTaskKey,
    owner: string,
    progress: PollCheckpoint,
    now = new Date(),
  ): Promise<boolean> {
    const set: Partial<PollStatesTable> = { updated_at: now.toISOString() };
    if (progress.watermark !== undefined) set.watermark = progress.watermark;
    if (progress.baselineDone !== undefined) set.baseline_done = progress.baselineDone ? 1 : 0;
    if (progress.reconciledAt !== undefined) set.reconciled_at = progress.reconciledAt;
    const result = await this.held(key, owner, now).set(set).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives the lease back and schedules the next cycle. */
  async release(
    key: PollTaskKey,
    owner: string,
    next: { dueAt: Date; error?: string | null },
    now = new Date(),
  ): Promise<void> {
    await this.db
      .updateTable('poll_states')
      .set({
        lease_owner: null,
        lease_until: null,
        next_due_at: next.dueAt.toISOString(),
        last_error: next.error ?? null,
        updated_at: now.toISOString(),
      })
      .where('connection_id', '=', key.connectionId)
      .where('resource', '=', key.resource)
      .where('lease_owner', '=', owner)
      .execute();
  }

  async get(key: PollTaskKey): Promise<PollState | undefined> {
    const row = await this.db
      .selectFrom('poll_states')
      .selectAll()
      .where('connection_id', '=', key.connectionId)
      .where('resource', '=', key.resource)
      .executeTakeFirst();
    return row && toState(row);
  }

  /** Sets (or with null clears) one connection × resource's own interval, and makes it due by then. */
  async setInterval(key: PollTaskKey, seconds: number | null): Promise<void> {
    await this.db
      .updateTable('poll_states')
      .set({ interval_seconds: seconds })
      .where('connection_id', '=', key.connectionId)
      .where('resource', '=', key.resource)
      .execute();
  }

  private held(key: PollTaskKey, owner: string, now: Date) {
    return this.db
      .updateTable('poll_states')
      .where('connection_id', '=', key.connectionId)
      .where('resource', '=', key.resource)
      .where('lease_owner', '=', owner)
      .where('lease_until', '>=', now.toISOString());
  }
}

function toState(row: PollStatesTable): PollState {
  return {
    connectionId: row.connection_id,
    resource: row.resource,
    watermark: row.watermark,
    baselineDone: row.baseline_done === 1,
    nextDueAt: row.next_due_at,
    reconciledAt: row.reconciled_at,
    intervalSeconds: row.interval_seconds,
    lastError: row.last_error,
  };
}
