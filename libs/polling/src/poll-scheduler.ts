import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { ProviderRateLimitError, type ProviderRegistry } from '@app/providers';
import type { PollState, PollTaskKey, Store } from '@app/store';
import { LeaseLostError, PollCycle, type CycleOutcome } from './poll-cycle';
import { intervalSeconds, type PollSettings } from './poll-settings';
import { BudgetSpentError } from './rate-budget';

export interface PollSchedulerOptions {
  /** Cycles run at once by this poller (each on its own connection × resource). */
  concurrency: number;
  /** How long an idle worker waits before looking for due tasks again. */
  idleMs: number;
  /** How often the task list is brought up to date with the connections. */
  refreshMs: number;
  /** Only these unified resources are polled; all pollable ones when absent. */
  resources?: readonly string[];
}

/** What a finished cycle reports (for logs, tests and the bench). */
export interface CycleReport extends PollTaskKey, CycleOutcome {
  owner: string;
  startedAt: string;
  finishedAt: string;
  error?: string;
}

/**
 * Runs poll cycles: keeps a task per connection × pollable resource in the store, takes due ones under
 * a lease (so several pollers share the work, one per task at a time), runs them and schedules the next.
 */
export class PollScheduler {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('Poller');
  private running = false;
  private workers: Promise<void>[] = [];
  private refreshedAt = 0;
  private readonly listeners: ((report: CycleReport) => void)[] = [];

  constructor(
    private readonly store: Pick<Store, 'pollStates' | 'publishedVersions' | 'connections'>,
    private readonly registry: ProviderRegistry,
    private readonly cycle: PollCycle,
    private readonly settings: PollSettings,
    private readonly options: PollSchedulerOptions,
  ) {}

  onCycle(listener: (report: CycleReport) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.workers = Array.from({ length: this.options.concurrency }, () => this.work());
    this.logger.log({ msg: 'poller started', owner: this.owner, concurrency: this.options.concurrency });
  }

  /** Lets running cycles finish (their leases are released) and stops. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  /** Adds the tasks of connections made since the last refresh (their first cycle is due at once). */
  async refreshTasks(): Promise<void> {
    const tasks: PollTaskKey[] = [];
    for (const connection of await this.store.pollStates.connections()) {
      if (!this.registry.has(connection.provider)) continue;
      for (const [resource, definition] of Object.entries(this.registry.get(connection.provider).resources))
        if (PollCycle.pollable(definition.poll, resource) && this.wanted(resource))
          tasks.push({ connectionId: connection.id, resource });
    }
    await this.store.pollStates.ensure(tasks);
    this.refreshedAt = Date.now();
  }

  private wanted(resource: string): boolean {
    return !this.options.resources || this.options.resources.includes(resource);
  }

  /** Takes and runs one due task; false when none was due. */
  async runOnce(): Promise<boolean> {
    if (Date.now() - this.refreshedAt >= this.options.refreshMs) await this.refreshTasks();
    const state = await this.store.pollStates.claimDue(
      this.owner,
      this.settings.leaseSeconds * 1000,
      new Date(),
      this.options.resources,
    );
    if (!state) return false;
    await this.runClaimed(state);
    return true;
  }

  private async work(): Promise<void> {
    while (this.running) {
      let ran = false;
      try {
        ran = await this.runOnce();
      } catch (error) {
        this.logger.error({ msg: 'poll scheduling failed', error: messageOf(error) });
      }
      if (!ran && this.running) await sleep(this.options.idleMs);
    }
  }

  private async runClaimed(state: PollState): Promise<void> {
    const report: CycleReport = {
      connectionId: state.connectionId,
      resource: state.resource,
      owner: this.owner,
      published: 0,
      listed: 0,
      startedAt: new Date().toISOString(),
      finishedAt: '',
    };
    const interval = intervalSeconds(this.settings, state.resource, state.intervalSeconds) * 1000;
    let dueAt = new Date(Date.now() + interval);
    try {
      const connection = await this.store.connections.findById(state.connectionId);
      if (connection) Object.assign(report, await this.cycle.run(state, connection, this.owner));
      // A reconciliation falling due before the next poll moves the task up to it.
      if (report.reconcileDueAt && Date.parse(report.reconcileDueAt) < dueAt.getTime())
        dueAt = new Date(Math.max(Date.now(), Date.parse(report.reconcileDueAt)));
    } catch (error) {
      report.error = messageOf(error);
      if (error instanceof ProviderRateLimitError)
        dueAt = new Date(Date.now() + error.retryAfterSeconds * 1000);
      else if (error instanceof BudgetSpentError) dueAt = error.until;
      if (error instanceof LeaseLostError) {
        this.logger.warn({
          msg: 'poll lease lost',
          connection_id: state.connectionId,
          resource: state.resource,
        });
        this.emit(report);
        return; // the task belongs to another poller now
      }
      this.logger.warn({
        msg: 'poll cycle failed',
        connection_id: state.connectionId,
        resource: state.resource,
        error: report.error,
      });
    }
    // Stamped before the lease is given back: no other poller's cycle of this task can start earlier.
    report.finishedAt = new Date().toISOString();
    await this.store.pollStates.release(state, this.owner, { dueAt, error: report.error ?? null });
    this.emit(report);
  }

  private emit(report: CycleReport): void {
    report.finishedAt ||= new Date().toISOString();
    for (const listener of this.listeners) listener(report);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
