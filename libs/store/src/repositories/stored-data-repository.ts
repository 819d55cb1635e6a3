import type { Kysely } from 'kysely';
import { resealBodies, type Resealing } from '../crypto/body-resealer';
import type { CredentialCipher } from '../crypto/credential-cipher';
import { requireCipher } from '../crypto/sealed-text';
import type { Database } from '../db/schema';
import { withSubscriptionTables } from '../migrations/0002-subscriptions';
import type { PurgedData, StoredDataRepository } from '../types';

/**
 * Everything kept about one connection's tickets: retained events (their deliveries go with them by
 * ON DELETE CASCADE), the attempt log of those events, idempotency records and webhook dedup keys.
 * Run inside the transaction that deletes the connection, so nothing of it outlives it. A connection
 * of another tenant matches nothing.
 */
export async function purgeConnectionData(
  db: Kysely<Database>,
  tenantId: string,
  connectionId: string,
): Promise<PurgedData> {
  const owned = await db
    .selectFrom('connections')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', connectionId)
    .executeTakeFirst();
  if (!owned) return { events: 0, attempts: 0, idempotency: 0, dedup: 0 };
  const sdb = withSubscriptionTables(db);
  const attempts = await sdb
    .deleteFrom('delivery_attempts')
    .where('subscription_id', 'in', (eb) =>
      eb.selectFrom('subscriptions').select('id').where('tenant_id', '=', tenantId),
    )
    .where('event_id', 'in', (eb) =>
      eb
        .selectFrom('subscription_events')
        .select('event_id')
        .where('tenant_id', '=', tenantId)
        .where('connection_id', '=', connectionId),
    )
    .executeTakeFirst();
  const events = await sdb
    .deleteFrom('subscription_events')
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  const idempotency = await db
    .deleteFrom('idempotency_keys')
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  const dedup = await db
    .deleteFrom('webhook_deliveries')
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  return counts(events, attempts, idempotency, dedup);
}

const counts = (...[events, attempts, idempotency, dedup]: { numDeletedRows: bigint }[]): PurgedData => ({
  events: Number(events.numDeletedRows),
  attempts: Number(attempts.numDeletedRows),
  idempotency: Number(idempotency.numDeletedRows),
  dedup: Number(dedup.numDeletedRows),
});

/** Ticket content at rest across tables: a tenant's purge, and key rotation of the sealed bodies. */
export class SqlStoredDataRepository implements StoredDataRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: CredentialCipher | undefined,
  ) {}

  async purgeTenant(tenantId: string): Promise<PurgedData> {
    return this.db.transaction().execute(async (trx) => {
      const sdb = withSubscriptionTables(trx);
      const attempts = await sdb
        .deleteFrom('delivery_attempts')
        .where('subscription_id', 'in', (eb) =>
          eb.selectFrom('subscriptions').select('id').where('tenant_id', '=', tenantId),
        )
        .executeTakeFirst();
      const events = await sdb
        .deleteFrom('subscription_events')
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      const idempotency = await trx
        .deleteFrom('idempotency_keys')
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      const dedup = await trx
        .deleteFrom('webhook_deliveries')
        .where('connection_id', 'in', (eb) =>
          eb.selectFrom('connections').select('id').where('tenant_id', '=', tenantId),
        )
        .executeTakeFirst();
      return counts(events, attempts, idempotency, dedup);
    });
  }

  async rotate(): Promise<Resealing> {
    return resealBodies(this.db, requireCipher(this.cipher, 'stored bodies'));
  }
}
