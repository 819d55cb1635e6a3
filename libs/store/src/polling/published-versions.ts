import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** What was last published for one record: its content hash (the unified record's etag). */
export interface PublishedVersion {
  connectionId: string;
  /** Unified resource, plural as in the API paths (`tickets`). */
  resource: string;
  remoteId: string;
  /** The record it is listed under, where it lists only under one (a Jira or Zendesk comment's ticket). */
  parentId?: string | null;
  contentHash: string;
}

export interface KnownVersion {
  remoteId: string;
  parentId: string | null;
  contentHash: string;
  /** When this version was recorded (ISO 8601). */
  updatedAt: string;
}

const CHUNK = 200;

/**
 * "What was last published for a record", shared by every publisher of change events (the normalizer
 * after a webhook, the poller after a poll), so a change is published once whoever sees it first.
 * Holds ids and hashes only, never a record's content.
 */
export class PublishedVersionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The known versions of these records (absent ones were never published). */
  async find(
    connectionId: string,
    resource: string,
    remoteIds: readonly string[],
  ): Promise<Map<string, KnownVersion>> {
    const found = new Map<string, KnownVersion>();
    for (let at = 0; at < remoteIds.length; at += CHUNK) {
      const rows = await this.db
        .selectFrom('published_versions')
        .select(['remote_id', 'parent_id', 'content_hash', 'updated_at'])
        .where('connection_id', '=', connectionId)
        .where('resource', '=', resource)
        .where('remote_id', 'in', remoteIds.slice(at, at + CHUNK))
        .execute();
      for (const row of rows) found.set(row.remote_id, toKnown(row));
    }
    return found;
  }

  /** Every known record of a connection × resource (or of one parent), for reconciling ids. */
  async list(connectionId: string, resource: string, parentId?: string): Promise<KnownVersion[]> {
    let query = this.db
      .selectFrom('published_versions')
      .select(['remote_id', 'parent_id', 'content_hash', 'updated_at'])
      .where('connection_id', '=', connectionId)
      .where('resource', '=', resource);
    if (parentId !== undefined) query = query.where('parent_id', '=', parentId);
    return (await query.execute()).map(toKnown);
  }

  /** Records what was just published (after the broker acknowledged it); the newest hash wins. */
  async record(versions: readonly PublishedVersion[], at = new Date()): Promise<void> {
    const updatedAt = at.toISOString();
    for (let start = 0; start < versions.length; start += CHUNK) {
      const rows = versions.slice(start, start + CHUNK).map((v) => ({
        connection_id: v.connectionId,
        resource: v.resource,
        remote_id: v.remoteId,
        parent_id: v.parentId ?? null,
        content_hash: v.contentHash,
        updated_at: updatedAt,
      }));
      await this.db
        .insertInto('published_versions')
        .values(rows)
        .onConflict((conflict) =>
          conflict.columns(['connection_id', 'resource', 'remote_id']).doUpdateSet((eb) => ({
            content_hash: eb.ref('excluded.content_hash'),
            parent_id: eb.fn.coalesce('excluded.parent_id', 'published_versions.parent_id'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  /** Forgets records whose deletion was published. */
  async forget(connectionId: string, resource: string, remoteIds: readonly string[]): Promise<void> {
    for (let at = 0; at < remoteIds.length; at += CHUNK) {
      await this.db
        .deleteFrom('published_versions')
        .where('connection_id', '=', connectionId)
        .where('resource', '=', resource)
        .where('remote_id', 'in', remoteIds.slice(at, at + CHUNK))
        .execute();
    }
  }
}

function toKnown(row: {
  remote_id: string;
  parent_id: string | null;
  content_hash: string;
  updated_at: string;
}): KnownVersion {
  return {
    remoteId: row.remote_id,
    parentId: row.parent_id,
    contentHash: row.content_hash,
    updatedAt: row.updated_at,
  };
}
