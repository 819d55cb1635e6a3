import { Inject, Injectable, Logger } from '@nestjs/common';
import { RetryPolicy, signDelivery, WebhookSender, type AttemptResult } from '@app/delivery';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { contextFromTraceparent, inSpan, traceHeaders, tracerOf, tracingEnabled } from '@app/telemetry';
import { STORE, type ClaimedDelivery, type DeliveryResolution, type Store } from '@app/store';
import { AttemptRecorder } from './attempt-recorder';
import { DispatcherConfig } from './dispatcher.config';
import { DispatcherMetrics } from './dispatcher.metrics';

const USER_AGENT = 'unified-ticketing-webhooks/0.1';
const TRACER = tracerOf('dispatcher');

interface Verdict {
  resolution: DeliveryResolution;
  /** Set when this outcome disables the subscription. */
  disable?: string;
}

/** One attempt of one claimed delivery: sign, send, log, and decide what happens next. */
@Injectable()
export class DeliveryExecutor {
  private readonly logger = new Logger(DeliveryExecutor.name);

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly sender: WebhookSender,
    private readonly retry: RetryPolicy,
    private readonly config: DispatcherConfig,
    private readonly metrics: DispatcherMetrics,
    private readonly recorder: AttemptRecorder,
  ) {}

  /** `answered` is called once the POST is done, before its attempt is recorded. */
  async execute(delivery: ClaimedDelivery, owner: string, answered?: () => void): Promise<void> {
    const attemptedAt = new Date();
    const result = await this.attempt(delivery, attemptedAt);
    answered?.();
    const verdict = await this.judge(delivery, result, attemptedAt);
    this.metrics.attempted(verdict.resolution.status, result.latencyMs);
    if (!result.ok) {
      // Ids and the subscriber's status only: the URL may carry the subscriber's own tokens.
      this.logger.warn({
        msg: 'delivery attempt failed',
        delivery: delivery.id,
        subscription: delivery.subscription_id,
        attempt: delivery.attempts + 1,
        statusCode: result.statusCode,
        error: result.error,
        next: verdict.resolution.status,
      });
    }
    // Committed together with the attempts finishing at the same time (AttemptRecorder).
    const settled = await this.recorder.record({
      delivery,
      owner,
      attempt: {
        attemptedAt,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        error: result.error,
      },
      resolution: verdict.resolution,
    });
    if (!settled) {
      this.logger.warn({ msg: 'delivery lease lost before the attempt was recorded', delivery: delivery.id });
    }
    // Disabling also fails what the subscription had pending.
    const { disable } = verdict;
    if (disable && (await this.store.subscriptions.disable(delivery.subscription_id, disable))) {
      this.logger.warn({
        msg: 'subscription disabled',
        subscription: delivery.subscription_id,
        reason: disable,
      });
    }
  }

  private async attempt(delivery: ClaimedDelivery, at: Date): Promise<AttemptResult> {
    if (delivery.secrets.length === 0) {
      return {
        ok: false,
        statusCode: null,
        latencyMs: 0,
        error:
          'not sent: the signing secret or the retained event cannot be decrypted (is its key in ENCRYPTION_KEYS?)',
        throttled: false,
      };
    }
    // Only these headers leave: nothing of the connection (credentials never reach the event either).
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      ...signDelivery(delivery.event_id, Math.floor(at.getTime() / 1000), delivery.body, delivery.secrets),
    };
    if (!tracingEnabled()) return this.sender.send({ url: delivery.url, headers, body: delivery.body });
    return this.sendTraced(delivery, headers);
  }

  /**
   * The POST as a CLIENT span of the event's trace, its `traceparent` sent along so the subscriber can
   * continue it. The span names the host only: the URL's path and query may carry the subscriber's tokens.
   */
  private sendTraced(delivery: ClaimedDelivery, headers: Record<string, string>): Promise<AttemptResult> {
    const options = {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': 'POST',
        'server.address': URL.parse(delivery.url)?.hostname ?? '',
        'event.id': delivery.event_id,
        'subscription.id': delivery.subscription_id,
        'delivery.attempt': delivery.attempts + 1,
      },
    };
    return inSpan(TRACER, 'POST', options, contextFromTraceparent(delivery.trace_parent), async (span) => {
      const traced = { ...headers, ...traceHeaders() };
      const result = await this.sender.send({ url: delivery.url, headers: traced, body: delivery.body });
      if (result.statusCode !== null) span.setAttribute('http.response.status_code', result.statusCode);
      if (!result.ok)
        span.setStatus({ code: SpanStatusCode.ERROR, message: result.error ?? 'not delivered' });
      return result;
    });
  }

  private async judge(delivery: ClaimedDelivery, result: AttemptResult, at: Date): Promise<Verdict> {
    const subscriptionId = delivery.subscription_id;
    if (result.ok) {
      // Only a running clock needs a write; the common case (healthy endpoint) costs none.
      if (delivery.failing_since !== null) await this.store.subscriptions.trackFailure(subscriptionId, null);
      return { resolution: { status: 'delivered' } };
    }
    if (result.statusCode === 410) {
      return { resolution: { status: 'failed' }, disable: 'the endpoint answered 410 Gone' };
    }
    const failingSince = await this.store.subscriptions.trackFailure(subscriptionId, at);
    if (failingSince && at.getTime() - Date.parse(failingSince) >= this.config.DISPATCH_DISABLE_AFTER_MS) {
      return { resolution: { status: 'failed' }, disable: `failing without a success since ${failingSince}` };
    }
    const delay = this.retry.nextDelayMs(delivery.attempts + 1, {
      retryAfterMs: result.retryAfterMs,
      throttled: result.throttled,
    });
    if (delay === undefined) return { resolution: { status: 'failed' } };
    return { resolution: { status: 'pending', nextAttemptAt: new Date(Date.now() + delay) } };
  }
}
