import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { MIGRATION_NAMES, migrateToLatest } from './index';

/** `use` on a fresh in-memory SQLite database, destroyed afterwards whatever happens. */
async function withDatabase(use: (db: Kysely<unknown>) => Promise<void>): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
  try {
    await use(db);
  } finally {
    await db.destroy();
  }
}

/** Applies the migrations up to and including `name`; the names applied. */
const migrateTo = (db: Kysely<unknown>, name: string) =>
  migrateToLatest(db, 'sqlite', undefined, undefined, name);

/** Every table's columns (name, type, nullability) and indexes, sorted: what a migration left behind. */
async function schemaOf(db: Kysely<unknown>): Promise<Record<string, string[]>> {
  const schema: Record<string, string[]> = {};
  for (const table of await db.introspection.getTables()) {
    const columns = table.columns.map((c) => `${c.name} ${c.dataType}${c.isNullable ? '' : ' not null'}`);
    const { rows } = await sql<{
      name: string;
      unique: number;
    }>`select name, "unique" from pragma_index_list(${table.name})`.execute(db);
    const indexes = rows
      .filter((r) => !r.name.startsWith('sqlite_autoindex'))
      .map((r) => `index ${r.name}${r.unique ? ' unique' : ''}`);
    schema[table.name] = [...columns, ...indexes.sort()];
  }
  return schema;
}

/**
 * A released migration never changes: a database that applied it is never migrated by it again, so an edit
 * reaches only new databases (0004 was edited three times; 0009 repairs the databases it left behind). The
 * schema each migration leaves is snapshotted; a new migration's snapshot is written when it is first run
 * (outside CI) and committed with it.
 */
describe('released migrations', () => {
  it.each(MIGRATION_NAMES.map((name) => [name]))('%s leaves the schema it left when released', (name) =>
    withDatabase(async (db) => {
      await migrateTo(db, name);
      expect(await schemaOf(db)).toMatchSnapshot();
    }),
  );

  it('0009 adds to a database from an early 0004 what later versions of 0004 added, and nothing to a current one', async () => {
    await withDatabase(async (db) => {
      await migrateTo(db, '0008-event-trace-context');
      const current = await schemaOf(db);
      // A database that applied 0004 as first released: no OAuth round trips, token lifecycle or webhooks.
      await db.schema.dropTable('oauth_apps').execute();
      for (const column of ['oauth_browser_hash', 'oauth_provider', 'oauth_settings', 'oauth_verifier_enc'])
        await db.schema.alterTable('connect_sessions').dropColumn(column).execute();
      for (const column of [
        'auth_method',
        'auth_status',
        'refresh_lease_owner',
        'refresh_lease_until',
        'webhook_hook_id',
        'webhook_state',
        'webhook_checked_at',
        'webhook_error',
      ])
        await db.schema.alterTable('connections').dropColumn(column).execute();
      expect(await migrateTo(db, '0009-connect-columns-repair')).toEqual(['0009-connect-columns-repair']);
      const repaired = await schemaOf(db);
      for (const table of ['connections', 'connect_sessions', 'oauth_apps'])
        expect(new Set(repaired[table].filter((c) => !c.startsWith('index')))).toEqual(
          new Set(current[table].filter((c) => !c.startsWith('index'))),
        );
    });

    await withDatabase(async (fresh) => {
      await migrateTo(fresh, '0008-event-trace-context');
      const before = await schemaOf(fresh);
      await migrateTo(fresh, '0009-connect-columns-repair');
      expect(await schemaOf(fresh)).toEqual(before);
    });
  });

  it('0009 restores the uniqueness of OAuth states on a database that had no such column', () =>
    withDatabase(async (db) => {
      await migrateTo(db, '0003-override-failures');
      // 0004 as first released (2bc3e2e): sessions without any oauth_* column.
      await db.schema
        .createTable('connect_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .execute();
      const appliedAt = new Date(Date.now() + 1000).toISOString(); // after 0001–0003, as the migrator orders them
      await sql`insert into kysely_migration (name, timestamp) values ('0004-connect-sessions', ${appliedAt})`.execute(
        db,
      );
      await db.schema.createTable('connect_settings').addColumn('tenant_id', 'text').execute();
      await db.schema.alterTable('connections').addColumn('external_id', 'text').execute();
      await migrateTo(db, '0009-connect-columns-repair');
      await sql`insert into connect_sessions (id, tenant_id, oauth_state_hash) values ('a', 't', 'h')`.execute(
        db,
      );
      // The refusal read as text: better-sqlite3's error is not always an Error of the test's realm, and
      // `rejects.toThrow` then reports "did not throw" (seen once in CI).
      const refusal =
        await sql`insert into connect_sessions (id, tenant_id, oauth_state_hash) values ('b', 't', 'h')`
          .execute(db)
          .then(
            () => 'inserted',
            (error: unknown) => String((error as { message?: unknown }).message ?? error),
          );
      expect(refusal).toMatch(/UNIQUE constraint failed: connect_sessions.oauth_state_hash/);
    }));
});
