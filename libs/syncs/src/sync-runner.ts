import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { ReliableProducer } from '@app/bus';
import {
  ProviderError,
  ProviderRateLimitError,
  type ProviderClient,
  type ProviderDefinition,
  type ProviderRegistry,
} from '@app/providers';
import {
  callContextOf,
  type Connection,
  type SyncJob,
  type SyncJobRepository,
  type SyncResourceProgress,
} from '@app/store';
import { LeaseKeeper } from './lease-keeper';
import { resourcePages } from './resource-pages';
import { syncedMessages } from './synced-events';

export interface SyncRunnerOptions {
  /** Names this runner in leases; default host, pid and a random suffix. */
  owner?: string;
  /** A job's lease: renewed every third of it; a dead runner's job is resumed once it runs out. */
  leaseMs?: number;
  /** Between looks for a job when there was none. */
  idleMs?: number;
  /** Records asked per provider page (the provider's own maximum caps it). */
  pageSize?: number;
  /** Failed reads or publishes of one page before its resource fails (rate-limit waits do not count). */
  maxPageAttempts?: number;
  /** First wait after a failed page; doubles each time. */
  retryDelayMs?: number;
  /** Upper bound of one rate-limit wait, whatever Retry-After says. */
  maxRateLimitWaitMs?: number;
}

export interface SyncRunnerDeps {
  jobs: SyncJobRepository;
  connections: { findById(id: string): Promise<Connection | undefined> };
  client: ProviderClient;
  registry: ProviderRegistry;
  producer: ReliableProducer;
}

type ResourceOutcome = { kind: 'completed' | 'stopped' | 'cancelled' } | { kind: 'failed'; message: string };

/**
 * Works snapshot jobs: takes one under a lease, pages through each of its resources from the cursor
 * the store holds, publishes every page's records as `synced` events and moves the cursor only once the
 * broker acknowledged them. A crash between the acknowledgement and the commit makes the next runner
 * read and publish that page again, with the same event ids (consumers deduplicate on `id`); no page is
 * skipped. Provider 429s are waited out (Retry-After) and counted on the resource.
 */
export class SyncRunner {
  readonly owner: string;
  private readonly options: Required<Omit<SyncRunnerOptions, 'owner'>>;
  private readonly logger = new Logger('SyncRunner');
  private readonly stopped = new AbortController();
  private loop?: Promise<void>;

  constructor(
    private readonly deps: SyncRunnerDeps,
    options: SyncRunnerOptions = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.options = {
      leaseMs: options.leaseMs ?? 30_000,
      idleMs: options.idleMs ?? 1_000,
      pageSize: options.pageSize ?? 100,
      maxPageAttempts: options.maxPageAttempts ?? 5,
      retryDelayMs: options.retryDelayMs ?? 500,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 300_000,
    };
  }

