import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely, UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { Database, SyncJobResourcesTable, SyncJobsTable } from '../db/schema';

export type SyncJobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type SyncResourceState = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

export const SYNC_JOB_STATES: readonly SyncJobState[] = [
  'queued',
  'running',
  'completed',
  'failed',
  'cancelled',
];
export const SYNC_RESOURCE_STATES: readonly SyncResourceState[] = [
  'pending',
  'running',
  'completed',
  'failed',
  'cancelled',
];

/** Where one resource of a job stands. `cursor` is the engine's cursor of the next page (null: the first). */
export interface SyncResourceProgress {
  resource: string;
  state: SyncResourceState;
  cursor: string | null;
  pages: number;
  records: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  errors: number;
  lastError: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface SyncJob {
  id: string;
  tenantId: string;
  connectionId: string;
  provider: string;
  state: SyncJobState;
  since: string | null;
  cancelRequested: boolean;
  /** Times a runner took the job: more than one means it was resumed after a runner stopped or died. */
  runs: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  resources: SyncResourceProgress[];
}

export interface NewSyncJob {
  tenantId: string;
  connectionId: string;
  provider: string;
  resources: readonly string[];
  since: string | null;
}

/** One page read and published: where it started, where the next one starts (null: it was the last). */
export interface SyncPageCommit {
  from: string | null;
  next: string | null;
  records: number;
}

const TERMINAL: readonly SyncJobState[] = ['completed', 'failed', 'cancelled'];

/**
 * Sync jobs and their leases. A runner takes a job (`claim`), renews the lease while it works and
 * commits each page only while it holds the lease and only from the cursor it read the page at, so a
 * runner that lost its lease (it stalled and another took over) cannot move the job. A runner that dies
 * leaves a lease that runs out; the next `claim` resumes from the last committed page.
 */
export class SyncJobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: NewSyncJob, now = new Date()): Promise<SyncJob> {
    const at = now.toISOString();
    const id = `syn_${randomUUID().replace(/-/g, '')}`;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sync_jobs')
        .values({
          id,
          tenant_id: input.tenantId,
          connection_id: input.connectionId,
          provider: input.provider,
          state: 'queued',
          since: input.since,
          cancel_requested: 0,
          runs: 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('sync_job_resources')
        .values(
          input.resources.map((resource, position) => ({
            job_id: id,
            resource,
            position,
            state: 'pending',
            pages: 0,
            records: 0,
            rate_limit_waits: 0,
            rate_limit_wait_ms: 0,
            errors: 0,
          })),
        )
        .execute();
    });
    return (await this.byId(id)) as SyncJob;
  }

  /** The tenant's job; another tenant's is undefined, like a missing one. */
  async get(tenantId: string, id: string): Promise<SyncJob | undefined> {
    const job = await this.byId(id);
    return job?.tenantId === tenantId ? job : undefined;
  }

  async byId(id: string): Promise<SyncJob | undefined> {
    const row = await this.db.selectFrom('sync_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const resources = await this.db
      .selectFrom('sync_job_resources')
      .selectAll()
      .where('job_id', '=', id)
      .orderBy('position')
      .execute();
    return toJob(row, resources);
  }

  /** The connection's jobs, newest first. */
  async listForConnection(tenantId: string, connectionId: string, limit = 100): Promise<SyncJob[]> {
    const rows = await this.db
      .selectFrom('sync_jobs')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('connection_id', '=', connectionId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    const jobs = await Promise.all(rows.map((r) => this.byId(r.id)));
    return jobs.filter((j): j is SyncJob => j !== undefined);
  }

  /**
   * A queued job is cancelled at once; a running one is asked to stop (its runner stops after the page
   * it is on and marks it cancelled); a finished one stays as it is. Undefined: no such job for the tenant.
   */
  async cancel(tenantId: string, id: string, now = new Date()): Promise<SyncJob | undefined> {
    const at = now.toISOString();
    const job = await this.get(tenantId, id);
    if (!job) return undefined;
    const cancelled = await this.db
      .updateTable('sync_jobs')
      .set({ state: 'cancelled', cancel_requested: 1, finished_at: at, updated_at: at })
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .executeTakeFirst();
    if (Number(cancelled.numUpdatedRows) === 1) {
      await this.db
        .updateTable('sync_job_resources')
        .set({ state: 'cancelled', finished_at: at })
        .where('job_id', '=', id)
        .where('state', 'in', ['pending', 'running'])
        .execute();
    } else {
      await this.db
        .updateTable('sync_jobs')
        .set({ cancel_requested: 1, updated_at: at })
        .where('id', '=', id)
        .where('state', '=', 'running')
        .execute();
    }
    return this.byId(id);
  }

  /**
   * Takes the lease of the oldest job that is queued, or running under a lease that ran out (its runner
   * died). Two runners racing for one row: the conditional update lets one win.
   */
  async claim(owner: string, leaseMs: number, now = new Date()): Promise<SyncJob | undefined> {
    const at = now.toISOString();
    const claimable = (eb: ExpressionBuilder<Database, 'sync_jobs'>) =>
      eb.and([
        eb('state', 'in', ['queued', 'running']),
        eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]),
      ]);
    const candidates = await this.db
      .selectFrom('sync_jobs')
      .select(['id', 'started_at'])
      .where(claimable)
      .orderBy('created_at')
      .limit(10)
      .execute();
    for (const row of candidates) {
      const claimed = await this.db
        .updateTable('sync_jobs')
        .set((eb) => ({
          state: 'running',
          lease_owner: owner,
          lease_until: new Date(now.getTime() + leaseMs).toISOString(),
          runs: eb('runs', '+', 1),
          started_at: row.started_at ?? at,
          updated_at: at,
        }))
        .where('id', '=', row.id)
        .where(claimable)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) return this.byId(row.id);
    }
    return undefined;
  }

  /** Extends a lease still held; false when it was lost (expired and taken over). */
  async renew(jobId: string, owner: string, leaseMs: number, now = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable('sync_jobs')
      .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString(), updated_at: now.toISOString() })
      .where('id', '=', jobId)
      .where('state', '=', 'running')
      .where('lease_owner', '=', owner)
      .where('lease_until', '>=', now.toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async cancelRequested(jobId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('sync_jobs')
      .select('cancel_requested')
      .where('id', '=', jobId)
      .executeTakeFirst();
    return row?.cancel_requested === 1;
  }

  /** Marks a pending resource running (the first page is about to be read). */
  async startResource(jobId: string, resource: string, owner: string, now = new Date()): Promise<boolean> {
    return this.updateHeld(jobId, resource, owner, now, (u) =>
      u.set({ state: 'running', started_at: now.toISOString() }).where('state', '=', 'pending'),
    );
  }

  /**
   * Moves the resource's cursor past a page whose events the broker acknowledged, counting it; the last
   * page (next null) completes the resource. False (nothing saved) when the lease was lost or the cursor
   * already moved: then the page is someone else's to commit.
   */
  async commitPage(
    jobId: string,
    resource: string,
    owner: string,
    page: SyncPageCommit,
    now = new Date(),
  ): Promise<boolean> {
    return this.updateHeld(jobId, resource, owner, now, (u) =>
      u
        .set((eb) => ({
          cursor: page.next,
          pages: eb('pages', '+', 1),
          records: eb('records', '+', page.records),
          ...(page.next === null ? { state: 'completed', finished_at: now.toISOString() } : {}),
        }))
        .where('state', '=', 'running')
        .where((eb) => (page.from === null ? eb('cursor', 'is', null) : eb('cursor', '=', page.from))),
    );
  }

  /** Counts a wait for the provider's rate limit (a 429 and its Retry-After). */
  async recordWait(jobId: string, resource: string, owner: string, waitedMs: number, now = new Date()) {
    return this.updateHeld(jobId, resource, owner, now, (u) =>
      u.set((eb) => ({
        rate_limit_waits: eb('rate_limit_waits', '+', 1),
        rate_limit_wait_ms: eb('rate_limit_wait_ms', '+', Math.round(waitedMs)),
      })),
    );
  }

  /** Counts a failed page read (it is tried again); `final` also fails the resource. */
  async recordError(
    jobId: string,
    resource: string,
    owner: string,
    message: string,
    final: boolean,
    now = new Date(),
  ): Promise<boolean> {
    return this.updateHeld(jobId, resource, owner, now, (u) =>
      u.set((eb) => ({
        errors: eb('errors', '+', 1),
        last_error: message,
        ...(final ? { state: 'failed', finished_at: now.toISOString() } : {}),
      })),
    );
  }

  /** Ends the job: its resources not yet finished take `state` too (a cancel or a failure stops them). */
  async finish(
    jobId: string,
    owner: string,
    state: Exclude<SyncJobState, 'queued' | 'running'>,
    error: string | null,
    now = new Date(),
  ): Promise<boolean> {
    const at = now.toISOString();
    const result = await this.db
      .updateTable('sync_jobs')
      .set({ state, error, finished_at: at, updated_at: at, lease_owner: null, lease_until: null })
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await this.db
      .updateTable('sync_job_resources')
      .set({ state: state === 'completed' ? 'completed' : state, finished_at: at })
      .where('job_id', '=', jobId)
      .where('state', 'in', ['pending', 'running'])
      .execute();
    return true;
  }

  /** Gives the lease back without finishing (the runner is shutting down): another runner resumes it. */
  async release(jobId: string, owner: string, now = new Date()): Promise<void> {
    await this.db
      .updateTable('sync_jobs')
      .set({ lease_owner: null, lease_until: null, updated_at: now.toISOString() })
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .execute();
  }

  private async updateHeld(
    jobId: string,
    resource: string,
    owner: string,
    now: Date,
    refine: (update: ResourceUpdate) => ResourceUpdate,
  ): Promise<boolean> {
    const at = now.toISOString();
    const update = this.db
      .updateTable('sync_job_resources')
      .where('job_id', '=', jobId)
      .where('resource', '=', resource)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('sync_jobs')
            .select('id')
            .where('id', '=', jobId)
            .where('lease_owner', '=', owner)
            .where('lease_until', '>=', at),
        ),
      );
    const result = await refine(update).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

type ResourceUpdate = UpdateQueryBuilder<Database, 'sync_job_resources', 'sync_job_resources', UpdateResult>;

function toJob(row: SyncJobsTable, resources: SyncJobResourcesTable[]): SyncJob {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    connectionId: row.connection_id,
    provider: row.provider,
    state: row.state as SyncJobState,
    since: row.since,
    cancelRequested: row.cancel_requested === 1,
    runs: row.runs,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    resources: resources.map((r) => ({
      resource: r.resource,
      state: r.state as SyncResourceState,
      cursor: r.cursor,
      pages: r.pages,
      records: r.records,
      rateLimitWaits: r.rate_limit_waits,
      rateLimitWaitMs: r.rate_limit_wait_ms,
      errors: r.errors,
      lastError: r.last_error,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    })),
  };
}

export function isTerminal(state: SyncJobState): boolean {
  return TERMINAL.includes(state);
}
