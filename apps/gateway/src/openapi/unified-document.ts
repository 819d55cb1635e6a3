import type { OpenAPIObject } from '@nestjs/swagger';
import {
  CREATE_DTOS,
  getResourceSchema,
  UNIFIED_RESOURCES,
  UPDATE_DTOS,
  type UnifiedResourceName,
} from '@app/unified-models';
import { RAW_MEDIA_TYPE } from '../unified/raw-media-type';
import type { ValidatorSchemas } from './validator-schema';

type Json = Record<string, unknown>;

const pascal = (resource: string) =>
  resource.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());

/**
 * Adds the 17 unified resources to the document: their JSON Schemas (OpenAPI 3.1 speaks JSON Schema
 * 2020-12, so they go in as they are, with `$defs` hoisted into components) and the five operations
 * of `/unified/ticketing/{resource}` for each, whose bodies are the schemas of the DTOs that check them.
 */
export function addUnifiedResources(document: OpenAPIObject, validators: ValidatorSchemas): OpenAPIObject {
  const schemas: Json = { ...(document.components?.schemas ?? {}) };
  schemas.ApiError = {
    type: 'object',
    required: ['statusCode', 'error', 'message'],
    properties: {
      statusCode: { type: 'integer' },
      error: { type: 'string' },
      message: { type: 'string' },
      details: {},
    },
  };
  const paths: Json = { ...document.paths };
  for (const resource of UNIFIED_RESOURCES) {
    Object.assign(schemas, componentSchemas(resource));
    Object.assign(paths, resourcePaths(resource, validators));
  }
  paths['/proxy/{connection_id}/{path}'] = proxyPath();
  return {
    ...document,
    openapi: '3.1.0',
    components: { ...document.components, schemas: schemas as never },
    paths: paths as never,
  };
}

function componentSchemas(resource: UnifiedResourceName): Json {
  const name = pascal(resource);
  const { $schema: _s, $id: _i, $defs, ...schema } = getResourceSchema(resource) as Json & { $defs?: Json };
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string'
          ? v.replace('#/$defs/', `#/components/schemas/${name}.`)
          : rewrite(v),
      ]),
    );
  };
  const out: Json = { [name]: rewrite(schema) };
  for (const [def, body] of Object.entries($defs ?? {})) out[`${name}.${def}`] = rewrite(body);
  return out;
}

