import { topicForResource } from '@app/bus';
import type { SyncJob } from '@app/store';
import { entityNameOf, isUnifiedResourceName } from '@app/unified-models';

/** A job as the API shows it: progress per resource, never the provider's page cursor. */
export function syncView(job: SyncJob) {
  const resources = job.resources.map((r) => ({
    resource: r.resource,
    topic: topicForResource(r.resource) ?? null,
    event_type: isUnifiedResourceName(r.resource) ? `ticketing.${entityNameOf(r.resource)}.synced` : null,
    state: r.state,
    pages: r.pages,
    records: r.records,
    rate_limit_waits: r.rateLimitWaits,
    rate_limit_wait_ms: r.rateLimitWaitMs,
    errors: r.errors,
    last_error: r.lastError,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
  }));
  const sum = (field: 'pages' | 'records' | 'rate_limit_waits') =>
    resources.reduce((total, r) => total + r[field], 0);
  return {
    id: job.id,
    connection_id: job.connectionId,
    provider: job.provider,
    state: job.state,
    since: job.since,
    cancel_requested: job.cancelRequested,
    runs: job.runs,
    error: job.error,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
    started_at: job.startedAt,
    finished_at: job.finishedAt,
    totals: { pages: sum('pages'), records: sum('records'), rate_limit_waits: sum('rate_limit_waits') },
    resources,
  };
}

export type SyncView = ReturnType<typeof syncView>;
