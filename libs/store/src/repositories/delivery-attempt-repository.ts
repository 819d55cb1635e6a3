import type { Kysely } from 'kysely';
import type { CredentialCipher } from '../crypto/credential-cipher';
import { eventBodyAad, openText } from '../crypto/sealed-text';
import type { Database } from '../db/schema';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryAttempt,
  DeliveryAttemptRepository,
  DeliveryResolution,
  EnqueueItem,
  EventSummary,
  FinishedAttempt,
  IntakeLease,
  SubscriptionShare,
} from '../types';
import {
  CHUNK,
  withSubscriptionTables,
  type SubscriptionDatabase,
  type SubscriptionEventsTable,
} from '../migrations/0002-subscriptions';
import { dueRows, PENDING, settleAttempts, unleased, type SubscriptionQuota } from './delivery-batches';
import { enqueueRun } from './delivery-intake';
import { SigningSecretCache } from './signing-secret-cache';

/** Subscriptions probed by one scan (see quotas). */
const PROBES_PER_SCAN = 200;

const EVENT_SUMMARY = ['tenant_id', 'event_id', 'type', 'connection_id', 'event_time'] as const;

const toSummary = (row: Pick<SubscriptionEventsTable, (typeof EVENT_SUMMARY)[number]>): EventSummary => ({
  tenantId: row.tenant_id,
  eventId: row.event_id,
  type: row.type,
  connectionId: row.connection_id,
  time: row.event_time,
});

const encodeCursor = (a: DeliveryAttempt) =>
  Buffer.from(JSON.stringify([a.attempted_at, a.id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return [value[0] as string, value[1] as string];
    }
  } catch {
    // not a cursor of ours: undefined below
  }
  return undefined;
}

/** Thrown for a `before` cursor this repository did not issue. */
export class InvalidCursorError extends Error {}

/**
 * The dispatcher's durable queue: retained events, one delivery row per (subscription, event) with its
 * retry state and lease, and the attempt log. Writes are grouped per batch: a consumed run's events and
 * deliveries commit in one transaction (idempotent, so a re-consumed run adds nothing; offsets commit
 * after), a claim is one UPDATE, and a batch of finished attempts commits in one transaction.
 */
export class SqlDeliveryAttemptRepository implements DeliveryAttemptRepository {
  private readonly db: Kysely<SubscriptionDatabase>;
  private readonly secrets: SigningSecretCache;

  constructor(
    db: Kysely<Database>,
    private readonly cipher: CredentialCipher | undefined,
  ) {
    this.db = withSubscriptionTables(db);
    this.secrets = new SigningSecretCache(cipher);
  }

  async enqueue(items: readonly EnqueueItem[], firstAttemptAt: Date): Promise<number> {
    return (await enqueueRun(this.db, this.cipher, this.secrets, items, firstAttemptAt)).added;
  }

  enqueueLeased(items: readonly EnqueueItem[], firstAttemptAt: Date, lease: IntakeLease) {
    return enqueueRun(this.db, this.cipher, this.secrets, items, firstAttemptAt, lease);
  }

  /**
   * How many due rows each subscription may hand out now, oldest work first across subscriptions so
   * none waits behind another's backlog. Driven by subscriptions, each probe an index range of a few
   * rows, so the cost does not grow with a backlog. Rows leased by any instance use up their
   * subscription's slots: the bound holds across dispatcher instances (strictly within one, best
   * effort between two). `settling` (per subscription) are rows of the claimer's own that are answered
   * and only wait for their record: they are not counted.
   */
  private async quotas(
    db: Kysely<SubscriptionDatabase>,
    at: string,
    perSubscription: SubscriptionShare,
    limit: number,
    settling?: ReadonlyMap<string, number>,
  ): Promise<SubscriptionQuota[]> {
    const candidates = await db
      .selectFrom('subscriptions as s')
      .select('s.id')
      .select((eb) => [
        // Of its unleased rows: a subscription whose due rows are all leased is not ready, and does
        // not keep its place at the front ahead of those still waiting.
        eb
          .selectFrom('subscription_deliveries as d')
          .select((e) => e.fn.min('d.next_attempt_at').as('oldest'))
          .whereRef('d.subscription_id', '=', 's.id')
          .where('d.status', '=', PENDING)
          .where((e) => e.or([e('d.lease_until', 'is', null), e('d.lease_until', '<=', at)]))
          .as('oldest'),
        eb
          .selectFrom('subscription_deliveries as b')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('b.subscription_id', '=', 's.id')
          .where('b.status', '=', PENDING)
          .where('b.lease_until', '>', at)
          .as('busy'),
      ])
      .where('s.enabled', '=', 1)
      .execute();
    const busy = (c: { id: string; busy: unknown }) =>
      Math.max(0, Number(c.busy) - (settling?.get(c.id) ?? 0));
    const shareOf = typeof perSubscription === 'number' ? () => perSubscription : perSubscription;
    const ready = candidates
      .filter((c) => c.oldest !== null && c.oldest <= at && busy(c) < shareOf(c.id))
      .sort((x, y) => (x.oldest! < y.oldest! ? -1 : x.oldest! > y.oldest! ? 1 : 0));
    // Each ready subscription (the `limit` oldest) may hand out all its free slots: how many rows it
    // really has due is only known from the read, which findDue cuts to `limit` oldest first. (Charging a
    // quota's whole size against `limit` starved every subscription after the first few.) At most
    // PROBES_PER_SCAN of them: each is an arm of one UNION ALL, and SQLite refuses more than 500 arms;
    // the next scan takes the next oldest.
    const quotas: SubscriptionQuota[] = ready.slice(0, Math.min(limit, PROBES_PER_SCAN)).map((candidate) => ({
      id: candidate.id,
      take: Math.min(shareOf(candidate.id) - busy(candidate), limit),
    }));
    return quotas;
  }

