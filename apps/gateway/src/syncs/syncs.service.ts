import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '@app/http';
import { ProviderRegistry } from '@app/providers';
import { isTerminal } from '@app/store';
import { planSync, SyncRequestError } from '@app/syncs';
import { ConnectionsService } from '../connections/connections.service';
import { STORE, type Store } from '../store.provider';
import type { CreateSyncBody } from './sync-bodies';
import { syncView, type SyncView } from './sync-view';

/** Snapshot jobs (docs/snapshots.md): the gateway queues and shows them; the runner in apps/poller works them. */
@Injectable()
export class SyncsService {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly connections: ConnectionsService,
    private readonly registry: ProviderRegistry,
  ) {}

  async create(tenantId: string, connectionId: string, body: CreateSyncBody): Promise<SyncView> {
    const connection = await this.connections.find(tenantId, connectionId);
    let plan: ReturnType<typeof planSync>;
    try {
      plan = planSync(this.registry.get(connection.provider), body.resources, body.since ?? undefined);
    } catch (error) {
      if (error instanceof SyncRequestError) throw new ApiError(400, error.message, error.details);
      throw error;
    }
    const job = await this.store.syncJobs.create({
      tenantId,
      connectionId,
      provider: connection.provider,
      resources: plan.resources,
      since: plan.since,
    });
    return syncView(job);
  }

  async list(tenantId: string, connectionId: string): Promise<SyncView[]> {
    await this.connections.find(tenantId, connectionId);
    return (await this.store.syncJobs.listForConnection(tenantId, connectionId)).map(syncView);
  }

  async get(tenantId: string, id: string): Promise<SyncView> {
    const job = await this.store.syncJobs.get(tenantId, id);
    if (!job) throw notFound(id);
    return syncView(job);
  }

  /** Queued: cancelled now. Running: stops after the page in hand. Cancelled: as it is. Finished otherwise: 409. */
  async cancel(tenantId: string, id: string): Promise<SyncView> {
    const current = await this.store.syncJobs.get(tenantId, id);
    if (!current) throw notFound(id);
    if (isTerminal(current.state) && current.state !== 'cancelled')
      throw new ApiError(409, `Sync ${id} is already ${current.state}`, { state: current.state });
    const job = await this.store.syncJobs.cancel(tenantId, id);
    if (!job) throw notFound(id);
    return syncView(job);
  }
}

function notFound(id: string): ApiError {
  return new ApiError(404, `No sync ${id}`);
}
