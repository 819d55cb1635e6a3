import { Inject, Injectable, Logger } from '@nestjs/common';
import { startConsumedSpan, type ConsumedMessage } from '@app/bus';
import { tracerOf } from '@app/telemetry';
import { RetryPolicy, routes } from '@app/delivery';
import { STORE, type EnqueueItem, type Store, type StoredEvent, type Subscription } from '@app/store';
import { DeliveryScheduler } from './delivery-scheduler';

const TRACER = tracerOf('dispatcher');

/** The envelope fields routing needs; the rest of the CloudEvent travels untouched. */
export function parseChangeEvent(text: string): Omit<StoredEvent, 'body'> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const field = (key: string) =>
    typeof v[key] === 'string' && v[key] !== '' ? (v[key] as string) : undefined;
  const [eventId, type, tenantId] = [field('id'), field('type'), field('tenantid')];
  if (!eventId || !type || !tenantId) return undefined;
  const time = field('time');
  return {
    eventId,
    type,
    tenantId,
    connectionId: field('connectionid') ?? null,
    time: time && !Number.isNaN(Date.parse(time)) ? new Date(time).toISOString() : new Date().toISOString(),
  };
}

/**
 * Consumer side: routes each unified event to the tenant's matching subscriptions and writes one
 * pending delivery per subscription BEFORE the offsets are committed (CommittingConsumer commits a
 * run of messages after this resolves), so a crash loses nothing and a re-consumed message adds
 * nothing. A run is written with a few multi-row statements, not a few per event.
 */
@Injectable()
export class EventIntake {
  private readonly logger = new Logger(EventIntake.name);

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly retry: RetryPolicy,
    private readonly scheduler: DeliveryScheduler,
  ) {}

  async handle(messages: readonly ConsumedMessage[]): Promise<void> {
    const subscriptionsOf = new Map<string, Promise<Subscription[]>>();
    const items: EnqueueItem[] = [];
    // One span per event (tracing on), ended once the run is durable: its context is stored with the
    // event, so every delivery attempt, whenever and wherever it runs, continues the event's trace.
    const spans: { end(error?: unknown): void }[] = [];
    try {
      await this.route(messages, subscriptionsOf, items, spans);
      if (items.length === 0) return;
      const firstDelayMs = this.retry.firstDelayMs();
      const firstAttemptAt = new Date(Date.now() + firstDelayMs);
      // Due at once (the default schedule): leased to this instance as they are written, so they
      // are sent without a claim; what it may not hold now is left for the scan.
      const lease = firstDelayMs <= 0 ? this.scheduler.intakeLease() : undefined;
      if (lease) {
        const { added, leased } = await this.store.deliveryAttempts.enqueueLeased(
          items,
          firstAttemptAt,
          lease,
        );
        this.scheduler.adopt(leased, lease.until);
        if (added > leased.length) this.scheduler.wake();
      } else if ((await this.store.deliveryAttempts.enqueue(items, firstAttemptAt)) > 0) {
        this.scheduler.wake();
      }
    } catch (error) {
      spans.splice(0).forEach((span) => span.end(error));
      throw error;
    } finally {
      spans.forEach((span) => span.end());
    }
  }

  private async route(
    messages: readonly ConsumedMessage[],
    subscriptionsOf: Map<string, Promise<Subscription[]>>,
    items: EnqueueItem[],
    spans: { end(error?: unknown): void }[],
  ): Promise<void> {
    for (const message of messages) {
      const event = parseChangeEvent(message.value);
      if (!event) {
        // A foreign or broken message must not block its partition; it is not ours to deliver.
        this.logger.warn({
          msg: 'skipping a message that is not a unified change event',
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
        });
        continue;
      }
      if (!subscriptionsOf.has(event.tenantId)) {
        subscriptionsOf.set(event.tenantId, this.store.subscriptions.listForTenant(event.tenantId));
      }
      const matching = (await subscriptionsOf.get(event.tenantId)!).filter((s) => routes(s, event));
      // Kept even when every match is disabled: a re-enabled subscription can replay it.
      if (matching.length > 0) {
        const subscriptionIds = matching.filter((s) => s.enabled).map((s) => s.id);
        const span = startConsumedSpan(TRACER, message);
        if (span) spans.push(span);
        const traceparent = span?.traceparent ?? null;
        items.push({ event: { ...event, body: message.value, traceparent }, subscriptionIds });
      }
    }
  }
}