  async findDue(now: Date, perSubscription: number, limit: number) {
    const at = now.toISOString();
    return (await dueRows(this.db, await this.quotas(this.db, at, perSubscription, limit), at)).slice(
      0,
      limit,
    );
  }

  async claimDue(
    now: Date,
    perSubscription: SubscriptionShare,
    limit: number,
    owner: string,
    until: Date,
    settling?: ReadonlyMap<string, number>,
  ): Promise<ClaimedDelivery[]> {
    const at = now.toISOString();
    // One connection for the claim's statements: on SQLite (one connection, shared) they then run
    // back to back instead of each queueing behind the intake's transactions (a claim during a busy
    // intake measured 30-56 ms, starving the send slots); on PostgreSQL, one pooled client.
    return this.db.connection().execute(async (db) => {
      const quotas = await this.quotas(db, at, perSubscription, limit, settling);
      // Read, then lease exactly those ids. One UPDATE whose `id IN (…)` held the probes' UNION ALL let
      // PostgreSQL, planning with statistics from before a backlog (few pending rows), run the probes
      // once per pending row: 1.3 s per claim with 16,000 pending, measured. A list of ids is an index
      // lookup whatever the statistics; of two racing claimers each row still goes to one.
      const due = (await dueRows(db, quotas, at)).slice(0, limit);
      return this.claimOn(
        db,
        due.map((d) => d.id),
        owner,
        now,
        until,
      );
    });
  }

  claim(ids: readonly string[], owner: string, now: Date, until: Date): Promise<ClaimedDelivery[]> {
    return this.claimOn(this.db, ids, owner, now, until);
  }

  private async claimOn(
    db: Kysely<SubscriptionDatabase>,
    ids: readonly string[],
    owner: string,
    now: Date,
    until: Date,
  ): Promise<ClaimedDelivery[]> {
    if (ids.length === 0) return [];
    const at = now.toISOString();
    // The lease predicate is repeated in the UPDATE: a concurrent claimer that got there first
    // makes it false (PostgreSQL re-checks it after the row lock), so each row has one owner.
    const won = await db
      .updateTable('subscription_deliveries')
      .set({ lease_owner: owner, lease_until: until.toISOString() })
      .where('id', 'in', [...ids])
      .where('status', '=', 'pending')
      .where(unleased(at))
      .returning('id')
      .execute();
    return this.loadClaimed(
      db,
      won.map((w) => w.id),
      owner,
      now,
    );
  }

