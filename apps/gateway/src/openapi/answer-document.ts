import type { OpenAPIObject } from '@nestjs/swagger';
import { CONNECTION_AUTH_METHODS } from '@app/store';
import { ADMIN_ANSWERS } from '../admin/admin-answers';
import { CONNECT_ANSWERS } from '../connect/connect-answers';
import { CONNECTION_ANSWERS } from '../connections/connection-answers';
import { INTEGRATION_ANSWERS } from '../integrations/integration-answers';
import { OVERRIDE_ANSWERS } from '../overrides/override-answers';
import { SUBSCRIPTION_ANSWERS } from '../subscriptions/subscription-answers';
import { ref } from './answer-schema';

type Json = Record<string, unknown>;

const nullable = (type: string) => ({ type: [type, 'null'] });
const timestamp = { type: 'string', format: 'date-time' };
const object = (properties: Json, optional: string[] = []): Json => ({
  type: 'object',
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  properties,
});

/**
 * What tenants, API keys and connections look like in answers: the store's Tenant, ApiKey and
 * StoredConnection and the gateway's ConnectionView (connections.service.ts). Credentials have no field.
 */
const SCHEMAS: Record<string, Json> = {
  Tenant: object({ id: { type: 'string' }, name: { type: 'string' }, created_at: timestamp }),
  ApiKey: object({
    id: { type: 'string' },
    tenant_id: { type: 'string' },
    name: { type: 'string' },
    prefix: { type: 'string', description: 'The part of the key shown in lists (`utk_<prefix>_…`)' },
    created_at: timestamp,
  }),
  IssuedApiKey: {
    allOf: [
      ref('ApiKey'),
      object({
        secret: { type: 'string', description: 'The key to send as `Bearer`: shown this once only' },
      }),
    ],
  },
  CreatedTenant: object({ tenant: ref('Tenant'), api_key: ref('IssuedApiKey') }),
  TenantList: object({ result: { type: 'array', items: ref('Tenant') } }),
  Connection: object({
    id: { type: 'string' },
    tenant_id: { type: 'string' },
    provider: { type: 'string' },
    name: nullable('string'),
    external_id: { ...nullable('string'), description: 'Your id for the end user it belongs to' },
    auth_method: { enum: [...CONNECTION_AUTH_METHODS] },
    auth_status: {
      enum: ['ok', 'needs_reauth'],
      description: '`needs_reauth`: the provider refused to refresh its tokens; connect it again',
    },
    webhook_status: ref('WebhookStatus'),
    settings: { type: 'object', additionalProperties: { type: 'string' } },
    created_at: timestamp,
    updated_at: timestamp,
    has_webhook_secret: { type: 'boolean' },
    webhook: object(
      {
        url: { type: 'string', description: 'Where the provider sends this connection’s webhooks' },
        secret: {
          type: 'string',
          description: 'The webhook secret issued for it: in the creation answer only',
        },
      },
      ['secret'],
    ),
  }),
  ConnectionList: object({
    result: { type: 'array', items: ref('Connection') },
    result_count: { type: 'integer' },
  }),
};

/** The 2xx answer of each operation, by path and method. */
const ANSWERS: Record<string, Record<string, [status: string, schema: string, description: string]>> = {
  '/admin/tenants': {
    post: ['201', 'CreatedTenant', 'The tenant and its first API key (its secret shown this once)'],
    get: ['200', 'TenantList', 'Every tenant'],
  },
  '/admin/tenants/{tenantId}/api-keys': {
    post: ['201', 'IssuedApiKey', 'The key (its secret shown this once)'],
  },
  '/connections': {
    post: ['201', 'Connection', 'The connection (never its credentials)'],
    get: ['200', 'ConnectionList', 'This tenant’s connections'],
  },
  '/connections/{id}': {
    get: ['200', 'Connection', 'The connection (never its credentials)'],
    patch: ['200', 'Connection', 'The connection as it is now'],
  },
};

/**
 * The answers each capability states beside its controller (`*-answers.ts`), which its routes name with
 * `ApiAnswer`: one set of components, so a name used twice is a mistake.
 */
const CAPABILITY_ANSWERS = [
  ADMIN_ANSWERS,
  CONNECT_ANSWERS,
  CONNECTION_ANSWERS,
  INTEGRATION_ANSWERS,
  OVERRIDE_ANSWERS,
  SUBSCRIPTION_ANSWERS,
];

function capabilityAnswers(): Json {
  const all: Json = {};
  for (const answers of CAPABILITY_ANSWERS)
    for (const [name, schema] of Object.entries(answers)) {
      if (name in all || name in SCHEMAS)
        throw new Error(`answer-document: two answer schemas named ${name}`);
      all[name] = schema;
    }
  return all;
}

/**
 * Adds the answer schemas of the tenant and connection operations (Nest cannot read return types) and
 * the components the other routes' `ApiAnswer`s name.
 */
export function addAnswers(document: OpenAPIObject): OpenAPIObject {
  const paths = document.paths as Record<string, Record<string, { responses?: Record<string, Json> }>>;
  for (const [path, methods] of Object.entries(ANSWERS))
    for (const [method, [status, schema, description]] of Object.entries(methods)) {
      const operation = paths[path]?.[method];
      if (!operation) throw new Error(`answer-document: no ${method.toUpperCase()} ${path} in the document`);
      operation.responses = {
        ...operation.responses,
        [status]: { description, content: { 'application/json': { schema: ref(schema) } } },
      };
    }
  const schemas = { ...(document.components?.schemas ?? {}), ...SCHEMAS, ...capabilityAnswers() };
  return { ...document, components: { ...document.components, schemas: schemas as never } };
}
