import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  encodeRawWebhook,
  PublishFailedError,
  ReliableProducer,
  TOPICS,
  withDeadline,
  type PendingWrite,
  type RawWebhookRecord,
} from '@app/bus';
import {
  deliveryIdOf,
  ProviderRegistry,
  verifyWebhookSignature,
  type WebhookDefinition,
} from '@app/providers';
import { STORE, type Connection, type Store } from '@app/store';
import { DedupRecorder } from './dedup-recorder';
import { answerHandshake, type HandshakeAnswer } from './handshakes';
import { IngestConfig } from './ingest.config';
import { IngestMetrics } from './ingest.metrics';
import { traceHeaders } from '@app/telemetry';

export type IntakeOutcome =
  | { kind: 'accepted'; deliveryId: string }
  | { kind: 'duplicate'; deliveryId: string }
  | { kind: 'handshake'; answer: HandshakeAnswer }
  | { kind: 'unknown_connection' }
  | { kind: 'rejected_signature'; reason: string }
  | { kind: 'invalid_json'; message: string }
  | { kind: 'unavailable'; message: string };

export interface IncomingDelivery {
  connectionId: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | undefined>;
  pathToken?: string;
  /** The full URL the provider called, for schemes that sign it. */
  url?: string;
  rawBody: Buffer;
}

/** Headers never written to the bus: they may carry credentials of the caller. */
const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key']);

