/**
 * JSON Schemas of what the bus carries besides the unified records: the CloudEvents envelope, the raw
 * webhook record, the dead letter and the message keys. They go into the AsyncAPI document's
 * `components/schemas` (see asyncapi-document.ts). They use only keywords that mean the same in
 * JSON Schema draft-07 (the AsyncAPI schema dialect) and 2020-12 (Ajv, the validator).
 */
import type { JsonSchema } from '@app/unified-models';

/** A JSON Pointer reference to another schema of the document's `components/schemas`. */
export const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const nonEmpty = (description: string): JsonSchema => ({ type: 'string', minLength: 1, description });

/** Codes of `DeadLetterRecord.code`, as listed in docs/events.md. A new code is a contract change. */
export const DEAD_LETTER_CODES = [
  'unmapped_event',
  'mapping_failed',
  'invalid_json',
  'unknown_connection',
  'fetch_failed',
  'undecodable',
] as const;

export const CLOUD_EVENT_SCHEMA: JsonSchema = {
  title: 'CloudEvent',
  description:
    'A unified change event: CloudEvents 1.0 in structured JSON mode, with the extension attributes ' +
    'tenantid, connectionid, provider and deliveryid. The event type fixes `type` and the schema of `data`.',
  type: 'object',
  required: [
    'specversion',
    'id',
    'source',
    'type',
    'subject',
    'time',
    'datacontenttype',
    'tenantid',
    'connectionid',
    'provider',
    'deliveryid',
    'data',
  ],
  properties: {
    specversion: { const: '1.0', description: 'CloudEvents specification version.' },
    id: {
      type: 'string',
      format: 'uuid',
      description:
        'Deterministic, UUID-shaped SHA-256 of (connection id, delivery id, entity, remote id): the same ' +
        'delivery processed twice yields the same id, so deduplicate on it.',
    },
    source: {
      type: 'string',
      pattern: '^/connections/[^/]+$',
      description: '`/connections/{connectionid}`.',
    },
    type: {
      type: 'string',
      pattern: '^ticketing\\.[a-z_]+\\.(created|updated|deleted|synced)$',
      description: '`ticketing.{entity}.{created|updated|deleted|synced}`.',
    },
    subject: nonEmpty("The record's unified id (the `id` of `data`)."),
    time: {
      type: 'string',
      format: 'date-time',
      description: 'When the ingest accepted the delivery (a replay carries the same time).',
    },
    datacontenttype: { const: 'application/json', description: 'Media type of `data`.' },
    dataschema: { type: 'string', format: 'uri', description: 'Not sent today; reserved.' },
    tenantid: nonEmpty('Extension: the tenant that owns the connection.'),
    connectionid: nonEmpty('Extension: the connection the change came through.'),
    provider: nonEmpty('Extension: the provider of the connection, e.g. `github`.'),
    deliveryid: nonEmpty(
      "Extension: the provider's delivery id (or a hash of the body); for an event no delivery caused " +
        '(polling, snapshots), the id of the poll or sync run that read the record.',
    ),
    partial: {
      const: true,
      description:
        'Extension, present only when true: the record could not be fetched any more (the provider answered ' +
        '404/410 to a thin delivery), so `data` holds only what the delivery itself said; a field it did not ' +
        'carry is absent (unknown), not null.',
    },
    data: { type: 'object', description: 'The unified record; see the event type.' },
  },
  additionalProperties: false,
};

export const RAW_WEBHOOK_SCHEMA: JsonSchema = {
  title: 'RawWebhookRecord',
  description:
    'A verified provider delivery, as webhook-ingest received it: the signature was checked on the raw bytes, the body is kept as text so that nothing is lost before mapping.',
  type: 'object',
  required: ['deliveryId', 'connectionId', 'tenantId', 'provider', 'receivedAt', 'headers', 'body'],
  properties: {
    deliveryId: nonEmpty("The provider's own delivery id (e.g. X-GitHub-Delivery), or a hash of the body."),
    connectionId: nonEmpty('The connection the delivery was posted to.'),
    tenantId: nonEmpty('The tenant that owns the connection.'),
    provider: nonEmpty('The provider of the connection.'),
    receivedAt: {
      type: 'string',
      format: 'date-time',
      description: "When the ingest accepted the delivery; reused as the events' `time`.",
    },
    headers: {
      type: 'object',
      description: 'Request headers, lower-cased, credentials (authorization, cookies, API keys) removed.',
      additionalProperties: { type: 'string' },
    },
    body: { type: 'string', description: 'The raw request body as UTF-8 text.' },
  },
  additionalProperties: false,
};

