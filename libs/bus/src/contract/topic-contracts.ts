/**
 * What each topic of TOPICS carries, as the AsyncAPI document describes it. Derived from TOPICS and
 * RESOURCE_TOPICS, so a new resource topic gets its channel, messages and schemas without edits here;
 * a topic of another kind makes `topicContracts()` throw until it is described below.
 */
import {
  entityNameOf,
  getResourceSchema,
  isUnifiedResourceName,
  type UnifiedResourceName,
} from '@app/unified-models';
import { CHANGE_EVENT_ACTIONS, type ChangeEventAction } from '../change-event';
import { CONNECTION_CHANGES, type ConnectionChange } from '../connection-event';
import { ALL_TOPICS, RESOURCE_TOPICS, TOPICS, type TopicName } from '../topics';

/** The actions of every resource topic's event types: the changes, and `synced` for snapshots. */
export const CHANGE_ACTIONS = CHANGE_EVENT_ACTIONS;

interface TopicContractBase {
  /** The AsyncAPI channel id: the key of the topic in TOPICS. */
  channelId: string;
  topic: TopicName;
  partitions: number;
  /** Who writes the topic and who reads it, for the `send` and `receive` operations. */
  producer: string;
  consumer: string;
}

export interface ChangeEventTopicContract extends TopicContractBase {
  kind: 'change-events';
  /** The unified resources whose change events go to this topic. */
  resources: UnifiedResourceName[];
}

export interface RecordTopicContract extends TopicContractBase {
  kind: 'raw-webhooks' | 'dead-letters';
}

export interface ConnectionEventTopicContract extends TopicContractBase {
  kind: 'connection-events';
}

export type TopicContract = ChangeEventTopicContract | RecordTopicContract | ConnectionEventTopicContract;

/** `ticketing.connection.{change}`: the CloudEvents type and AsyncAPI message name of connection events. */
export function connectionEventType(change: ConnectionChange): string {
  return `ticketing.connection.${change}`;
}

/** `ticketing.{entity}.{action}`: the CloudEvents type and the AsyncAPI message name. */
export function changeEventType(resource: UnifiedResourceName, action: ChangeEventAction): string {
  return `ticketing.${entityNameOf(resource)}.${action}`;
}

/** `tickets` → `Ticket`: the title of the resource's JSON Schema, its component name. */
export function recordSchemaName(resource: UnifiedResourceName): string {
  return getResourceSchema(resource).title.replace(/[^A-Za-z0-9]/g, '');
}

export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

function partitionsOf(topic: TopicName): number {
  const spec = ALL_TOPICS.find((t) => t.topic === topic);
  if (!spec) throw new Error(`topic ${topic} is not provisioned (ALL_TOPICS)`);
  return spec.numPartitions;
}

/** One contract per entry of TOPICS, in TOPICS order. */
export function topicContracts(): TopicContract[] {
  return Object.entries(TOPICS).map(([channelId, topic]): TopicContract => {
    const base = { channelId, topic, partitions: partitionsOf(topic) };
    if (topic === TOPICS.rawWebhooks) {
      return {
        ...base,
        kind: 'raw-webhooks',
        producer: 'webhook-ingest, once the signature of a delivery was verified on its raw bytes',
        consumer: 'the normalizer, which maps each delivery to unified change events or a dead letter',
      };
    }
    if (topic === TOPICS.connections) {
      return {
        ...base,
        kind: 'connection-events',
        producer:
          "the gateway and the normalizer, when a provider refuses to refresh a connection's tokens and when the end user connects it again",
        consumer: 'subscribers of the unified event stream (your services), to ask the end user to reconnect',
      };
    }
    if (topic === TOPICS.dlq) {
      return {
        ...base,
        kind: 'dead-letters',
        producer: 'the normalizer, for a raw-topic message it cannot turn into change events',
        consumer: 'operators and replay tools',
      };
    }
    const resources = Object.entries(RESOURCE_TOPICS)
      .filter(([, t]) => t === topic)
      .map(([resource]) => resource);
    if (resources.length === 0) {
      throw new Error(
        `topic ${topic} has no contract: describe it in libs/bus/src/contract/topic-contracts.ts ` +
          'and run `npm run asyncapi`',
      );
    }
    const unknown = resources.filter((r) => !isUnifiedResourceName(r));
    if (unknown.length > 0) throw new Error(`RESOURCE_TOPICS names unknown resources: ${unknown.join(', ')}`);
    return {
      ...base,
      kind: 'change-events',
      resources: resources.filter(isUnifiedResourceName),
      producer: 'the normalizer, one CloudEvent per changed record',
      consumer: 'subscribers of the unified event stream (your services)',
    };
  });
}

/** Event types (CloudEvents `type`) carried by a topic; empty for topics that carry no change events. */
export function eventTypesOf(contract: TopicContract): string[] {
  if (contract.kind === 'connection-events') return CONNECTION_CHANGES.map(connectionEventType);
  if (contract.kind !== 'change-events') return [];
  return contract.resources.flatMap((resource) =>
    CHANGE_ACTIONS.map((action) => changeEventType(resource, action)),
  );
}