/**
 * Decides what happens to one delivery: the connection must exist, handshakes are answered, the signature
 * must match the raw bytes, the body must be JSON, a redelivery inside the dedup window publishes nothing;
 * otherwise it is written to the raw topic and only the broker's ack counts. A delivery is recorded as
 * seen only AFTER the ack, so a failure can never make a provider's retry look like a duplicate.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);
  /**
   * Writes of the raw topic under way, by delivery: until Kafka's ack (`acknowledged` false) and then
   * until the dedup row is committed (the group commit waits up to 5 ms).
   */
  private readonly inFlight = new Map<string, { write: PendingWrite; acknowledged: boolean }>();

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly providers: ProviderRegistry,
    private readonly producer: ReliableProducer,
    private readonly metrics: IngestMetrics,
    private readonly config: IngestConfig,
    private readonly dedup: DedupRecorder,
  ) {}

  async receive(delivery: IncomingDelivery): Promise<IntakeOutcome> {
    const started = process.hrtime.bigint();
    const connection = await this.store.connections.findById(delivery.connectionId);
    const webhooks =
      connection && this.providers.has(connection.provider)
        ? this.providers.get(connection.provider).webhooks
        : undefined;
    const provider = connection?.provider ?? 'unknown';
    this.metrics.received.inc({ provider });
    const outcome =
      connection && webhooks
        ? await this.decide(connection, webhooks, delivery)
        : { kind: 'unknown_connection' as const };
    if (outcome.kind === 'accepted') this.metrics.published.inc({ provider });
    else if (outcome.kind === 'duplicate') this.metrics.duplicates.inc({ provider });
    else if (outcome.kind !== 'handshake')
      this.metrics.rejected.inc({
        provider,
        reason: outcome.kind === 'rejected_signature' ? outcome.reason : outcome.kind,
      });
    this.metrics.latency.observe(
      { provider, outcome: outcome.kind },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
    return outcome;
  }

  private async decide(
    connection: Connection,
    webhooks: WebhookDefinition,
    delivery: IncomingDelivery,
  ): Promise<IntakeOutcome> {
    const headers = flattenHeaders(delivery.headers);
    const handshake = answerHandshake(webhooks, connection, {
      method: delivery.method,
      headers,
      rawBody: delivery.rawBody,
    });
    if (handshake) {
      if (handshake.adoptSecret) {
        await this.store.connections.update(connection.tenantId, connection.id, {
          webhookSecret: handshake.adoptSecret,
        });
      }
      return { kind: 'handshake', answer: handshake };
    }

    // Hooks we register for OAuth connections may be signed otherwise (Jira dynamic webhooks: a JWT).
    const registration = webhooks.registration;
    const registered =
      registration?.verification &&
      (!registration.onlyFor || registration.onlyFor.includes(connection.authMethod ?? 'credentials'));
    const scheme = registered ? registration.verification! : webhooks.verification;
    const verdict = verifyWebhookSignature(scheme, connection.webhookSecret, {
      headers,
      rawBody: delivery.rawBody,
      query: delivery.query,
      pathToken: delivery.pathToken,
      method: delivery.method,
      url: delivery.url,
    });
    if (!verdict.ok) {
      this.logger.warn({ msg: 'webhook rejected', connectionId: connection.id, reason: verdict.reason });
      return { kind: 'rejected_signature', reason: verdict.reason };
    }

    const body = delivery.rawBody.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      return { kind: 'invalid_json', message: (error as Error).message };
    }

    const deliveryId = await deliveryIdOf(webhooks, { headers, rawBody: delivery.rawBody, body: parsed });
    const windowStart = new Date(Date.now() - this.config.INGEST_DEDUP_WINDOW_HOURS * 3_600_000);
    // Published and acknowledged, its row not yet committed (the group commit waits up to 5 ms): already
    // a duplicate for the provider, not a write to join. Looked at before the store's answer (its row may
    // commit, and the key go, while a PostgreSQL read is on its way) and after it (an ack meanwhile).
    const key = dedupKey(connection.id, deliveryId);
    const acknowledgedBefore = this.acknowledged(key);
    if (await this.store.deliveries.seen(connection.id, deliveryId, windowStart))
      return { kind: 'duplicate', deliveryId };
    if (acknowledgedBefore || this.acknowledged(key)) return { kind: 'duplicate', deliveryId };

    const record: RawWebhookRecord = {
      deliveryId,
      connectionId: connection.id,
      tenantId: connection.tenantId,
      provider: connection.provider,
      receivedAt: new Date().toISOString(),
      headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !DROPPED_HEADERS.has(name))),
      body,
    };
    const landing = this.land(connection.id, deliveryId, record);
    try {
      await withDeadline(landing.acked, this.config.INGEST_PUBLISH_TIMEOUT_MS);
    } catch (error) {
      landing.abandon();
      this.logger.error({
        msg: 'raw webhook not acknowledged',
        connectionId: connection.id,
        deliveryId,
        error: (error as Error).message,
      });
      return { kind: 'unavailable', message: 'the event bus did not acknowledge the delivery; retry later' };
    }
    return { kind: 'accepted', deliveryId };
  }

  private acknowledged(key: string): boolean {
    return this.inFlight.get(key)?.acknowledged === true;
  }

  /**
   * One write per delivery id at a time: a provider retrying while the first write is still on its way
   * joins it instead of writing again. Whenever a write lands — even after its caller was answered 503 —
   * the delivery is recorded as seen, so the provider's next retry is a duplicate, not a second event.
   */
  private land(connectionId: string, deliveryId: string, record: RawWebhookRecord): PendingWrite {
    const key = dedupKey(connectionId, deliveryId);
    const existing = this.inFlight.get(key);
    if (existing) return existing.write;
    const pending = this.producer.enqueue(TOPICS.rawWebhooks, [
      // The request's trace continues in the normalizer (W3C Trace Context in the record's headers).
      { key: connectionId, value: encodeRawWebhook(record), headers: traceHeaders() },
    ]);
    const entry = { write: pending, acknowledged: false };
    this.inFlight.set(key, entry);
    pending.acked
      .then(() => {
        entry.acknowledged = true;
        return this.dedup.record(connectionId, deliveryId);
      })
      .catch((error: unknown) => {
        if (!(error instanceof PublishFailedError)) {
          // Published but not recorded: a redelivery is published again and deduplicated downstream by event id.
          this.logger.warn({
            msg: 'delivery not recorded for dedup',
            connectionId,
            deliveryId,
            error: (error as Error).message,
          });
        }
      })
      .finally(() => this.inFlight.delete(key));
    return pending;
  }
}

function dedupKey(connectionId: string, deliveryId: string): string {
  return `${connectionId}\u0000${deliveryId}`;
}

function flattenHeaders(headers: IncomingDelivery['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
