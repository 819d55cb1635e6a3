import { Injectable } from '@nestjs/common';
import { ProviderClient, ProviderNotFoundError, type MappedChange, type UnifiedRecord } from '@app/providers';
import { callContextOf, type Connection } from '@app/store';

/** The full record of a change, or word that the provider no longer has it. */
export type Enrichment = { gone: false; record: UnifiedRecord } | { gone: true; status: number };

/** Provider answers that say the record does not exist (any more) for this connection. */
const GONE_STATUSES = new Set([404, 410]);

/**
 * Completes thin webhook payloads: where a provider sends only ids (Zendesk triggers, HubSpot), the
 * full record is fetched through the engine with the connection's credentials. A delete needs only its id.
 */
@Injectable()
export class ChangeEnricher {
  constructor(private readonly client: ProviderClient) {}

  /**
   * The record to publish. A fetch the provider answers 404/410 reports the record gone (the caller
   * publishes what the delivery said, and the deletion); other failures propagate.
   */
  async enrich(connection: Connection, change: MappedChange): Promise<Enrichment> {
    if (change.record) return { gone: false, record: change.record };
    if (change.action === 'deleted') return { gone: false, record: { id: change.remoteId } };
    try {
      return {
        gone: false,
        record: await this.client.get(callContextOf(connection), change.resource, change.remoteId),
      };
    } catch (error) {
      const status = goneStatusOf(error);
      if (status !== undefined) return { gone: true, status };
      throw error;
    }
  }
}

/** 404/410 from the provider itself; not a record a response mapping excluded (no provider status). */
function goneStatusOf(error: unknown): number | undefined {
  if (!(error instanceof ProviderNotFoundError)) return undefined;
  const details = error.details as { providerStatus?: unknown } | undefined;
  const status = details?.providerStatus;
  return typeof status === 'number' && GONE_STATUSES.has(status) ? status : undefined;
}
