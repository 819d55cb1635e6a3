import { RESOURCE_TOPICS, type UnifiedChangeEvent } from '@app/bus';
import type { ChangeHasher } from '@app/polling';
import type { PublishedVersion, Store } from '@app/store';

const RESOURCE_OF_TOPIC = new Map<string, string>(
  Object.entries(RESOURCE_TOPICS).map(([resource, topic]) => [topic, resource]),
);

/**
 * Records what the normalizer just published (after the broker's ack) as the last published version of
 * each record, so the poller's safety net does not publish again what a webhook announced
 * (docs/polling.md). Taken from the events as built (not parsed back from the messages): their type,
 * subject, connection and record, hashed as the poll compares it (`hasher`: the etag, or what the poll
 * block compares). A partial event (the record was gone) records nothing; a deletion forgets the record.
 * The last event per record in the run wins.
 */
export async function recordPublishedVersions(
  store: Pick<Store, 'publishedVersions'>,
  batches: readonly { topic: string; events: readonly UnifiedChangeEvent[] }[],
  hasher: Pick<ChangeHasher, 'hashOf'>,
): Promise<void> {
  const last = new Map<string, PublishedVersion | { gone: PublishedVersion }>();
  for (const { topic, events } of batches) {
    const resource = RESOURCE_OF_TOPIC.get(topic);
    if (!resource) continue;
    for (const event of events) {
      if (!event.subject || !event.connectionid || event.partial) continue;
      const key = `${event.connectionid}\u0000${resource}\u0000${event.subject}`;
      const version = {
        connectionId: event.connectionid,
        resource,
        remoteId: event.subject,
        contentHash: '',
      };
      if (event.type.endsWith('.deleted')) {
        last.set(key, { gone: version });
        continue;
      }
      const contentHash = event.data && (await hasher.hashOf(event.provider, resource, event.data));
      if (contentHash) last.set(key, { ...version, contentHash });
    }
  }
  const kept = [...last.values()].filter((v): v is PublishedVersion => !('gone' in v));
  if (kept.length > 0) await store.publishedVersions.record(kept);
  for (const entry of last.values())
    if ('gone' in entry)
      await store.publishedVersions.forget(entry.gone.connectionId, entry.gone.resource, [
        entry.gone.remoteId,
      ]);
}