export const DEAD_LETTER_SCHEMA: JsonSchema = {
  title: 'DeadLetterRecord',
  description: 'A raw-topic message the normalizer could not turn into change events, and why.',
  type: 'object',
  required: ['code', 'reason', 'failedAt', 'source', 'original'],
  properties: {
    code: {
      type: 'string',
      enum: [...DEAD_LETTER_CODES],
      description: 'Machine-readable reason; docs/events.md explains each code.',
    },
    reason: nonEmpty('What went wrong, for people.'),
    failedAt: { type: 'string', format: 'date-time', description: 'When the normalizer gave up.' },
    source: {
      type: 'object',
      description: 'Where the failed message was read.',
      required: ['topic', 'partition', 'offset'],
      properties: {
        topic: nonEmpty('The topic it was read from.'),
        partition: { type: 'integer', minimum: 0 },
        offset: { type: 'string', pattern: '^[0-9]+$', description: 'Kafka offset, as a decimal string.' },
      },
      additionalProperties: false,
    },
    original: {
      description: 'The raw webhook record, or the undecodable message text (code `undecodable`).',
      anyOf: [schemaRef('RawWebhookRecord'), { type: 'string' }],
    },
  },
  additionalProperties: false,
};

export const CHANGE_EVENT_KEY_SCHEMA: JsonSchema = {
  title: 'ChangeEventKey',
  description: '`{connectionid}:{subject}`: one record’s events share a partition and so stay in order.',
  type: 'string',
  pattern: '^[^:]+:.+$',
};

export const CONNECTION_KEY_SCHEMA: JsonSchema = {
  title: 'ConnectionKey',
  description: 'The connection id: one connection’s deliveries stay in order.',
  type: 'string',
  minLength: 1,
};

export const DEAD_LETTER_KEY_SCHEMA: JsonSchema = {
  title: 'DeadLetterKey',
  description: 'The connection id of the original delivery, or the source topic when it was undecodable.',
  type: 'string',
  minLength: 1,
};

/** The change events' envelope without `deliveryid`: connection events come from no provider delivery. */
const {
  deliveryid: _delivery,
  dataschema: _schema,
  ...ENVELOPE
} = CLOUD_EVENT_SCHEMA.properties as Record<string, JsonSchema>;

export const CONNECTION_EVENT_SCHEMA: JsonSchema = {
  title: 'ConnectionEvent',
  description:
    'A connection event: CloudEvents 1.0 in structured JSON mode, with the extension attributes tenantid, ' +
    'connectionid and provider. Sent when a connection needs re-authorisation and when it was re-authorised.',
  type: 'object',
  required: (CLOUD_EVENT_SCHEMA.required as string[]).filter((name) => name !== 'deliveryid'),
  properties: {
    ...ENVELOPE,
    id: {
      type: 'string',
      format: 'uuid',
      description:
        'Deterministic, UUID-shaped SHA-256 of (connection id, change, time): a repeat has the same id.',
    },
    type: {
      type: 'string',
      pattern: '^ticketing\\.connection\\.(needs_reauth|reauthorized)$',
      description: '`ticketing.connection.{needs_reauth|reauthorized}`.',
    },
    subject: nonEmpty('The connection id.'),
    time: { type: 'string', format: 'date-time', description: "When the connection's state changed." },
    connectionid: nonEmpty('Extension: the connection.'),
    data: { $ref: '#/components/schemas/ConnectionStatus' },
  },
  additionalProperties: false,
};

export const CONNECTION_STATUS_SCHEMA: JsonSchema = {
  title: 'ConnectionStatus',
  description: "The connection's authorisation after the change.",
  type: 'object',
  required: ['id', 'provider', 'external_id', 'auth_status', 'reason'],
  properties: {
    id: nonEmpty('The connection id.'),
    provider: nonEmpty('The provider of the connection.'),
    external_id: {
      type: ['string', 'null'],
      description: 'Your own id for the end user, set when connecting.',
    },
    auth_status: {
      type: 'string',
      enum: ['ok', 'needs_reauth'],
      description: '`needs_reauth`: calls answer 401 with a `reauth_url` until the end user connects again.',
    },
    reason: nonEmpty('Why, for people.'),
  },
  additionalProperties: false,
};
