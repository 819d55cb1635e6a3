import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The first schema. Only portable column types (text, integer) and constraints that SQLite and
 * PostgreSQL both understand, so one migration serves both engines. Uniqueness lives in the
 * schema (primary keys, unique indexes) and the repositories rely on it via ON CONFLICT.
 */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull().unique())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('api_keys_tenant_idx').on('api_keys').column('tenant_id').execute();

    await db.schema
      .createTable('connections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('credentials_enc', 'text', (c) => c.notNull())
      .addColumn('webhook_secret_enc', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // Target of the overrides' composite foreign key (and serves tenant-scoped lookups).
      .addUniqueConstraint('connections_tenant_id_id_uq', ['tenant_id', 'id'])
      .execute();

    await db.schema
      .createTable('mapping_overrides')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('connection_id', 'text')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('expression', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // (tenant_id, connection_id) → the connection of THAT tenant: the database itself refuses
      // an override on another tenant's connection, and drops overrides with their connection.
      // A NULL connection_id (tenant-wide override) is not checked, as SQL's MATCH SIMPLE says.
      .addForeignKeyConstraint(
        'mapping_overrides_connection_fk',
        ['tenant_id', 'connection_id'],
        'connections',
        ['tenant_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    // NULLs are distinct in a plain unique index on both engines, so a single index over
    // (tenant_id, connection_id, key) would allow duplicate tenant-wide rows. Two partial
    // indexes close that gap; upserts name the matching one via its predicate.
    await db.schema
      .createIndex('mapping_overrides_tenant_key_uq')
      .unique()
      .on('mapping_overrides')
      .columns(['tenant_id', 'key'])
      .where(sql.ref('connection_id'), 'is', null)
      .execute();
    await db.schema
      .createIndex('mapping_overrides_connection_key_uq')
      .unique()
      .on('mapping_overrides')
      .columns(['tenant_id', 'connection_id', 'key'])
      .where(sql.ref('connection_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('body', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'key'])
      .execute();
    await db.schema
      .createIndex('idempotency_keys_created_idx')
      .on('idempotency_keys')
      .column('created_at')
      .execute();

    // No foreign key to connections: deliveries may belong to file-configured connections.
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('connection_id', 'text', (c) => c.notNull())
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_deliveries_pk', ['connection_id', 'delivery_id'])
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_seen_idx')
      .on('webhook_deliveries')
      .column('seen_at')
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'webhook_deliveries',
      'idempotency_keys',
      'mapping_overrides',
      'connections',
      'api_keys',
      'tenants',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
