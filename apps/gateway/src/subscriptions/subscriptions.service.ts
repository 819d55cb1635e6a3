import { Inject, Injectable } from '@nestjs/common';
import { DestinationGuard, destinationPolicyOf, generateSecret, matchesFilter } from '@app/delivery';
import { ApiError } from '@app/http';
import { InvalidCursorError, StoreNotFoundError, type Subscription } from '@app/store';
import { GatewayConfig } from '../gateway.config';
import { STORE, type Store } from '../store.provider';
import { eventTypeProblem } from './event-types';
import type {
  AttemptsQuery,
  CreateSubscriptionBody,
  ReplayBody,
  UpdateSubscriptionBody,
} from './subscription-bodies';

/** The secret travels only in the answers to create and rotate-secret. */
export type SubscriptionWithSecret = Subscription & { secret: string };

/** Upper bound of one `since` replay; the answer says when there was more. */
const MAX_REPLAY = 10_000;

@Injectable()
export class SubscriptionsService {
  private readonly guard: DestinationGuard;
  private readonly rotationWindowMs: number;

  constructor(
    @Inject(STORE) private readonly store: Store,
    config: GatewayConfig,
  ) {
    // The same DISPATCH_* settings the dispatcher reads, so both sides apply one policy.
    const settings = config;
    this.guard = new DestinationGuard(destinationPolicyOf(settings));
    this.rotationWindowMs = settings.DISPATCH_SECRET_ROTATION_WINDOW_MS;
  }

  async create(tenantId: string, body: CreateSubscriptionBody): Promise<SubscriptionWithSecret> {
    await this.assertValid(body.url, body.event_types);
    const secret = generateSecret();
    const subscription = await this.mapNotFound(() =>
      this.store.subscriptions.create(tenantId, { ...body, secret }),
    );
    return { ...subscription, secret };
  }

  list(tenantId: string): Promise<Subscription[]> {
    return this.store.subscriptions.listForTenant(tenantId);
  }

  async get(tenantId: string, id: string): Promise<Subscription> {
    const subscription = await this.store.subscriptions.findForTenant(tenantId, id);
    if (!subscription) throw notFound(id);
    return subscription;
  }

  async update(tenantId: string, id: string, body: UpdateSubscriptionBody): Promise<Subscription> {
    await this.get(tenantId, id);
    await this.assertValid(body.url, body.event_types);
    const updated = await this.mapNotFound(() => this.store.subscriptions.update(tenantId, id, body));
    if (!updated) throw notFound(id);
    return updated;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    if (!(await this.store.subscriptions.delete(tenantId, id))) throw notFound(id);
  }

  async rotateSecret(tenantId: string, id: string): Promise<SubscriptionWithSecret> {
    const secret = generateSecret();
    const until = new Date(Date.now() + this.rotationWindowMs);
    const rotated = await this.store.subscriptions.rotateSecret(tenantId, id, secret, until);
    if (!rotated) throw notFound(id);
    return { ...rotated, secret };
  }

  async attempts(tenantId: string, id: string, query: AttemptsQuery) {
    await this.get(tenantId, id);
    try {
      const page = await this.store.deliveryAttempts.listAttempts(id, {
        limit: query.limit ?? 50,
        before: query.next_cursor,
      });
      return { ...page, result_count: page.result.length };
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new ApiError(400, 'next_cursor is not a valid cursor');
      throw error;
    }
  }

  async replay(tenantId: string, id: string, body: ReplayBody): Promise<{ replayed: number; more: boolean }> {
    if ((body.event_id === undefined) === (body.since === undefined)) {
      throw new ApiError(400, 'Give exactly one of event_id and since');
    }
    const subscription = await this.get(tenantId, id);
    if (!subscription.enabled) {
      throw new ApiError(409, `Subscription ${id} is disabled; enable it before replaying`);
    }
    const { subscriptions, deliveryAttempts: deliveries } = this.store;
    if (body.event_id !== undefined) {
      const event = await deliveries.findRetainedEvent(tenantId, body.event_id);
      if (!event) throw new ApiError(404, `No retained event ${body.event_id}`);
      if (!matchesFilter(subscription, event)) {
        throw new ApiError(422, `Event ${body.event_id} does not match the subscription's filter`);
      }
      return {
        replayed: await subscriptions.requeue(tenantId, id, [event.eventId], new Date()),
        more: false,
      };
    }
    const since = new Date(body.since as string);
    if (since.getTime() > Date.now()) throw new ApiError(400, 'since must not be in the future');
    const events = await deliveries.listRetainedEvents(tenantId, since, MAX_REPLAY);
    const ids = events.filter((e) => matchesFilter(subscription, e)).map((e) => e.eventId);
    const replayed = await subscriptions.requeue(tenantId, id, ids, new Date());
    return { replayed, more: events.length === MAX_REPLAY };
  }

  private async assertValid(url: string | undefined, eventTypes: string[] | undefined): Promise<void> {
    const problems = [
      ...(url === undefined ? [] : await this.guard.validate(url)),
      ...(eventTypes ?? []).flatMap((t) => eventTypeProblem(t) ?? []),
    ];
    if (problems.length > 0) throw new ApiError(400, 'Invalid subscription', problems);
  }

  /** A connection filter naming another tenant's connection is a 404, like reading it would be. */
  private async mapNotFound<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof StoreNotFoundError) throw new ApiError(404, `No ${error.entity} ${error.id}`);
      throw error;
    }
  }
}

function notFound(id: string): ApiError {
  return new ApiError(404, `No subscription ${id}`);
}
