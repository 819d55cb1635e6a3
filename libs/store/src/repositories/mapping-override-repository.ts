import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isForeignKeyViolation, StoreNotFoundError } from '../errors';
import { nowIso } from '../ids';
import type { MappingOverride, MappingOverrideRepository, OverrideFailures, OverrideLayers } from '../types';

const COLUMNS = ['tenant_id', 'connection_id', 'key', 'expression', 'created_at', 'updated_at'] as const;

/** `connection_id = x`, or `connection_id IS NULL` for tenant-wide rows (`= NULL` is never true). */
function sameConnection(connectionId: string | null) {
  return (eb: ExpressionBuilder<Database, 'mapping_overrides'>) =>
    connectionId === null ? eb('connection_id', 'is', null) : eb('connection_id', '=', connectionId);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class SqlMappingOverrideRepository implements MappingOverrideRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async put(
    tenantId: string,
    connectionId: string | null,
    key: string,
    expression: string,
  ): Promise<MappingOverride> {
    const now = nowIso();
    try {
      return await this.db
        .insertInto('mapping_overrides')
        .values({
          tenant_id: tenantId,
          connection_id: connectionId,
          key,
          expression,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          // The conflict target must repeat the partial index's predicate for the engine to use it.
          (connectionId === null
            ? oc.columns(['tenant_id', 'key']).where('connection_id', 'is', null)
            : oc.columns(['tenant_id', 'connection_id', 'key']).where('connection_id', 'is not', null)
          ).doUpdateSet({
            expression,
            updated_at: now,
            // A new expression starts with a clean record.
            failure_count: 0,
            last_failed_at: null,
            last_failure: null,
          }),
        )
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
    } catch (error) {
      // The composite foreign key rejects a connection that is not this tenant's.
      if (isForeignKeyViolation(error)) {
        throw connectionId === null
          ? new StoreNotFoundError('tenant', tenantId)
          : new StoreNotFoundError('connection', connectionId);
      }
      throw error;
    }
  }

  async get(
    tenantId: string,
    connectionId: string | null,
    key: string,
  ): Promise<MappingOverride | undefined> {
    return this.db
      .selectFrom('mapping_overrides')
      .select(COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where(sameConnection(connectionId))
      .where('key', '=', key)
      .executeTakeFirst();
  }

  async delete(tenantId: string, connectionId: string | null, key: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('mapping_overrides')
      .where('tenant_id', '=', tenantId)
      .where(sameConnection(connectionId))
      .where('key', '=', key)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listForTenant(tenantId: string): Promise<MappingOverride[]> {
    const rows = await this.db
      .selectFrom('mapping_overrides')
      .select(COLUMNS)
      .where('tenant_id', '=', tenantId)
      .execute();
    // Sorted here: the engines disagree on where NULLs sort; tenant-wide rows come first.
    return rows.sort(
      (a, b) => compare(a.connection_id ?? '', b.connection_id ?? '') || compare(a.key, b.key),
    );
  }

  async layersFor(tenantId: string, connectionId: string): Promise<OverrideLayers> {
    const rows = await this.db
      .selectFrom('mapping_overrides')
      .select(['connection_id', 'key', 'expression'])
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('connection_id', 'is', null), eb('connection_id', '=', connectionId)]))
      .execute();
    const layers: OverrideLayers = { tenant: {}, connection: {} };
    for (const row of rows) {
      (row.connection_id === null ? layers.tenant : layers.connection)[row.key] = row.expression;
    }
    return layers;
  }

  async recordFailures(
    tenantId: string,
    connectionId: string | null,
    key: string,
    count: number,
    lastMessage: string,
  ): Promise<void> {
    await this.db
      .updateTable('mapping_overrides')
      .set((eb) => ({
        failure_count: eb('failure_count', '+', count),
        last_failed_at: nowIso(),
        last_failure: lastMessage.slice(0, 2_000),
      }))
      .where('tenant_id', '=', tenantId)
      .where(sameConnection(connectionId))
      .where('key', '=', key)
      .execute();
  }

  async failuresForTenant(tenantId: string): Promise<OverrideFailures[]> {
    const rows = await this.db
      .selectFrom('mapping_overrides')
      .select(['connection_id', 'key', 'failure_count', 'last_failed_at', 'last_failure'])
      .where('tenant_id', '=', tenantId)
      .execute();
    return rows.map((r) => ({ ...r, failure_count: Number(r.failure_count) }));
  }
}
