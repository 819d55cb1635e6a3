import type { KnownVersion } from '@app/store';
import type { PolledChange } from './polled-events';

export interface ListedRecord {
  id: string;
  etag: string;
  updated_at?: unknown;
  [field: string]: unknown;
}

/**
 * Listed records against what was last published for them: a record never published is `created`, one
 * whose content hash (`hashOf`: its etag, or what the poll block compares) differs is `updated`, an equal
 * one is nothing.
 */
export function changedRecords(
  records: readonly ListedRecord[],
  known: ReadonlyMap<string, KnownVersion>,
  hashOf: (record: ListedRecord) => string = (record) => record.etag,
): PolledChange[] {
  const changes: PolledChange[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    // A record listed twice in one pass (pages shifting under an offset) is judged once.
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    const last = known.get(record.id);
    const contentHash = hashOf(record);
    if (last?.contentHash === contentHash) continue;
    changes.push({ action: last ? 'updated' : 'created', remoteId: record.id, data: record, contentHash });
  }
  return changes;
}

/**
 * Known records missing from a whole listing are deleted — except those recorded after the listing began
 * (a webhook announced a new record while the pages were read).
 */
export function deletedRecords(
  known: readonly KnownVersion[],
  listed: ReadonlySet<string>,
  listingStartedAt: Date,
): PolledChange[] {
  return known
    .filter((k) => !listed.has(k.remoteId) && Date.parse(k.updatedAt) < listingStartedAt.getTime())
    .map((k) => ({
      action: 'deleted',
      remoteId: k.remoteId,
      data: { id: k.remoteId },
      contentHash: k.contentHash,
    }));
}

/** The newest `updated_at` among the records and the watermark so far (ISO 8601), or the watermark. */
export function advancedWatermark(watermark: string | null, records: readonly ListedRecord[]): string | null {
  let newest = watermark ? Date.parse(watermark) : Number.NEGATIVE_INFINITY;
  for (const record of records) {
    const at = typeof record.updated_at === 'string' ? Date.parse(record.updated_at) : NaN;
    if (Number.isFinite(at) && at > newest) newest = at;
  }
  return Number.isFinite(newest) ? new Date(newest).toISOString() : watermark;
}

/**
 * A page of a list sorted by update time, newest first: its records updated at or after `from` (all of
 * them when `from` is null). A record without a readable `updated_at` is kept: it cannot be judged old.
 * Fewer records than the page means the walk reached what earlier cycles covered.
 */
export function updatedFrom(records: readonly ListedRecord[], from: string | null): ListedRecord[] {
  if (from === null) return [...records];
  const floor = Date.parse(from);
  return records.filter((record) => {
    const at = typeof record.updated_at === 'string' ? Date.parse(record.updated_at) : NaN;
    return !Number.isFinite(at) || at >= floor;
  });
}

/**
 * When a listed record last changed, in ms (NaN when it says nothing): its update time, else its creation
 * time — records that never change once made (Zendesk's comments) carry only the latter, and without it a
 * webhook-announced comment had no grace and the poll could publish it first.
 */
export function changedAtOf(record: Record<string, unknown>): number {
  const at = typeof record.updated_at === 'string' ? record.updated_at : record.created_at;
  return typeof at === 'string' ? Date.parse(at) : NaN;
}
