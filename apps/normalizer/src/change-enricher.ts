import { Injectable } from '@nestjs/common';
import { ProviderClient, type MappedChange, type UnifiedRecord } from '@app/providers';
import { callContextOf, type Connection } from '@app/store';

/**
 * Completes thin webhook payloads: where a provider sends only ids (Zendesk triggers, HubSpot), the
 * full record is fetched through the engine with the connection's credentials. A delete needs only its id.
 */
@Injectable()
export class ChangeEnricher {
  constructor(private readonly client: ProviderClient) {}

  async recordOf(connection: Connection, change: MappedChange): Promise<UnifiedRecord> {
    if (change.record) return change.record;
    if (change.action === 'deleted') return { id: change.remoteId };
    return this.client.get(callContextOf(connection), change.resource, change.remoteId);
  }
}
