import { type Kysely, type Migration } from 'kysely';

/**
 * The W3C `traceparent` of the dispatcher's span that consumed each retained event (null when tracing
 * was off), so a delivery attempt made later (a retry, another instance) continues the event's trace
 * (docs/operations/observability.md).
 */
export const eventTraceContextMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('subscription_events').addColumn('trace_parent', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('subscription_events').dropColumn('trace_parent').execute();
  },
};
