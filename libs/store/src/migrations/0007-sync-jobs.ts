import { type Kysely, type Migration } from 'kysely';

/**
 * Snapshots (docs/snapshots.md): one row per sync job (owner, state, lease) and one per resource it
 * pages (where the next page starts and what was counted so far). Only the provider's page cursor and
 * counts are kept: the records themselves go to Kafka and are never stored.
 */
export const syncJobsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sync_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('provider', 'text', (c) => c.notNull())
      // queued | running | completed | failed | cancelled
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('since', 'text')
      .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
      // How many times a runner took the job (more than one: it was resumed after a runner died).
      .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createIndex('sync_jobs_connection_idx')
      .on('sync_jobs')
      .columns(['tenant_id', 'connection_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('sync_jobs_state_idx')
      .on('sync_jobs')
      .columns(['state', 'created_at'])
      .execute();
    await db.schema
      .createTable('sync_job_resources')
      .addColumn('job_id', 'text', (c) => c.notNull().references('sync_jobs.id').onDelete('cascade'))
      .addColumn('resource', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      // pending | running | completed | failed | cancelled
      .addColumn('state', 'text', (c) => c.notNull())
      // The engine's opaque cursor of the next page to read; NULL: the first page (or none left once completed).
      .addColumn('cursor', 'text')
      .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('records', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rate_limit_waits', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rate_limit_wait_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addPrimaryKeyConstraint('sync_job_resources_pk', ['job_id', 'resource'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('sync_job_resources').execute();
    await db.schema.dropTable('sync_jobs').execute();
  },
};
