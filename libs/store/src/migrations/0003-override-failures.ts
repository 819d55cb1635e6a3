import { type Kysely, type Migration } from 'kysely';

/**
 * Each override keeps how often it failed since it was last saved and its latest failure, so a tenant
 * sees why its calls answer 422 (`GET /mappings/overrides`). One column per statement: SQLite adds
 * one at a time.
 */
export const overrideFailuresMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('mapping_overrides')
      .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('mapping_overrides').addColumn('last_failed_at', 'text').execute();
    await db.schema.alterTable('mapping_overrides').addColumn('last_failure', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const column of ['last_failure', 'last_failed_at', 'failure_count'])
      await db.schema.alterTable('mapping_overrides').dropColumn(column).execute();
  },
};
