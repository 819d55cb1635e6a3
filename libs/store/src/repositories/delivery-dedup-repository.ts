import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { DeliveryDedupRepository, DeliveryPair } from '../types';
import { prepareQuery } from '../db/prepared-query';

/** Rows per INSERT: 3 parameters a row stays far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_INSERT = 500;

export class SqlDeliveryDedupRepository implements DeliveryDedupRepository {
  /** Once per webhook at the ingest: built and compiled once (db/prepared-query). */
  private readonly seenRow: (
    connectionId: string,
    deliveryId: string,
    notBefore: string,
  ) => Promise<unknown[]>;

  constructor(private readonly db: Kysely<Database>) {
    this.seenRow = prepareQuery(
      db,
      (connectionId: string, deliveryId: string, notBefore: string) =>
        db
          .selectFrom('webhook_deliveries')
          .select('delivery_id')
          .where('connection_id', '=', connectionId)
          .where('delivery_id', '=', deliveryId)
          .where('seen_at', '>=', notBefore),
      // Placeholders no real value equals (the primary key makes it one row at most).
      ['\u0000connection', '\u0000delivery', '\u0000not-before'] as [string, string, string],
    );
  }

  async claim(connectionId: string, deliveryId: string, seenAt: Date = new Date()): Promise<boolean> {
    // The primary key makes this atomic across instances: only one insert can win.
    const row = await this.db
      .insertInto('webhook_deliveries')
      .values({ connection_id: connectionId, delivery_id: deliveryId, seen_at: seenAt.toISOString() })
      .onConflict((oc) => oc.columns(['connection_id', 'delivery_id']).doNothing())
      .returning('delivery_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async claimAll(pairs: readonly DeliveryPair[], seenAt: Date = new Date()): Promise<void> {
    if (pairs.length === 0) return;
    const seen_at = seenAt.toISOString();
    const rows = pairs.map((p) => ({ connection_id: p.connectionId, delivery_id: p.deliveryId, seen_at }));
    const insert = (db: Kysely<Database>, chunk: typeof rows) =>
      db
        .insertInto('webhook_deliveries')
        .values(chunk)
        .onConflict((oc) => oc.columns(['connection_id', 'delivery_id']).doNothing())
        .execute();
    if (rows.length <= ROWS_PER_INSERT) {
      await insert(this.db, rows);
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
        await insert(trx, rows.slice(i, i + ROWS_PER_INSERT));
    });
  }

  async seen(connectionId: string, deliveryId: string, notBefore: Date): Promise<boolean> {
    return (await this.seenRow(connectionId, deliveryId, notBefore.toISOString())).length > 0;
  }

  async purgeOlderThan(date: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('webhook_deliveries')
      .where('seen_at', '<', date.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
