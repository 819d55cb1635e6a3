import type { Kysely, Transaction } from 'kysely';
import type { CredentialCipher } from '../crypto/credential-cipher';
import { eventBodyAad, requireCipher } from '../crypto/sealed-text';
import { nowIso } from '../ids';
import type { ClaimedDelivery, EnqueueItem, EnqueueResult, IntakeLease } from '../types';
import {
  CHUNK,
  pendingDeliveryRow,
  type SubscriptionDatabase,
  type SubscriptionDeliveriesTable,
} from '../migrations/0002-subscriptions';
import type { SigningSecretCache } from './signing-secret-cache';

/** What signing and sending need of a subscription, read inside the intake's transaction. */
interface Sender {
  url: string;
  secrets: string[];
  failing_since: string | null;
}

/**
 * Writes a consumed run: its events (sealed) and one pending delivery per (subscription, event), in
 * one transaction, idempotent on both (a re-consumed run adds nothing). With a `lease`, new
 * deliveries of enabled subscriptions are leased to that instance in the same INSERT, up to the
 * share it may hold of each, and returned ready to send: no claim (scan, UPDATE, joined read, body
 * opened again) for them. They are durable and leased exactly as claimed rows are, so a crash
 * leaves them to whoever claims them once the lease ends.
 */
export async function enqueueRun(
  db: Kysely<SubscriptionDatabase>,
  cipher: CredentialCipher | undefined,
  secrets: SigningSecretCache,
  items: readonly EnqueueItem[],
  firstAttemptAt: Date,
  lease?: IntakeLease,
): Promise<EnqueueResult> {
  const now = nowIso();
  const sealer = requireCipher(cipher, 'retained events');
  // The whole CloudEvent (remote_data included) is ticket content: sealed at rest, bound to its row.
  const events = items.map(({ event: e }) => ({
    tenant_id: e.tenantId,
    event_id: e.eventId,
    type: e.type,
    connection_id: e.connectionId,
    event_time: e.time,
    body: sealer.encrypt(e.body, eventBodyAad(e.tenantId, e.eventId)),
    stored_at: now,
    trace_parent: e.traceparent ?? null,
  }));
  // One transaction for the run: one commit instead of one per statement. Events first: the
  // deliveries' foreign key needs them. A repeat of either is a no-op.
  return db.transaction().execute(async (trx) => {
    for (let i = 0; i < events.length; i += CHUNK) {
      await trx
        .insertInto('subscription_events')
        .values(events.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['tenant_id', 'event_id']).doNothing())
        .execute();
    }
    const senders = lease ? await sendersOf(trx, secrets, items, lease, now) : new Map<string, Sender>();
    const rows: SubscriptionDeliveriesTable[] = [];
    const leased = new Map<string, ClaimedDelivery>();
    const taken = new Map<string, number>();
    for (const { event: e, subscriptionIds } of items) {
      for (const subscriptionId of subscriptionIds) {
        const row = pendingDeliveryRow(subscriptionId, e.tenantId, e.eventId, firstAttemptAt, now);
        const sender = senders.get(subscriptionId);
        const share = taken.get(subscriptionId) ?? 0;
        if (lease && sender && share < lease.slotsFor(subscriptionId) && leased.size < lease.limit) {
          taken.set(subscriptionId, share + 1);
          row.lease_owner = lease.owner;
          row.lease_until = lease.until.toISOString();
          leased.set(row.id, {
            id: row.id,
            subscription_id: subscriptionId,
            tenant_id: e.tenantId,
            event_id: e.eventId,
            attempts: 0,
            url: sender.url,
            body: e.body,
            secrets: sender.secrets,
            failing_since: sender.failing_since,
            trace_parent: e.traceparent ?? null,
          });
        }
        rows.push(row);
      }
    }
    const added = new Set<string>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const inserted = await trx
        .insertInto('subscription_deliveries')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
        .returning('id')
        .execute();
      inserted.forEach((r) => added.add(r.id));
    }
    // A delivery that already existed (a re-consumed run) was not inserted, so not leased either.
    return { added: added.size, leased: [...leased.values()].filter((d) => added.has(d.id)) };
  });
}

/** The run's enabled subscriptions this instance may lease for, with their opened signing secrets. */
async function sendersOf(
  trx: Transaction<SubscriptionDatabase>,
  secrets: SigningSecretCache,
  items: readonly EnqueueItem[],
  lease: IntakeLease,
  now: string,
): Promise<Map<string, Sender>> {
  const ids = [...new Set(items.flatMap((item) => item.subscriptionIds))].filter(
    (id) => lease.slotsFor(id) > 0,
  );
  const senders = new Map<string, Sender>();
  if (ids.length === 0 || lease.limit <= 0) return senders;
  const rows = await trx
    .selectFrom('subscriptions')
    .select(['id', 'url', 'secret_enc', 'previous_secret_enc', 'previous_secret_expires_at', 'failing_since'])
    .where('id', 'in', ids)
    .where('enabled', '=', 1)
    .execute();
  for (const row of rows) {
    const opened = secrets.open({ ...row, subscription_id: row.id }, now, row.previous_secret_expires_at);
    // A secret that cannot be opened: left to the claim, which records the delivery as not sent.
    if (opened.length > 0)
      senders.set(row.id, { url: row.url, secrets: opened, failing_since: row.failing_since });
  }
  return senders;
}
