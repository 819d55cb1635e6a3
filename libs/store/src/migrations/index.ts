import { setTimeout as sleep } from 'node:timers/promises';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial';
import { subscriptionsMigration } from './0002-subscriptions';
import { overrideFailuresMigration } from './0003-override-failures';
import { connectSessionsMigration } from './0004-connect-sessions';
import { sealedBodiesMigration } from './0005-sealed-bodies';
import { pollStateMigration } from './0006-poll-state';
import { syncJobsMigration } from './0007-sync-jobs';
import { eventTraceContextMigration } from './0008-event-trace-context';
import { connectColumnsRepairMigration } from './0009-connect-columns-repair';
import type { CredentialCipher } from '../crypto/credential-cipher';

/**
 * Migrations are compiled into the lib (not read from a folder at run time), so they work the same
 * under ts-jest, ts-node and the built dist. Names sort in order; never rename or edit a released
 * one, add a new entry instead.
 */
const migrations = (cipher: CredentialCipher | undefined): Readonly<Record<string, Migration>> => ({
  '0001-initial': initialMigration,
  '0002-subscriptions': subscriptionsMigration,
  '0003-override-failures': overrideFailuresMigration,
  '0004-connect-sessions': connectSessionsMigration,
  // Data migrations that seal or open values need the store's key ring.
  '0005-sealed-bodies': sealedBodiesMigration(cipher),
  '0006-poll-state': pollStateMigration,
  '0007-sync-jobs': syncJobsMigration,
  '0008-event-trace-context': eventTraceContextMigration,
  '0009-connect-columns-repair': connectColumnsRepairMigration,
});

const SQLITE_ATTEMPTS = 5;

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly cipher: CredentialCipher | undefined) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return { ...migrations(this.cipher) };
  }
}

/** The names of every migration, in the order they apply. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations(undefined)).sort();

/**
 * Applies every pending migration and returns their names; a no-op when the schema is current.
 * `upTo` stops after the named one (tests of a data migration start from the schema before it).
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  driver: 'sqlite' | 'postgres',
  schema?: string,
  cipher?: CredentialCipher,
  upTo?: string,
): Promise<string[]> {
  // PostgreSQL: the Migrator holds an advisory lock, so instances starting together apply each
  // migration once. SQLite: Kysely takes no lock, so a process racing another one may read
  // "nothing applied" and then trip over the other's tables (or SQLITE_BUSY) on its first statement;
  // once the winner has recorded its migrations a retry finds nothing left to do. A migration that is
  // really broken fails every attempt and is reported below. (Kysely runs SQLite migrations outside a
  // transaction: one that fails half-way leaves what it did, so a migration on SQLite must be safe to
  // run again after a crash — 0009 checks what exists before it adds.)
  const attempts = driver === 'sqlite' ? SQLITE_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt++) {
    // An explicit schema also scopes Kysely's "do the bookkeeping tables exist?" check, which
    // otherwise matches a same-named table in any schema of the database.
    const migrator = new Migrator({
      db,
      provider: new InCodeMigrationProvider(cipher),
      migrationTableSchema: schema,
    });
    const { error, results } =
      upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (attempt < attempts) {
      await sleep(100 * attempt);
      continue;
    }
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '(migration bookkeeping)';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`store: migration ${failed} failed: ${reason}`, { cause: error });
  }
}
