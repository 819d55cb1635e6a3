import { type Kysely, type Migration } from 'kysely';

/**
 * Polling change detection (docs/polling.md): per connection × resource a watermark, when ids were last
 * reconciled and a lease, so several pollers share the work; per record only its id, its parent's id
 * (comments listed per ticket) and the content hash of what was last published for it. No record body.
 */
export const pollStateMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('poll_states')
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('resource', 'text', (c) => c.notNull())
      // The provider's updated_at of the newest change published (ISO 8601); NULL before the first cycle.
      .addColumn('watermark', 'text')
      .addColumn('baseline_done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_due_at', 'text', (c) => c.notNull())
      .addColumn('reconciled_at', 'text')
      // Per connection × resource override of the configured interval (seconds).
      .addColumn('interval_seconds', 'integer')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('poll_states_pk', ['connection_id', 'resource'])
      .execute();
    await db.schema.createIndex('poll_states_due_idx').on('poll_states').column('next_due_at').execute();
    await db.schema
      .createTable('published_versions')
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('resource', 'text', (c) => c.notNull())
      .addColumn('remote_id', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text')
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('published_versions_pk', ['connection_id', 'resource', 'remote_id'])
      .execute();
    await db.schema
      .createIndex('published_versions_parent_idx')
      .on('published_versions')
      .columns(['connection_id', 'resource', 'parent_id'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('published_versions').execute();
    await db.schema.dropTable('poll_states').execute();
  },
};
