import { Inject, Injectable } from '@nestjs/common';
import {
  buildChangeEvent,
  changeEventKey,
  topicForResource,
  TOPICS,
  type DeadLetterRecord,
  type OutboundMessage,
  type RawWebhookRecord,
  type UnifiedChangeEvent,
} from '@app/bus';
import { MappingError, ProviderNotFoundError, ProviderRegistry, WebhookEventMapper } from '@app/providers';
import { ChangeEnricher } from './change-enricher';
import { CONNECTION_REPOSITORY, type ConnectionRepository } from '@app/store';
import { entityNameOf, isUnifiedResourceName } from '@app/unified-models';

/** Joined to the id of the deletion a gone record implies, so it differs from the partial event's. */
const GONE_VARIANT = 'gone';

export interface SourcePosition {
  topic: string;
  partition: number;
  offset: string;
}

export interface TopicBatch {
  topic: string;
  messages: OutboundMessage[];
  /** The change events the messages carry, in the same order; none for dead letters. */
  events: UnifiedChangeEvent[];
}

/**
 * Turns one raw delivery into what must be published: unified change events, or one dead letter saying
 * why it could not be mapped. Pure decision-making; the worker does the I/O.
 */
@Injectable()
export class DeliveryNormalizer {
  constructor(
    @Inject(CONNECTION_REPOSITORY) private readonly connections: ConnectionRepository,
    private readonly providers: ProviderRegistry,
    private readonly mapper: WebhookEventMapper,
    private readonly enricher: ChangeEnricher,
  ) {}

  async normalize(raw: RawWebhookRecord, source: SourcePosition): Promise<TopicBatch[]> {
    const deadLetter = (code: string, reason: string): TopicBatch[] => [
      { topic: TOPICS.dlq, messages: [deadLetterMessage(raw, source, code, reason)], events: [] },
    ];
    const connection = await this.connections.findById(raw.connectionId);
    if (!connection || !this.providers.has(connection.provider)) {
      return deadLetter(
        'unknown_connection',
        `connection ${raw.connectionId} is not known to the normalizer`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.body);
    } catch (error) {
      return deadLetter('invalid_json', `body is not JSON: ${(error as Error).message}`);
    }

    const definition = this.providers.get(connection.provider);
    let outcome;
    try {
      outcome = await this.mapper.map(
        definition,
        { headers: raw.headers, body },
        { settings: connection.settings },
      );
    } catch (error) {
      if (error instanceof MappingError) return deadLetter('mapping_failed', error.message);
      throw error;
    }
    if (outcome.kind === 'ignored') return [];
    if (outcome.kind === 'unmapped') return deadLetter('unmapped_event', outcome.reason);

    const batches = new Map<string, TopicBatch>();
    const publish = (topic: string, event: UnifiedChangeEvent) => {
      const batch = batches.get(topic) ?? { topic, messages: [], events: [] };
      // CloudEvents Kafka binding, structured mode: the content type says the value is a whole CloudEvent.
      batch.messages.push({
        key: changeEventKey(raw.connectionId, event.subject),
        value: JSON.stringify(event),
        headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
      });
      batch.events.push(event);
      batches.set(topic, batch);
    };
    for (const change of outcome.changes) {
      const topic = topicForResource(change.resource);
      if (!topic || !isUnifiedResourceName(change.resource))
        return deadLetter('unmapped_event', `no topic carries ${change.resource} events`);
      const envelope = {
        tenantId: raw.tenantId,
        connectionId: raw.connectionId,
        provider: raw.provider,
        deliveryId: raw.deliveryId,
        entity: entityNameOf(change.resource),
        remoteId: change.remoteId,
        time: raw.receivedAt,
      };
      let enriched;
      try {
        enriched = await this.enricher.enrich(connection, change);
      } catch (error) {
        if (error instanceof ProviderNotFoundError || error instanceof MappingError) {
          return deadLetter(
            'fetch_failed',
            `could not fetch ${change.resource} ${change.remoteId}: ${error.message}`,
          );
        }
        throw error; // transient (rate limit, provider down): the delivery is consumed again later
      }
      if (!enriched.gone) {
        publish(topic, buildChangeEvent({ ...envelope, action: change.action, data: enriched.record }));
        continue;
      }
      // The record is gone: what the delivery said (partial), then the deletion that implies.
      const stated = await this.mapper.statedRecord(definition, { headers: raw.headers, body }, change, {
        settings: connection.settings,
      });
      publish(topic, buildChangeEvent({ ...envelope, action: change.action, data: stated, partial: true }));
      publish(
        topic,
        buildChangeEvent({
          ...envelope,
          action: 'deleted',
          data: { id: change.remoteId },
          variant: GONE_VARIANT,
        }),
      );
    }
    return [...batches.values()];
  }

  /** For a message that is not even a raw webhook record. */
  undecodable(text: string, source: SourcePosition, reason: string): TopicBatch[] {
    const record: DeadLetterRecord = {
      code: 'undecodable',
      reason,
      failedAt: new Date().toISOString(),
      source,
      original: text,
    };
    return [
      { topic: TOPICS.dlq, messages: [{ key: source.topic, value: JSON.stringify(record) }], events: [] },
    ];
  }
}

function deadLetterMessage(
  raw: RawWebhookRecord,
  source: SourcePosition,
  code: string,
  reason: string,
): OutboundMessage {
  const record: DeadLetterRecord = {
    code,
    reason,
    failedAt: new Date().toISOString(),
    source,
    original: raw,
  };
  return { key: raw.connectionId, value: JSON.stringify(record) };
}