  /** Starts looking for jobs in the background. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after the page in hand; a job left unfinished is released for any runner to resume. */
  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  /** Takes one job and works it until it ends, the runner stops or the lease is lost; false: no job. */
  async runOnce(): Promise<boolean> {
    const job = await this.deps.jobs.claim(this.owner, this.options.leaseMs);
    if (!job) return false;
    const lease = new LeaseKeeper(
      () => this.deps.jobs.renew(job.id, this.owner, this.options.leaseMs),
      this.options.leaseMs / 3,
    );
    try {
      await this.work(job, lease);
    } finally {
      lease.stop();
    }
    return true;
  }

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.logger.error({ msg: 'sync runner failed', owner: this.owner, error: messageOf(error) });
      }
      if (!worked) await this.pause(this.options.idleMs);
    }
  }

  private async work(job: SyncJob, lease: LeaseKeeper): Promise<void> {
    this.logger.log({
      msg: 'sync job taken',
      job_id: job.id,
      connection_id: job.connectionId,
      runs: job.runs,
    });
    const connection = await this.deps.connections.findById(job.connectionId);
    if (!connection) {
      await this.deps.jobs.finish(job.id, this.owner, 'failed', 'the connection no longer exists');
      return;
    }
    if (!this.deps.registry.has(job.provider)) {
      await this.deps.jobs.finish(
        job.id,
        this.owner,
        'failed',
        `no provider definition named ${job.provider}`,
      );
      return;
    }
    const definition = this.deps.registry.get(job.provider);
    const failures: string[] = [];
    for (const progress of job.resources) {
      if (progress.state === 'failed')
        failures.push(`${progress.resource}: ${progress.lastError ?? 'failed'}`);
      if (progress.state !== 'pending' && progress.state !== 'running') continue;
      const outcome = await this.readResource(job, connection, definition, progress, lease);
      if (outcome.kind === 'stopped') {
        if (!lease.lost) await this.deps.jobs.release(job.id, this.owner);
        this.logger.log({ msg: 'sync job left for another run', job_id: job.id, lease_lost: lease.lost });
        return;
      }
      if (outcome.kind === 'cancelled') {
        await this.deps.jobs.finish(job.id, this.owner, 'cancelled', null);
        this.logger.log({ msg: 'sync job cancelled', job_id: job.id });
        return;
      }
      if (outcome.kind === 'failed') failures.push(`${progress.resource}: ${outcome.message}`);
    }
    const state = failures.length > 0 ? 'failed' : 'completed';
    await this.deps.jobs.finish(job.id, this.owner, state, failures.length > 0 ? failures.join('; ') : null);
    this.logger.log({ msg: `sync job ${state}`, job_id: job.id });
  }

  private async readResource(
    job: SyncJob,
    connection: Connection,
    definition: ProviderDefinition,
    progress: SyncResourceProgress,
    lease: LeaseKeeper,
  ): Promise<ResourceOutcome> {
    const { jobs, client, producer } = this.deps;
    const resource = progress.resource;
    if (progress.state === 'pending') await jobs.startResource(job.id, resource, this.owner);
    const readPage = resourcePages({
      client,
      connection: callContextOf(connection),
      definition,
      resource,
      since: job.since,
      pageSize: this.options.pageSize,
    });
    let cursor = progress.cursor;
    let attempts = 0;
    for (;;) {
      if (this.stopped.signal.aborted || lease.lost) return { kind: 'stopped' };
      if (await jobs.cancelRequested(job.id)) return { kind: 'cancelled' };
      try {
        const page = await readPage(cursor);
        const { topic, messages } = syncedMessages(
          { jobId: job.id, tenantId: job.tenantId, connectionId: job.connectionId, provider: job.provider },
          resource,
          page.records,
          new Date(),
        );
        await producer.publish(topic, messages);
        const next = page.next;
        const committed = await jobs.commitPage(job.id, resource, this.owner, {
          from: cursor,
          next,
          records: messages.length,
        });
        // Not committed: the lease was lost and the page belongs to whoever holds the job now.
        if (!committed) return { kind: 'stopped' };
        if (next === null) return { kind: 'completed' };
        cursor = next;
        attempts = 0;
      } catch (error) {
        if (error instanceof ProviderRateLimitError) {
          const waitMs = Math.min(error.retryAfterSeconds * 1000, this.options.maxRateLimitWaitMs);
          await jobs.recordWait(job.id, resource, this.owner, waitMs);
          await this.pause(waitMs);
          continue;
        }
        attempts += 1;
        const final = attempts >= this.options.maxPageAttempts || !retryable(error);
        const message = messageOf(error);
        await jobs.recordError(job.id, resource, this.owner, message, final);
        this.logger.warn({
          msg: 'sync page failed',
          job_id: job.id,
          resource,
          attempts,
          final,
          error: message,
        });
        if (final) return { kind: 'failed', message };
        await this.pause(this.options.retryDelayMs * 2 ** (attempts - 1));
      }
    }
  }

  /** Waits, cut short when the runner stops. */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopped.signal }).catch(() => undefined);
  }
}

/** The provider refusing the request (credentials, a missing resource, bad input) will not change by retrying. */
function retryable(error: unknown): boolean {
  return !(error instanceof ProviderError) || error.status >= 500;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
