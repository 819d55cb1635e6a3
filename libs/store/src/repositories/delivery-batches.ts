import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { nowIso } from '../ids';
import type { FinishedAttempt } from '../types';
import { CHUNK, newRowId, type SubscriptionDatabase } from '../migrations/0002-subscriptions';

/** A literal, not a parameter: PostgreSQL matches partial indexes (WHERE status = 'pending') only then. */
export const PENDING = sql.lit<'pending'>('pending');

/** How many due rows to take from each subscription: at most `perSubscription` minus its rows in flight. */
export interface SubscriptionQuota {
  id: string;
  take: number;
}

/**
 * The oldest due, unleased rows of each subscription, up to its quota, in ONE read: the
 * per-subscription probes (each an index range of a few rows) are the arms of one UNION ALL, so a
 * scan costs one round trip whatever the number of subscriptions. The caller then leases exactly
 * these ids with one UPDATE: of two instances racing for the same rows one gets them, the other none,
 * rather than the next ones beyond the subscription's slots.
 */
export async function dueRows(
  db: Kysely<SubscriptionDatabase>,
  quotas: readonly SubscriptionQuota[],
  at: string,
): Promise<{ id: string; subscription_id: string }[]> {
  if (quotas.length === 0) return [];
  const rows = await dueUnion(db, quotas, at).execute();
  // Oldest work first across subscriptions, as the quotas are ordered.
  return rows
    .sort((x, y) =>
      x.next_attempt_at < y.next_attempt_at ? -1 : x.next_attempt_at > y.next_attempt_at ? 1 : 0,
    )
    .map(({ id, subscription_id }) => ({ id, subscription_id }));
}

/** Each subscription's oldest due, unleased rows up to its quota: the arms of one UNION ALL. */
function dueUnion(db: Kysely<SubscriptionDatabase>, quotas: readonly SubscriptionQuota[], at: string) {
  const probe = ({ id, take }: SubscriptionQuota) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('subscription_deliveries')
          .select(['id', 'subscription_id', 'next_attempt_at'])
          .where('subscription_id', '=', id)
          .where('status', '=', PENDING)
          .where('next_attempt_at', '<=', at)
          .where(unleased(at))
          // Not `, id` as well: rows of one consumed run share their due time, and a tie-break outside
          // the index made every probe read and sort the whole run (hundreds of rows) to return a few.
          // Ties come in index order (insertion order on both engines).
          .orderBy('next_attempt_at')
          .limit(take)
          .as('p'),
      )
      .select(['p.id', 'p.subscription_id', 'p.next_attempt_at']);
  return quotas.slice(1).reduce((query, quota) => query.unionAll(probe(quota)), probe(quotas[0]));
}

export const unleased =
  (at: string) =>
  (eb: ExpressionBuilder<SubscriptionDatabase, 'subscription_deliveries'>): Expression<SqlBool> =>
    eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]);

/**
 * Logs a batch of attempts and settles their deliveries in one transaction: one multi-row insert into
 * the attempt log, then one UPDATE per distinct outcome (a healthy endpoint's batch is a single
 * "delivered, 200" UPDATE). A row whose lease was lost meanwhile is not settled (its attempt is still
 * logged: it did happen). Returns, per attempt in order, whether its delivery was settled.
 */
export async function settleAttempts(
  db: Kysely<SubscriptionDatabase>,
  attempts: readonly FinishedAttempt[],
): Promise<boolean[]> {
  if (attempts.length === 0) return [];
  const updatedAt = nowIso();
  const log = attempts.map(({ delivery, attempt }) => ({
    id: newRowId('att'),
    subscription_id: delivery.subscription_id,
    delivery_id: delivery.id,
    event_id: delivery.event_id,
    attempt: delivery.attempts + 1,
    attempted_at: attempt.attemptedAt.toISOString(),
    status_code: attempt.statusCode,
    latency_ms: attempt.latencyMs,
    error: attempt.error,
  }));
  // Deliveries with the same outcome and the same attempt count share one UPDATE.
  const groups = new Map<string, FinishedAttempt[]>();
  for (const finished of attempts) {
    const { delivery, owner, attempt, resolution } = finished;
    const next = resolution.status === 'pending' ? resolution.nextAttemptAt.toISOString() : null;
    const key = JSON.stringify([
      owner,
      delivery.attempts,
      resolution.status,
      next,
      attempt.statusCode,
      attempt.error,
    ]);
    groups.set(key, [...(groups.get(key) ?? []), finished]);
  }
  const settled = new Set<string>();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < log.length; i += CHUNK) {
      await trx
        .insertInto('delivery_attempts')
        .values(log.slice(i, i + CHUNK))
        .execute();
    }
    for (const group of groups.values()) {
      const { delivery, owner, attempt, resolution } = group[0];
      const set: Partial<SubscriptionDatabase['subscription_deliveries']> = {
        status: resolution.status,
        attempts: delivery.attempts + 1,
        last_status_code: attempt.statusCode,
        last_error: attempt.error,
        lease_owner: null,
        lease_until: null,
        updated_at: updatedAt,
      };
      if (resolution.status === 'pending') set.next_attempt_at = resolution.nextAttemptAt.toISOString();
      for (let i = 0; i < group.length; i += CHUNK) {
        const rows = await trx
          .updateTable('subscription_deliveries')
          .set(set)
          .where(
            'id',
            'in',
            group.slice(i, i + CHUNK).map((g) => g.delivery.id),
          )
          .where('lease_owner', '=', owner)
          .where('status', '=', 'pending')
          .returning('id')
          .execute();
        rows.forEach((r) => settled.add(r.id));
      }
    }
  });
  return attempts.map((a) => settled.has(a.delivery.id));
}
