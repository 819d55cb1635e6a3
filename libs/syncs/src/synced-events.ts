import {
  buildChangeEvent,
  changeEventKey,
  topicForResource,
  type OutboundMessage,
  type TopicName,
} from '@app/bus';
import type { UnifiedRecord } from '@app/providers';
import { entityNameOf, isUnifiedResourceName } from '@app/unified-models';

/** What a synced event says about where it came from. */
export interface SyncSource {
  jobId: string;
  tenantId: string;
  connectionId: string;
  provider: string;
}

/**
 * The `deliveryid` of a job's events. With the entity and the remote id it makes the event id, so a page
 * published again after a crash (read again from the same cursor) carries the same ids.
 */
export function syncDeliveryId(jobId: string): string {
  return `sync:${jobId}`;
}

/**
 * One page's records as `ticketing.{entity}.synced` messages for the resource's topic, keyed like every
 * change event (`connectionId:remoteId`) so a record's synced and change events share a partition.
 */
export function syncedMessages(
  source: SyncSource,
  resource: string,
  records: readonly UnifiedRecord[],
  readAt: Date,
): { topic: TopicName; messages: OutboundMessage[] } {
  const topic = topicForResource(resource);
  if (!topic || !isUnifiedResourceName(resource)) throw new Error(`no topic for resource ${resource}`);
  const entity = entityNameOf(resource);
  const time = readAt.toISOString();
  const messages = records.map((record) => {
    const remoteId = record.id;
    const event = buildChangeEvent({
      tenantId: source.tenantId,
      connectionId: source.connectionId,
      provider: source.provider,
      deliveryId: syncDeliveryId(source.jobId),
      entity,
      action: 'synced',
      remoteId,
      time,
      data: record,
    });
    return {
      key: changeEventKey(source.connectionId, remoteId),
      value: JSON.stringify(event),
      // CloudEvents Kafka binding, structured mode, as the normalizer writes change events.
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
    };
  });
  return { topic, messages };
}