function resourcePaths(resource: UnifiedResourceName, validators: ValidatorSchemas): Json {
  const name = pascal(resource);
  const ref = { $ref: `#/components/schemas/${name}` };
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  });
  const errors = {
    '400': error('Invalid request, or the provider does not support this'),
    '401': error('Missing or invalid API key, or the provider rejected the connection'),
    '404': error('No such connection or record'),
    '422': error('A mapping failed; when it is one of your overrides, details.override names it'),
    '429': error(
      'Too many requests: the provider rate-limited the call, or this tenant or API key is over its fair use ' +
        '(details.scope), or its overrides are busy (Retry-After, ratelimit-* headers)',
    ),
    '502': error('The provider failed'),
    '504': error('The provider did not answer in time'),
  };
  const param = (
    n: string,
    where: 'query' | 'path' | 'header',
    required: boolean,
    description: string,
    schema: Json = { type: 'string' },
  ) => ({
    name: n,
    in: where,
    required,
    description,
    schema,
  });
  const common = [
    param('connection_id', 'query', true, 'The connection to call', { type: 'string', minLength: 1 }),
    param(
      'response_format',
      'query',
      false,
      `\`raw\` answers the provider's body as it came, as \`${RAW_MEDIA_TYPE}\``,
      {
        type: 'string',
        enum: ['unified', 'raw'],
      },
    ),
    param('include_remote_data', 'query', false, '`false` leaves out remote_data', { type: 'boolean' }),
  ];
  const idempotency = param(
    'Idempotency-Key',
    'header',
    false,
    'Same key and body → the stored response; another body → 409',
  );
  const filters = ['created_at', 'updated_at'].flatMap((f) =>
    ['gt', 'gte', 'lt', 'lte'].map((op) =>
      param(`${f}[${op}]`, 'query', false, `${f} ${op} (where the provider can)`, {
        type: 'string',
        format: 'date-time',
      }),
    ),
  );
  const tag = [resource];
  const security = [{ bearer: [] }];
  /** The unified shape as application/json; with response_format=raw, the provider's own body. */
  const answer = (description: string, unified: Json) => ({
    description,
    content: {
      'application/json': { schema: unified },
      [RAW_MEDIA_TYPE]: { schema: { description: "response_format=raw: the provider's body as it came" } },
    },
  });
  const body = (dto: Json) => ({ required: true, content: { 'application/json': { schema: dto } } });
  return {
    [`/unified/ticketing/${resource}`]: {
      get: {
        tags: tag,
        operationId: `list_${resource}`,
        security,
        summary: `List ${resource}`,
        parameters: [
          ...common,
          param('limit', 'query', false, 'Page size', { type: 'integer', minimum: 1, maximum: 1000 }),
          param('next_cursor', 'query', false, 'Cursor from the previous page'),
          ...filters,
        ],
        responses: {
          '200': answer('One page', {
            type: 'object',
            required: ['result', 'next_cursor', 'result_count'],
            properties: {
              result: { type: 'array', items: ref },
              next_cursor: { type: ['string', 'null'] },
              result_count: { type: 'integer' },
              is_partial: { const: true },
            },
            additionalProperties: false,
          }),
          ...errors,
        },
      },
      post: {
        tags: tag,
        operationId: `create_${resource}`,
        security,
        summary: `Create a ${name}`,
        parameters: [...common, idempotency],
        requestBody: body(validators.ref(CREATE_DTOS[resource])),
        responses: {
          '201': answer('Created (read back from the provider)', ref),
          ...errors,
          '409': error('Idempotency-Key reused with another body'),
        },
      },
    },
    [`/unified/ticketing/${resource}/{id}`]: {
      parameters: [param('id', 'path', true, 'The unified id')],
      get: {
        tags: tag,
        operationId: `get_${resource}`,
        security,
        summary: `Get a ${name}`,
        parameters: common,
        responses: {
          '200': answer('The record', ref),
          ...errors,
        },
      },
      patch: {
        tags: tag,
        operationId: `update_${resource}`,
        security,
        summary: `Update a ${name}`,
        parameters: [...common, idempotency],
        requestBody: body(validators.ref(UPDATE_DTOS[resource])),
        responses: {
          '200': answer('Updated (read back)', ref),
          ...errors,
          '409': error('Idempotency-Key reused with another body'),
        },
      },
      delete: {
        tags: tag,
        operationId: `delete_${resource}`,
        security,
        summary: `Delete a ${name}`,
        parameters: common,
        responses: { '204': { description: 'Deleted' }, ...errors },
      },
    },
  };
}

function proxyPath(): Json {
  const operation = (method: string) => ({
    tags: ['proxy'],
    operationId: `proxy_${method}`,
    summary: `${method.toUpperCase()} any provider path with the connection's credentials; the answer comes back as it came`,
    security: [{ bearer: [] }],
    // The provider's status, headers and body as they came (or ours: 401, 404, 405 with Allow).
    responses: { default: { description: "The provider's own answer", content: { '*/*': { schema: {} } } } },
  });
  return {
    parameters: [
      { name: 'connection_id', in: 'path', required: true, schema: { type: 'string' } },
      {
        name: 'path',
        in: 'path',
        required: true,
        description: 'The provider API path, e.g. repos/o/r/issues (percent-encoded only where it must be)',
        schema: { type: 'string', pattern: '^[^%]+$' },
      },
    ],
    get: operation('get'),
    post: operation('post'),
    put: operation('put'),
    patch: operation('patch'),
    delete: operation('delete'),
  };
}
