import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { DeliveryDedupRepository } from '../types';

export class SqlDeliveryDedupRepository implements DeliveryDedupRepository {
  constructor(private readonly db: Kysely<Database>) {}

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

  async seen(connectionId: string, deliveryId: string, notBefore: Date): Promise<boolean> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .select('delivery_id')
      .where('connection_id', '=', connectionId)
      .where('delivery_id', '=', deliveryId)
      .where('seen_at', '>=', notBefore.toISOString())
      .executeTakeFirst();
    return row !== undefined;
  }

  async purgeOlderThan(date: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('webhook_deliveries')
      .where('seen_at', '<', date.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
