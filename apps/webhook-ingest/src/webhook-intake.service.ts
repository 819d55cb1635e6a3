import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { encodeRawWebhook, ReliableProducer, TOPICS, type RawWebhookRecord } from '@app/bus';
import { ProviderRegistry, verifyWebhookSignature } from '@app/providers';
import { CONNECTION_REPOSITORY, type ConnectionRepository } from '@app/store';

export type IntakeOutcome =
  | { kind: 'accepted'; deliveryId: string }
  | { kind: 'unknown_connection' }
  | { kind: 'rejected_signature'; reason: string }
  | { kind: 'invalid_json'; message: string }
  | { kind: 'unavailable'; message: string };

export interface IncomingDelivery {
  connectionId: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/** Headers never written to the bus: they may carry credentials of the caller. */
const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key']);

/**
 * Decides what happens to one delivery: the connection must exist, the signature must match the raw
 * bytes, the body must be JSON; then it is written to the raw topic and only the broker's ack counts.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);

  constructor(
    @Inject(CONNECTION_REPOSITORY) private readonly connections: ConnectionRepository,
    private readonly providers: ProviderRegistry,
    private readonly producer: ReliableProducer,
  ) {}

  async receive(delivery: IncomingDelivery): Promise<IntakeOutcome> {
    const connection = await this.connections.findById(delivery.connectionId);
    if (!connection || !this.providers.has(connection.provider)) return { kind: 'unknown_connection' };
    const webhooks = this.providers.get(connection.provider).webhooks;
    if (!webhooks) return { kind: 'unknown_connection' };

    const headers = flattenHeaders(delivery.headers);
    const verdict = verifyWebhookSignature(webhooks.verification, connection.webhookSecret, {
      headers,
      rawBody: delivery.rawBody,
    });
    if (!verdict.ok) {
      this.logger.warn({ msg: 'webhook rejected', connectionId: connection.id, reason: verdict.reason });
      return { kind: 'rejected_signature', reason: verdict.reason };
    }

    const body = delivery.rawBody.toString('utf8');
    try {
      JSON.parse(body);
    } catch (error) {
      return { kind: 'invalid_json', message: (error as Error).message };
    }

    const deliveryId =
      (webhooks.deliveryIdHeader && headers[webhooks.deliveryIdHeader]) ||
      `sha256:${createHash('sha256').update(delivery.rawBody).digest('hex')}`;
    const record: RawWebhookRecord = {
      deliveryId,
      connectionId: connection.id,
      tenantId: connection.tenantId,
      provider: connection.provider,
      receivedAt: new Date().toISOString(),
      headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !DROPPED_HEADERS.has(name))),
      body,
    };
    try {
      await this.producer.publish(TOPICS.rawWebhooks, [
        { key: connection.id, value: encodeRawWebhook(record) },
      ]);
    } catch (error) {
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
}

function flattenHeaders(headers: IncomingDelivery['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
