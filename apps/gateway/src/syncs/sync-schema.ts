import { SYNC_JOB_STATES, SYNC_RESOURCE_STATES } from '@app/store';

type Schema = Record<string, unknown>;

const text = { type: 'string' };
const nullableText = { type: ['string', 'null'] };
const nullableTime = { type: ['string', 'null'], format: 'date-time' };
const count = { type: 'integer', minimum: 0 };

/** One resource of a job, as `syncView` writes it. */
const RESOURCE_PROGRESS: Schema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'resource',
    'topic',
    'event_type',
    'state',
    'pages',
    'records',
    'rate_limit_waits',
    'rate_limit_wait_ms',
    'errors',
    'last_error',
    'started_at',
    'finished_at',
  ],
  properties: {
    resource: text,
    topic: { ...nullableText, description: 'The Kafka topic its synced events go to' },
    event_type: { ...nullableText, description: '`ticketing.{entity}.synced`' },
    state: { type: 'string', enum: [...SYNC_RESOURCE_STATES] },
    pages: { ...count, description: 'Provider pages read and published' },
    records: { ...count, description: 'Records published (one synced event each)' },
    rate_limit_waits: { ...count, description: 'Times the provider answered 429 and the job waited' },
    rate_limit_wait_ms: { ...count, description: 'Time spent in those waits' },
    errors: { ...count, description: 'Failed page reads or publishes (each retried)' },
    last_error: nullableText,
    started_at: nullableTime,
    finished_at: nullableTime,
  },
};

/** A sync job, as every route of /syncs answers it. */
export const SYNC_JOB_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'connection_id',
    'provider',
    'state',
    'since',
    'cancel_requested',
    'runs',
    'error',
    'created_at',
    'updated_at',
    'started_at',
    'finished_at',
    'totals',
    'resources',
  ],
  properties: {
    id: { type: 'string', pattern: '^syn_[0-9a-f]{32}$' },
    connection_id: text,
    provider: text,
    state: { type: 'string', enum: [...SYNC_JOB_STATES] },
    since: nullableTime,
    cancel_requested: { type: 'boolean' },
    runs: {
      ...count,
      description: 'Times a runner took the job; more than 1: resumed after a runner stopped',
    },
    error: nullableText,
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
    started_at: nullableTime,
    finished_at: nullableTime,
    totals: {
      type: 'object',
      additionalProperties: false,
      required: ['pages', 'records', 'rate_limit_waits'],
      properties: { pages: count, records: count, rate_limit_waits: count },
    },
    resources: { type: 'array', items: RESOURCE_PROGRESS },
  },
};

export const SYNC_JOB_LIST_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['result', 'result_count'],
  properties: { result: { type: 'array', items: SYNC_JOB_SCHEMA }, result_count: count },
};

export const API_ERROR_SCHEMA: Schema = { $ref: '#/components/schemas/ApiError' };
