import { sql, type QueryExecutorProvider } from 'kysely';
import type { CredentialCipher } from './credential-cipher';
import { eventBodyAad, idempotencyBodyAad, resealed } from './sealed-text';

/** A table keeping ticket content in one text column, keyed by (tenant_id, one more column). */
interface BodyColumn {
  table: 'subscription_events' | 'idempotency_keys';
  key: 'event_id' | 'key';
  aad: (tenantId: string, key: string) => string;
}

export const STORED_BODIES: readonly BodyColumn[] = [
  { table: 'subscription_events', key: 'event_id', aad: eventBodyAad },
  { table: 'idempotency_keys', key: 'key', aad: idempotencyBodyAad },
];

const BATCH = 200;

interface BodyRow {
  tenant_id: string;
  k: string;
  body: string;
}

/** What a pass of {@link resealBodies} did. */
export interface Resealing {
  resealed: number;
  /** Sealed with a key that is not loaded, or not bound to their row (tampered): left as they are. */
  unreadable: number;
}

/**
 * Seals every body still in plain text and re-seals those of another key than the active one.
 * Keyset pages by primary key keep memory flat; each write is a compare-and-set on the old value,
 * so a row changed meanwhile is left as its writer made it. Safe to repeat.
 */
export async function resealBodies(db: QueryExecutorProvider, cipher: CredentialCipher): Promise<Resealing> {
  let changed = 0;
  let unreadable = 0;
  for (const column of STORED_BODIES) {
    const table = sql.table(column.table);
    const key = sql.ref(column.key);
    let after: [string, string] = ['', ''];
    for (;;) {
      const { rows } = await sql<BodyRow>`
        select tenant_id, ${key} as k, body from ${table}
        where body is not null and (tenant_id, ${key}) > (${after[0]}, ${after[1]})
        order by tenant_id, ${key} limit ${BATCH}`.execute(db);
      if (rows.length === 0) break;
      for (const row of rows) {
        let fresh: string | undefined;
        try {
          fresh = resealed(cipher, row.body, column.aad(row.tenant_id, row.k));
        } catch {
          // One row that cannot be opened must not stop the rotation of all the others.
          unreadable += 1;
          continue;
        }
        if (fresh === undefined) continue;
        const result = await sql`
          update ${table} set body = ${fresh}
          where tenant_id = ${row.tenant_id} and ${key} = ${row.k} and body = ${row.body}`.execute(db);
        changed += Number(result.numAffectedRows ?? 0);
      }
      const last = rows[rows.length - 1];
      after = [last.tenant_id, last.k];
    }
  }
  return { resealed: changed, unreadable };
}

/** How many stored bodies are still plain text (for a migration that has no key to seal them with). */
export async function countPlainBodies(db: QueryExecutorProvider): Promise<number> {
  let plain = 0;
  for (const column of STORED_BODIES) {
    // Sealed values start with `v1:`, JSON never does (see isSealed).
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(column.table)}
      where body is not null and substr(body, 1, 3) <> 'v1:'`.execute(db);
    plain += Number(rows[0]?.n ?? 0);
  }
  return plain;
}
