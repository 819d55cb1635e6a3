import { sql, type Kysely, type Migration } from 'kysely';

/** What later edits of the released 0004 added to `connect_sessions` and `connections`. */
const ADDED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  connect_sessions: [
    'oauth_state_hash',
    'oauth_browser_hash',
    'oauth_provider',
    'oauth_settings',
    'oauth_verifier_enc',
  ],
  connections: [
    'auth_method',
    'auth_status',
    'refresh_lease_owner',
    'refresh_lease_until',
    'webhook_hook_id',
    'webhook_state',
    'webhook_checked_at',
    'webhook_error',
  ],
};

/**
 * Migration 0004 was edited after it had been released (OAuth round trips, the token lifecycle, provider
 * webhooks), so a database that applied an earlier version of it lacks what was added since — and the
 * migrator, which goes by name, never applied it. This adds whatever is missing, and nothing on a database
 * that applied the final 0004 (every one created since). Released migrations are now checked against
 * their recorded digests (`released-migrations.spec.ts`).
 */
export const connectColumnsRepairMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const all = await db.introspection.getTables();
    // PostgreSQL lists every schema's tables (tests keep one schema per suite): only ours count.
    // SQLite's tables carry no schema.
    const ours = all.some((t) => t.schema)
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
    const tables = all.filter((t) => t.schema === ours);
    const columnsOf = (table: string) =>
      new Set(tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? []);
    for (const [table, columns] of Object.entries(ADDED_COLUMNS)) {
      const present = columnsOf(table);
      for (const column of columns.filter((c) => !present.has(c))) {
        await db.schema.alterTable(table).addColumn(column, 'text').execute();
        // SQLite cannot add a UNIQUE column; a unique index holds the same constraint.
        if (column === 'oauth_state_hash')
          await db.schema
            .createIndex('connect_sessions_oauth_state_uq')
            .unique()
            .on(table)
            .column(column)
            .execute();
      }
    }
    if (!tables.some((t) => t.name === 'oauth_apps'))
      await db.schema
        .createTable('oauth_apps')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('client_secret_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('oauth_apps_pk', ['tenant_id', 'provider'])
        .execute();
  },
  // Nothing to undo: 0004's own `down` drops all of it.
  async down(): Promise<void> {},
};
