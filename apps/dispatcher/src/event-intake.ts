import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConsumedMessage } from '@app/bus';
import { RetryPolicy, routes } from '@app/delivery';
import { STORE, type EnqueueItem, type Store, type StoredEvent, type Subscription } from '@app/store';
import { DeliveryScheduler } from './delivery-scheduler';

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
        items.push({ event: { ...event, body: message.value }, subscriptionIds });
      }
    }
    if (items.length === 0) return;
    const firstAttemptAt = new Date(Date.now() + this.retry.firstDelayMs());
    if ((await this.store.deliveryAttempts.enqueue(items, firstAttemptAt)) > 0) this.scheduler.wake();
  }
}