  /** What sending needs, for deliveries this owner has just leased: one read for all of them. */
  private async loadClaimed(
    db: Kysely<SubscriptionDatabase>,
    wonIds: readonly string[],
    owner: string,
    now: Date,
  ): Promise<ClaimedDelivery[]> {
    if (wonIds.length === 0) return [];
    const at = now.toISOString();
    const rows = await db
      .selectFrom('subscription_deliveries as d')
      .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
      .innerJoin('subscription_events as e', (join) =>
        join.onRef('e.tenant_id', '=', 'd.tenant_id').onRef('e.event_id', '=', 'd.event_id'),
      )
      .select(['d.id', 'd.subscription_id', 'd.tenant_id', 'd.event_id', 'd.attempts', 's.url', 'e.body'])
      .select('e.trace_parent')
      .select(['s.secret_enc', 's.previous_secret_enc', 's.previous_secret_expires_at', 's.failing_since'])
      .where('d.id', 'in', [...wonIds])
      .where('d.lease_owner', '=', owner)
      .execute();
    // An event going to several subscriptions is opened once.
    const bodies = new Map<string, string | undefined>();
    // A key missing from ENCRYPTION_KEYS yields no secrets: that delivery is recorded as not sent.
    return rows.map(({ secret_enc, previous_secret_enc, previous_secret_expires_at, body, ...delivery }) => {
      const sealed = { subscription_id: delivery.subscription_id, secret_enc, previous_secret_enc };
      const secrets = this.secrets.open(sealed, at, previous_secret_expires_at);
      const bodyKey = `${delivery.tenant_id}\n${delivery.event_id}`;
      if (!bodies.has(bodyKey))
        bodies.set(bodyKey, this.openBody(delivery.tenant_id, delivery.event_id, body));
      const opened = bodies.get(bodyKey);
      return { ...delivery, body: opened ?? '', secrets: opened === undefined ? [] : secrets };
    });
  }

  /** The event as consumed; undefined when its key is not loaded (the delivery is then not sent). */
  private openBody(tenantId: string, eventId: string, stored: string): string | undefined {
    try {
      return openText(this.cipher, stored, eventBodyAad(tenantId, eventId));
    } catch {
      return undefined;
    }
  }

  async finish(
    delivery: ClaimedDelivery,
    owner: string,
    attempt: AttemptRecord,
    resolution: DeliveryResolution,
  ): Promise<boolean> {
    const [settled] = await settleAttempts(this.db, [{ delivery, owner, attempt, resolution }]);
    return settled;
  }

  async release(ids: readonly string[], owner: string): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await this.db
        .updateTable('subscription_deliveries')
        .set({ lease_owner: null, lease_until: null })
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .where('lease_owner', '=', owner)
        .where('status', '=', 'pending')
        .execute();
    }
  }

  finishAll(attempts: readonly FinishedAttempt[]): Promise<boolean[]> {
    return settleAttempts(this.db, attempts);
  }

  async listAttempts(subscriptionId: string, options: { limit: number; before?: string }) {
    const cursor = options.before === undefined ? undefined : decodeCursor(options.before);
    if (options.before !== undefined && !cursor) throw new InvalidCursorError('invalid cursor');
    const rows = await this.db
      .selectFrom('delivery_attempts')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .$if(cursor !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('attempted_at', '<', cursor![0]),
            eb.and([eb('attempted_at', '=', cursor![0]), eb('id', '<', cursor![1])]),
          ]),
        ),
      )
      .orderBy('attempted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit + 1)
      .execute();
    const result = rows.slice(0, options.limit).map(({ subscription_id: _, ...attempt }) => attempt);
    const more = rows.length > options.limit;
    return { result, next_cursor: more ? encodeCursor(result[result.length - 1]) : null };
  }

  async findRetainedEvent(tenantId: string, eventId: string): Promise<EventSummary | undefined> {
    const row = await this.db
      .selectFrom('subscription_events')
      .select(EVENT_SUMMARY)
      .where('tenant_id', '=', tenantId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row && toSummary(row);
  }

  async listRetainedEvents(tenantId: string, since: Date, limit: number): Promise<EventSummary[]> {
    const rows = await this.db
      .selectFrom('subscription_events')
      .select(EVENT_SUMMARY)
      .where('tenant_id', '=', tenantId)
      .where('event_time', '>=', since.toISOString())
      .orderBy('event_time')
      .orderBy('event_id')
      .limit(limit)
      .execute();
    return rows.map(toSummary);
  }

  async purgeOlderThan(date: Date): Promise<{ events: number; attempts: number }> {
    const cutoff = date.toISOString();
    // Deliveries of a purged event go with it (ON DELETE CASCADE); pending ones keep their event.
    const events = await this.db
      .deleteFrom('subscription_events')
      .where('stored_at', '<', cutoff)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('subscription_deliveries as d')
              .select('d.id')
              .whereRef('d.tenant_id', '=', 'subscription_events.tenant_id')
              .whereRef('d.event_id', '=', 'subscription_events.event_id')
              .where('d.status', '=', 'pending'),
          ),
        ),
      )
      .executeTakeFirst();
    const attempts = await this.db
      .deleteFrom('delivery_attempts')
      .where('attempted_at', '<', cutoff)
      .executeTakeFirst();
    return { events: Number(events.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
  }
}
