import type { Kysely, Migration } from 'kysely';
import { countPlainBodies, resealBodies } from '../crypto/body-resealer';
import type { CredentialCipher } from '../crypto/credential-cipher';

/**
 * Ticket content at rest is sealed like credentials: the dispatcher's retained CloudEvents and the
 * answers kept for Idempotency-Key replays are encrypted in place (same columns, `v1:` blobs bound to
 * their row). Idempotency records also learn their connection, so deleting a connection deletes them.
 *
 * Sealing needs the key ring, so this migration is built with the store's cipher; a database that
 * holds plain bodies cannot be migrated without one. Rows are sealed before the column is added:
 * SQLite runs migrations without a transaction, and a crash in between leaves a state a re-run
 * completes (sealing skips what is sealed).
 */
export function sealedBodiesMigration(cipher: CredentialCipher | undefined): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (cipher) await resealBodies(db, cipher);
      else {
        const plain = await countPlainBodies(db);
        if (plain > 0)
          throw new Error(
            `${plain} stored event or idempotency bodies are plain text and no encryption keys are configured to seal them (set ENCRYPTION_KEYS)`,
          );
      }
      await db.schema.alterTable('idempotency_keys').addColumn('connection_id', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      // Bodies stay sealed: the code before this migration cannot read them, so it is not a way back.
      await db.schema.alterTable('idempotency_keys').dropColumn('connection_id').execute();
    },
  };
}
