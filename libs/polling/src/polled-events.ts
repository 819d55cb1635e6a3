import { buildChangeEvent, changeEventKey, type ChangeAction, type OutboundMessage } from '@app/bus';
import { entityNameOf, type UnifiedResourceName } from '@app/unified-models';

export interface PolledChange {
  action: ChangeAction;
  remoteId: string;
  /** The record as listed (created/updated) or `{id}` (deleted). */
  data: Record<string, unknown>;
  /** created/updated: the record's content hash; deleted: the last hash published for it. */
  contentHash: string;
}

export interface PollSource {
  tenantId: string;
  connectionId: string;
  provider: string;
  resource: UnifiedResourceName;
}

/**
 * The polled change as a CloudEvent message on the resource's topic, same envelope and key as a
 * webhook's. Its `deliveryid` is `poll:{hash}` (`poll-deleted:{last hash}` for a deletion), so the
 * event id — derived from (connection, delivery id, entity, remote id) — is the same whenever the same
 * content is published again (a poller that died between the broker's ack and its bookkeeping).
 */
export function polledEventMessage(
  source: PollSource,
  change: PolledChange,
  detectedAt: string,
): OutboundMessage {
  const deliveryId =
    change.action === 'deleted' ? `poll-deleted:${change.contentHash}` : `poll:${change.contentHash}`;
  const updatedAt = change.data.updated_at;
  const event = buildChangeEvent({
    tenantId: source.tenantId,
    connectionId: source.connectionId,
    provider: source.provider,
    deliveryId,
    entity: entityNameOf(source.resource),
    action: change.action,
    remoteId: change.remoteId,
    // The provider's time of the change where the record has one, so a repeat carries the same time.
    time:
      change.action !== 'deleted' && typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt))
        ? new Date(updatedAt).toISOString()
        : detectedAt,
    data: change.data,
  });
  return {
    key: changeEventKey(source.connectionId, change.remoteId),
    value: JSON.stringify(event),
    headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
  };
}
