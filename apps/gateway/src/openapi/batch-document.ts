import type { OpenAPIObject } from '@nestjs/swagger';
import { BATCH_ITEM_HEADERS, BATCH_MAX_REQUESTS, BATCH_METHODS } from '../batch/batch-requests';
import { BATCH_CONCURRENCY } from '../batch/batch.controller';

type Json = Record<string, unknown>;

/** A pattern matching the word in any letter case (the server reads methods and header names so). */
const anyCase = (words: readonly string[]) =>
  `^(${words.map((w) => w.replace(/[a-z]/gi, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`)).join('|')})$`;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const apiError = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('ApiError') } },
});

const DESCRIPTION = [
  `Runs up to ${BATCH_MAX_REQUESTS} calls of the unified API (\`/unified/ticketing/…\` only) and answers each`,
  'with its own status, headers and body, in the order of the requests, whatever the others answered.',
  '',
  `- Every call runs as this request's API key, so for this tenant only; it goes through the same checks as`,
  '  a call of its own (validation, fair use: each call counts, idempotency, errors).',
  `- Up to ${BATCH_CONCURRENCY} calls run at once, started in order; a call cannot use another's answer, so`,
  '  put calls that depend on each other in successive batches.',
  '- A request that is not a valid call (not an object, another path, a method or header not allowed, a body',
  '  on GET or DELETE, an id used twice) answers 400 in its place; the others still run.',
  `- Headers a call may set: ${BATCH_ITEM_HEADERS.join(', ')}. Its answer passes on content-type, etag,`,
  '  retry-after, ratelimit-*, idempotent-replayed and allow.',
  '- `Idempotency-Key` goes on each write that must not repeat (in its `headers`): it behaves as on a call',
  '  of its own, shared with calls made outside batches. On the batch itself it is a 400.',
].join('\n');

const SCHEMAS: Json = {
  BatchRequest: {
    type: 'object',
    required: ['requests'],
    additionalProperties: false,
    properties: {
      requests: {
        type: 'array',
        minItems: 1,
        maxItems: BATCH_MAX_REQUESTS,
        // Any item is accepted into the batch: one that is not a BatchCall answers 400 in its place.
        items: {
          anyOf: [
            ref('BatchCall'),
            {
              description:
                'Anything else, or a call breaking a rule no schema states (a dot segment in path, an id used twice): that item answers 400',
            },
          ],
        },
      },
    },
  },
  BatchCall: {
    type: 'object',
    required: ['method', 'path'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', minLength: 1, description: 'Yours, echoed in its answer; unique in the batch' },
      method: { type: 'string', pattern: anyCase(BATCH_METHODS), description: BATCH_METHODS.join(', ') },
      path: {
        type: 'string',
        pattern: '^/unified/ticketing/[a-z_]+(/[^/?#]+)?(\\?[^#]*)?$',
        description: 'A unified API path, optionally with its query string',
        example: '/unified/ticketing/tickets/42',
      },
      query: {
        type: 'object',
        description: 'Query parameters, added to those of path (connection_id, fields, …)',
        additionalProperties: {
          anyOf: [
            { type: ['string', 'number', 'boolean'] },
            { type: 'array', items: { type: ['string', 'number', 'boolean'] } },
          ],
        },
      },
      body: { description: 'The JSON body of a POST or PATCH' },
      headers: {
        type: 'object',
        description: BATCH_ITEM_HEADERS.join(', '),
        propertyNames: { pattern: anyCase(BATCH_ITEM_HEADERS) },
        additionalProperties: { type: 'string', pattern: '^[\\t\\x20-\\x7E]*$' },
      },
    },
  },
  BatchAnswer: {
    type: 'object',
    required: ['responses'],
    additionalProperties: false,
    properties: { responses: { type: 'array', items: ref('BatchCallAnswer') } },
  },
  BatchCallAnswer: {
    type: 'object',
    required: ['id', 'status', 'headers'],
    additionalProperties: false,
    properties: {
      id: { type: ['string', 'null'], description: "The request's id, null when it had none" },
      status: { type: 'integer', description: 'What the call answered, as it would on its own' },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      body: { description: "The call's JSON answer as it would be on its own; absent for 204 and 304" },
    },
  },
};

/** Adds `POST /batch` and its schemas to the document (the route: batch/batch.controller.ts). */
export function addBatch(document: OpenAPIObject): OpenAPIObject {
  const batch = {
    post: {
      tags: ['batch'],
      operationId: 'batch',
      summary: `Run up to ${BATCH_MAX_REQUESTS} unified calls in one request`,
      description: DESCRIPTION,
      security: [{ bearer: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('BatchRequest') } } },
      responses: {
        '200': {
          description: 'Each call answered in its place (its status may be any the call can answer)',
          content: { 'application/json': { schema: ref('BatchAnswer') } },
        },
        '400': apiError(
          `The body is not {"requests": [...]} with 1 to ${BATCH_MAX_REQUESTS} requests, or Idempotency-Key was set on the batch`,
        ),
        '401': apiError('Missing or invalid API key'),
        '413': apiError('The body is larger than 1 MiB'),
        '415': apiError('The body is not JSON (send content-type: application/json)'),
        '429': apiError('Over this tenant’s or API key’s fair use (Retry-After, ratelimit-* headers)'),
      },
    },
  };
  return {
    ...document,
    paths: { ...document.paths, '/batch': batch as never },
    components: {
      ...document.components,
      schemas: { ...(document.components?.schemas ?? {}), ...(SCHEMAS as Record<string, never>) },
    },
  };
}
