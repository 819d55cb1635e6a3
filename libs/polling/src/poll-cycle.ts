import { topicForResource, type ReliableProducer } from '@app/bus';
import type {
  MethodDefinition,
  PollDefinition,
  ProviderClient,
  ProviderRegistry,
  UnifiedRecord,
} from '@app/providers';
import { callContextOf, type Connection, type KnownVersion, type PollState, type Store } from '@app/store';
import { isUnifiedResourceName } from '@app/unified-models';
import {
  advancedWatermark,
  changedAtOf,
  changedRecords,
  deletedRecords,
  updatedFrom,
  type ListedRecord,
} from './change-diff';
import { ChangeHasher } from './change-hash';
import { readDeletedIds } from './deleted-list';
import { polledEventMessage, type PolledChange, type PollSource } from './polled-events';
import type { PollSettings } from './poll-settings';
import type { BudgetedTransport } from './rate-budget';

/** Another poller holds the task now (this one stopped renewing in time): its work is abandoned. */
export class LeaseLostError extends Error {
  constructor(source: PollSource) {
    super(`lease of ${source.connectionId} × ${source.resource} lost`);
    this.name = 'LeaseLostError';
  }
}

export interface CycleOutcome {
  /** Change events published (acknowledged by the broker). */
  published: number;
  /** Records listed. */
  listed: number;
  /**
   * When the next whole listing that finds deletions is due (ISO 8601), for resources reconciled that
   * way: the scheduler dues the task no later, so a deletion is found within one reconcile interval.
   */
  reconcileDueAt?: string;
}

export interface PollCycleDeps {
  client: ProviderClient;
  registry: ProviderRegistry;
  store: Pick<Store, 'pollStates' | 'publishedVersions'>;
  producer: Pick<ReliableProducer, 'publishAll'>;
  transport: BudgetedTransport;
  settings: PollSettings;
  now?: () => Date;
}

type Query = Record<string, unknown>;

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * One poll of one connection × resource under its lease: lists what changed, publishes only records
 * whose content hash differs from the last publication, finds deletions in whole listings, and saves the
 * watermark only after everything it covers was published and recorded — so a poller killed at any
 * point leaves the next one to start from the last saved watermark and miss nothing.
 */
export class PollCycle {
  private readonly now: () => Date;
  private readonly hasher: ChangeHasher;

  constructor(private readonly deps: PollCycleDeps) {
    this.now = deps.now ?? (() => new Date());
    this.hasher = new ChangeHasher(deps.registry, deps.client.expressions);
  }

  /** Whether the resource of this provider is polled (a poll block and a topic for its events). */
  static pollable(poll: PollDefinition | undefined, resource: string): poll is PollDefinition {
    return poll !== undefined && isUnifiedResourceName(resource) && topicForResource(resource) !== undefined;
  }

  async run(state: PollState, connection: Connection, owner: string): Promise<CycleOutcome> {
    const definition = this.deps.registry.get(connection.provider);
    const poll = definition.resources[state.resource]?.poll;
    const outcome: CycleOutcome = { published: 0, listed: 0 };
    if (!PollCycle.pollable(poll, state.resource)) return outcome;
    const run = new CycleRun(this.deps, this.now, this.hasher, state, connection, owner, poll, outcome);
    await this.deps.transport.within({ connectionId: connection.id, rateLimit: definition.rateLimit }, () =>
      run.execute(),
    );
    return outcome;
  }
}

class CycleRun {
  private readonly source: PollSource;
  private readonly startedAt: Date;
  private readonly context;
  /** Each listed record's content hash as change detection compares it (ChangeHasher). */
  private readonly hashes = new WeakMap<ListedRecord, string>();

  constructor(
    private readonly deps: PollCycleDeps,
    private readonly now: () => Date,
    private readonly hasher: ChangeHasher,
    private readonly state: PollState,
    private readonly connection: Connection,
    private readonly owner: string,
    private readonly poll: PollDefinition,
    private readonly outcome: CycleOutcome,
  ) {
    this.source = {
      tenantId: connection.tenantId,
      connectionId: connection.id,
      provider: connection.provider,
      resource: state.resource as PollSource['resource'],
    };
    this.startedAt = now();
    this.context = callContextOf(connection);
  }

  async execute(): Promise<void> {
    const baseline = !this.state.baselineDone;
    const reconcile =
      !baseline &&
      (this.state.reconciledAt === null ||
        this.startedAt.getTime() - Date.parse(this.state.reconciledAt) >=
          this.deps.settings.reconcileSeconds * 1000);
    // Per-parent records are reconciled under each changed parent only: a whole pass would list every
    // parent's records (one call per ticket), and deleting or redacting a comment changes its ticket.
    if (this.poll.parent) return this.perParent(baseline);
    if (!baseline && this.poll.deletedList) await this.listedDeletions();
    if (baseline || reconcile || this.poll.changes === 'full') await this.whole(baseline);
    else await this.since();
    if (this.poll.changes !== 'full' && this.poll.deletions === 'reconcile') {
      const last = baseline || reconcile ? this.startedAt.getTime() : Date.parse(this.state.reconciledAt!);
      this.outcome.reconcileDueAt = new Date(last + this.deps.settings.reconcileSeconds * 1000).toISOString();
    }
  }

