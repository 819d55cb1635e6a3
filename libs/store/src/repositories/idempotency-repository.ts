import type { Kysely } from 'kysely';
import type { CredentialCipher } from '../crypto/credential-cipher';
import { idempotencyBodyAad, openText, requireCipher } from '../crypto/sealed-text';
import type { Database } from '../db/schema';
import { nowIso } from '../ids';
import type { IdempotencyClaim, IdempotencyRepository } from '../types';

/** How long a claim may stay unfinished before another request may take it over (see claim). */
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 5 * 60_000;

export class SqlIdempotencyRepository implements IdempotencyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: CredentialCipher | undefined,
    private readonly leaseMs = DEFAULT_IDEMPOTENCY_LEASE_MS,
  ) {}

  async claim(
    tenantId: string,
    key: string,
    requestHash: string,
    connectionId: string | null = null,
  ): Promise<IdempotencyClaim> {
    // A claim released between our insert and our read leaves nothing to read: try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      // The primary key (tenant_id, key) arbitrates concurrent claims: exactly one insert wins.
      const inserted = await this.db
        .insertInto('idempotency_keys')
        .values({
          tenant_id: tenantId,
          key,
          request_hash: requestHash,
          status: null,
          body: null,
          created_at: nowIso(),
          completed_at: null,
          connection_id: connectionId,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (inserted) return { state: 'new' };

      const row = await this.db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'body', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) continue;
      // A reused key with another payload is a client error even while the first is running.
      if (row.request_hash !== requestHash) return { state: 'conflict' };
      if (row.status === null) {
        return (await this.takeOverStale(tenantId, key, row.created_at))
          ? { state: 'new' }
          : { state: 'in_progress' };
      }
      const body =
        row.body === null ? null : openText(this.cipher, row.body, idempotencyBodyAad(tenantId, key));
      return { state: 'replay', status: row.status, body: body === null ? null : JSON.parse(body) };
    }
    // Someone keeps claiming and releasing this key: telling the caller to retry later is safe.
    return { state: 'in_progress' };
  }

  /**
   * A claim that was never completed nor released (its instance crashed) would block the key until
   * it is purged. Past the lease, one request takes it over: compare-and-set on created_at, so of
   * several racing requests only one wins.
   */
  private async takeOverStale(tenantId: string, key: string, createdAt: string): Promise<boolean> {
    if (Date.parse(createdAt) > Date.now() - this.leaseMs) return false;
    const result = await this.db
      .updateTable('idempotency_keys')
      .set({ created_at: nowIso() })
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .where('status', 'is', null)
      .where('created_at', '=', createdAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async complete(tenantId: string, key: string, status: number, body: unknown): Promise<void> {
    // The answer is ticket content: sealed at rest like credentials, bound to its tenant and key.
    const sealed = requireCipher(this.cipher, 'idempotent answers').encrypt(
      JSON.stringify(body ?? null),
      idempotencyBodyAad(tenantId, key),
    );
    await this.db
      .updateTable('idempotency_keys')
      .set({ status, body: sealed, completed_at: nowIso() })
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .where('status', 'is', null) // a stored response is final: never overwrite it
      .execute();
  }

  async release(tenantId: string, key: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .where('status', 'is', null)
      .execute();
  }

  async purgeOlderThan(date: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', date.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
