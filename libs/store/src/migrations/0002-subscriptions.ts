import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Outbound webhooks: subscriptions, the events kept for delivery and replay, one delivery row per
 * (subscription, event) — the durable retry state — and the log of attempts. Portable types only,
 * as in 0001; booleans are integers 0/1 because the two engines disagree on boolean columns.
 */
export const subscriptionsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('event_types', 'text', (c) => c.notNull()) // JSON array of patterns
      .addColumn('connection_id', 'text')
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('secret_enc', 'text', (c) => c.notNull())
      .addColumn('previous_secret_enc', 'text')
      .addColumn('previous_secret_expires_at', 'text')
      .addColumn('disabled_reason', 'text')
      .addColumn('failing_since', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // The connection filter must name a connection of the SAME tenant; the database enforces it,
      // and a deleted connection takes its subscriptions along instead of widening their filter.
      .addForeignKeyConstraint(
        'subscriptions_connection_fk',
        ['tenant_id', 'connection_id'],
        'connections',
        ['tenant_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex('subscriptions_tenant_idx').on('subscriptions').column('tenant_id').execute();

    // No foreign key to tenants: events arrive from Kafka and are only kept for tenants with a
    // matching subscription; the janitor removes them after the retention period.
    await db.schema
      .createTable('subscription_events')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('connection_id', 'text')
      .addColumn('event_time', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull()) // the CloudEvent exactly as consumed
      .addColumn('stored_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('subscription_events_pk', ['tenant_id', 'event_id'])
      .execute();
    await db.schema
      .createIndex('subscription_events_time_idx')
      .on('subscription_events')
      .columns(['tenant_id', 'event_time'])
      .execute();
    await db.schema
      .createIndex('subscription_events_stored_idx')
      .on('subscription_events')
      .column('stored_at')
      .execute();

    await db.schema
      .createTable('subscription_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subscription_id', 'text', (c) =>
        c.notNull().references('subscriptions.id').onDelete('cascade'),
      )
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()) // pending | delivered | failed
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // Its event goes when the retention purge removes the event.
      .addForeignKeyConstraint(
        'subscription_deliveries_event_fk',
        ['tenant_id', 'event_id'],
        'subscription_events',
        ['tenant_id', 'event_id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    // A redelivered Kafka message (crash before the offset commit) must not deliver twice.
    await db.schema
      .createIndex('subscription_deliveries_sub_event_uq')
      .unique()
      .on('subscription_deliveries')
      .columns(['subscription_id', 'event_id'])
      .execute();
    // The scheduler's two probes per subscription: its oldest due rows, and its rows in flight.
    // Partial, so settled rows (almost all of them) do not bloat them.
    await db.schema
      .createIndex('subscription_deliveries_due_idx')
      .on('subscription_deliveries')
      .columns(['subscription_id', 'next_attempt_at'])
      .where(sql.ref('status'), '=', 'pending')
      .execute();
    await db.schema
      .createIndex('subscription_deliveries_lease_idx')
      .on('subscription_deliveries')
      .columns(['subscription_id', 'lease_until'])
      .where(sql.ref('status'), '=', 'pending')
      .execute();
    await db.schema
      .createIndex('subscription_deliveries_event_idx')
      .on('subscription_deliveries')
      .columns(['tenant_id', 'event_id'])
      .execute();

    await db.schema
      .createTable('delivery_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subscription_id', 'text', (c) =>
        c.notNull().references('subscriptions.id').onDelete('cascade'),
      )
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('attempted_at', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('latency_ms', 'integer', (c) => c.notNull())
      .addColumn('error', 'text')
      .execute();
    await db.schema
      .createIndex('delivery_attempts_sub_time_idx')
      .on('delivery_attempts')
      .columns(['subscription_id', 'attempted_at', 'id'])
      .execute();
    await db.schema
      .createIndex('delivery_attempts_time_idx')
      .on('delivery_attempts')
      .column('attempted_at')
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'delivery_attempts',
      'subscription_deliveries',
      'subscription_events',
      'subscriptions',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

/*
 * The row shapes this migration creates, for the repositories (which add them to db/schema.ts's
 * Database with Kysely's withTables). A later migration that changes a table updates its shape here.
 */
export interface SubscriptionsTable {
  id: string;
  tenant_id: string;
  url: string;
  event_types: string;
  connection_id: string | null;
  enabled: number;
  description: string | null;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_expires_at: string | null;
  disabled_reason: string | null;
  failing_since: string | null;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionEventsTable {
  tenant_id: string;
  event_id: string;
  type: string;
  connection_id: string | null;
  event_time: string;
  body: string;
  stored_at: string;
  /** Added by 0008-event-trace-context. */
  trace_parent: string | null;
}

export interface SubscriptionDeliveriesTable {
  id: string;
  subscription_id: string;
  tenant_id: string;
  event_id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeliveryAttemptsTable {
  id: string;
  subscription_id: string;
  delivery_id: string;
  event_id: string;
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

/** The store's Database with these tables: what the subscription and delivery repositories query. */
export type SubscriptionDatabase = Database & {
  subscriptions: SubscriptionsTable;
  subscription_events: SubscriptionEventsTable;
  subscription_deliveries: SubscriptionDeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
};

export function withSubscriptionTables(db: Kysely<Database>): Kysely<SubscriptionDatabase> {
  return db.withTables<Omit<SubscriptionDatabase, keyof Database>>();
}

/**
 * `prefix_` + 32 hex digits: the creation time in ms (12 digits), then 80 random bits. Time first, so
 * new rows land at the end of the primary-key index instead of on a random page each: the dispatcher
 * inserts a delivery and an attempt row per delivery, and random keys made every batch's commit
 * rewrite a page per row (SQLite's WAL, PostgreSQL's full-page writes).
 */
export const newRowId = (prefix: 'sub' | 'dlv' | 'att'): string =>
  // randomUUID draws from a buffered entropy pool (randomBytes per id showed in the dispatcher's
  // profile); its last 20 hex digits carry 74 random bits.
  `${prefix}_${Date.now().toString(16).padStart(12, '0')}${randomUUID().replace(/-/g, '').slice(12)}`;

/** Rows per multi-row insert: far below both engines' bound-parameter limits. */
export const CHUNK = 500;

/** A delivery of an event to a subscription, due at `due`, with a fresh retry schedule. */
export function pendingDeliveryRow(
  subscriptionId: string,
  tenantId: string,
  eventId: string,
  due: Date,
  now: string,
): SubscriptionDeliveriesTable {
  return {
    id: newRowId('dlv'),
    subscription_id: subscriptionId,
    tenant_id: tenantId,
    event_id: eventId,
    status: 'pending',
    attempts: 0,
    next_attempt_at: due.toISOString(),
    lease_owner: null,
    lease_until: null,
    last_status_code: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
}