  /** The provider's list of deleted records: those it names that were published are deleted now. */
  private async listedDeletions(): Promise<void> {
    const resource = this.state.resource;
    const listingStartedAt = this.now();
    const ids = await readDeletedIds(this.deps.client, this.context, this.poll.deletedList!, resource);
    if (ids.length === 0) return;
    const known = await this.deps.store.publishedVersions.find(this.connection.id, resource, ids);
    await this.publish(deletedRecords([...known.values()], new Set(), listingStartedAt), null);
    await this.renew();
  }

  /** Lists every record: the first time to learn their hashes (nothing published), later to diff and find deletions. */
  private async whole(baseline: boolean): Promise<void> {
    const resource = this.state.resource;
    const knownList = await this.deps.store.publishedVersions.list(this.connection.id, resource);
    const known = new Map(knownList.map((k) => [k.remoteId, k]));
    const listed = new Set<string>();
    let watermark = this.state.watermark;
    // A resource polled by update time is listed through the same filtered call here (from the epoch),
    // so every listing has one shape: Zendesk's filtered list is a search export without its users.
    // A poll block with its own list request (HubSpot's search, capped) lists whole with the resource's.
    const query =
      this.poll.changes === 'updated_at' && !this.poll.list
        ? this.updatedSince(resource, EPOCH, this.poll)
        : {};
    await this.pages(resource, query, async (records) => {
      await this.settle(baseline, records, known, null);
      for (const r of records) listed.add(r.id);
      watermark = advancedWatermark(watermark, records);
    });
    if (!baseline && this.poll.deletions === 'reconcile')
      await this.publish(deletedRecords(knownList, listed, this.startedAt), null);
    await this.checkpoint({
      watermark: watermark ?? undefined,
      baselineDone: true,
      reconciledAt: this.startedAt.toISOString(),
    });
  }

  /** Lists what changed since the watermark (minus the overlap). */
  private async since(): Promise<void> {
    const resource = this.state.resource;
    let watermark = this.state.watermark;
    await this.changedPages(resource, this.poll, async (records) => {
      const known = await this.deps.store.publishedVersions.find(
        this.connection.id,
        resource,
        records.map((r) => r.id),
      );
      await this.settle(false, records, known, null);
      watermark = advancedWatermark(watermark, records);
    });
    if (watermark) await this.checkpoint({ watermark });
  }

  /**
   * Records listed only per parent (comments per ticket): the parents changed since the watermark (all of
   * them on the first cycle), then each one's records whole, diffed and reconciled.
   */
  private async perParent(baseline: boolean): Promise<void> {
    const { resource: parentResource, query: parentParam } = this.poll.parent!;
    const resource = this.state.resource;
    const parentPoll = this.deps.registry.get(this.connection.provider).resources[parentResource]?.poll;
    let watermark = this.state.watermark;
    const parentPages = (onPage: (parents: ListedRecord[]) => Promise<void>) =>
      baseline || !parentPoll
        ? this.pages(parentResource, {}, onPage)
        : this.changedPages(parentResource, parentPoll, onPage);
    await parentPages(async (parents) => {
      for (const parent of parents) {
        const knownList = await this.deps.store.publishedVersions.list(
          this.connection.id,
          resource,
          parent.id,
        );
        const listed = new Set<string>();
        const listingStartedAt = this.now();
        await this.pages(resource, { [parentParam]: parent.id }, async (records) => {
          // By id, not by parent: a webhook's publication is recorded without the parent.
          const known = await this.deps.store.publishedVersions.find(
            this.connection.id,
            resource,
            records.map((r) => r.id),
          );
          await this.settle(baseline, records, known, parent.id);
          for (const r of records) listed.add(r.id);
        });
        if (!baseline && this.poll.deletions === 'reconcile')
          await this.publish(deletedRecords(knownList, listed, listingStartedAt), parent.id);
      }
      watermark = advancedWatermark(watermark, parents);
    });
    await this.checkpoint({
      watermark: watermark ?? undefined,
      baselineDone: true,
      ...(baseline ? { reconciledAt: this.startedAt.toISOString() } : {}),
    });
  }

  /** Baseline: records the hashes; otherwise publishes what changed and keeps `known` current. */
  private async settle(
    baseline: boolean,
    records: ListedRecord[],
    known: Map<string, KnownVersion>,
    parentId: string | null,
  ): Promise<void> {
    const changes = changedRecords(records, known, (r) => this.hashes.get(r) ?? r.etag).filter(
      (c) => baseline || !this.withinGrace(c.data),
    );
    if (baseline) await this.record(changes, parentId);
    else await this.publish(changes, parentId);
    const at = this.now().toISOString();
    for (const c of changes)
      known.set(c.remoteId, { remoteId: c.remoteId, parentId, contentHash: c.contentHash, updatedAt: at });
  }

  /** Changed too recently on a connection with webhooks: its webhook is probably on its way. */
  private withinGrace(record: Record<string, unknown>): boolean {
    const grace = this.connection.webhookSecret ? this.deps.settings.webhookGraceSeconds * 1000 : 0;
    const changedAt = changedAtOf(record);
    return grace > 0 && Number.isFinite(changedAt) && changedAt > this.startedAt.getTime() - grace;
  }

  /**
   * The pages of records changed since watermark − overlap (all of them without a watermark): filtered
   * by the provider (`updated_at`), or read newest-updated first (`updated_desc`) up to the first page
   * that reaches older records — those are left out, and no further page is read.
   */
  private async changedPages(
    resource: string,
    poll: PollDefinition,
    onPage: (records: ListedRecord[]) => Promise<void>,
  ): Promise<void> {
    const watermark = this.state.watermark;
    const from = watermark
      ? new Date(Date.parse(watermark) - this.deps.settings.overlapSeconds * 1000).toISOString()
      : null;
    if (poll.changes !== 'updated_desc')
      return this.pages(resource, from ? this.updatedSince(resource, from, poll) : {}, onPage, poll.list);
    await this.pages(resource, { remote_query: { ...poll.sort } }, async (records) => {
      const recent = updatedFrom(records, from);
      if (recent.length > 0) await onPage(recent);
      return recent.length === records.length;
    });
  }

  private updatedSince(resource: string, from: string, poll: PollDefinition): Query {
    const definition = this.deps.registry.get(this.connection.provider);
    const list = poll.list ?? definition.resources[resource]?.methods?.list;
    const operators = list?.filters?.updated_at ?? [];
    return { updated_at: { [operators.includes('gte') ? 'gte' : 'gt']: from } };
  }

  /**
   * Walks the pages of a list, every one unless `onPage` answers false (no further page is wanted);
   * the lease is renewed after each page.
   */
  private async pages(
    resource: string,
    query: Query,
    onPage: (records: ListedRecord[]) => Promise<void | boolean>,
    /** The poll block's own list request, where it has one. */
    method?: MethodDefinition,
  ): Promise<void> {
    let cursor: string | undefined;
    let more = true;
    do {
      const page = await this.deps.client.list(this.context, resource, {
        query,
        cursor,
        limit: this.deps.settings.pageSize,
        ...(method ? { method } : {}),
      });
      const records = page.result.filter(isListedRecord);
      for (const r of records)
        this.hashes.set(r, (await this.hasher.hashOf(this.source.provider, resource, r)) ?? r.etag);
      this.outcome.listed += records.length;
      more = (await onPage(records)) !== false;
      await this.renew();
      cursor = page.next_cursor ?? undefined;
    } while (cursor && more);
  }

  /** Publishes (waiting for the broker's ack), then records what was published. */
  private async publish(changes: PolledChange[], parentId: string | null): Promise<void> {
    if (changes.length === 0) return;
    const topic = topicForResource(this.state.resource)!;
    const detectedAt = this.now().toISOString();
    await this.deps.producer.publishAll([
      { topic, messages: changes.map((c) => polledEventMessage(this.source, c, detectedAt)) },
    ]);
    this.outcome.published += changes.length;
    await this.record(changes, parentId);
  }

  private async record(changes: PolledChange[], parentId: string | null): Promise<void> {
    const versions = this.deps.store.publishedVersions;
    const kept = changes.filter((c) => c.action !== 'deleted');
    const gone = changes.filter((c) => c.action === 'deleted').map((c) => c.remoteId);
    if (kept.length > 0)
      await versions.record(
        kept.map((c) => ({
          connectionId: this.connection.id,
          resource: this.state.resource,
          remoteId: c.remoteId,
          parentId,
          contentHash: c.contentHash,
        })),
      );
    if (gone.length > 0) await versions.forget(this.connection.id, this.state.resource, gone);
  }

  private async renew(): Promise<void> {
    const held = await this.deps.store.pollStates.renew(
      this.state,
      this.owner,
      this.deps.settings.leaseSeconds * 1000,
    );
    if (!held) throw new LeaseLostError(this.source);
  }

  private async checkpoint(progress: Parameters<Store['pollStates']['checkpoint']>[2]): Promise<void> {
    if (!(await this.deps.store.pollStates.checkpoint(this.state, this.owner, progress)))
      throw new LeaseLostError(this.source);
  }
}

function isListedRecord(record: UnifiedRecord): record is UnifiedRecord & ListedRecord {
  return typeof record.id === 'string' && typeof record.etag === 'string';
}
