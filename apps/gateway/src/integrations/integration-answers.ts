import type { AuthDefinition, UnifiedMethod, WebhookVerification } from '@app/providers';
import { closedObject, listOf, nullable, ref, text, texts } from '../openapi/answer-schema';
import type { JsonSchema } from '../openapi/validator-schema';

// Records over the definitions' unions: a scheme or method added there must be added here (tsc says so).
const AUTH_SCHEMES: Record<AuthDefinition['scheme'], true> = {
  basic: true,
  bearer: true,
  header: true,
  oauth2: true,
};
const VERIFICATIONS: Record<WebhookVerification['scheme'], true> = {
  hmac: true,
  'shared-secret': true,
  jwt: true,
  none: true,
};
const METHODS: Record<UnifiedMethod, true> = {
  list: true,
  get: true,
  create: true,
  update: true,
  delete: true,
};

const pattern = { ...text, description: 'A regular expression the value must match' };

/** The answers of /integrations and /connections/{id}/capabilities, read from the provider definitions. */
export const INTEGRATION_ANSWERS: Record<string, JsonSchema> = {
  /** What a provider can do with one unified resource. */
  ResourceCapability: closedObject({
    resource: text,
    methods: {
      type: 'array',
      items: { type: 'string', enum: Object.keys(METHODS) },
      description: 'In the order list, get, create, update, delete',
    },
  }),
  /** A provider definition as discovery shows it (integrations.controller.ts `describe`). */
  Integration: closedObject({
    provider: { ...text, description: 'The name a connection gives as `provider`' },
    name: text,
    auth: closedObject({
      scheme: { type: 'string', enum: Object.keys(AUTH_SCHEMES) },
      credentials: {
        type: 'object',
        description: 'The credentials a connection carries, by name',
        additionalProperties: closedObject(
          {
            description: text,
            label: text,
            secret: { type: 'boolean', description: 'A secret: never echoed back (true when left out)' },
            pattern,
            multiline: { type: 'boolean' },
            optional: { type: 'boolean', description: 'Not every connection needs it' },
          },
          ['label', 'secret', 'pattern', 'multiline', 'optional'],
        ),
      },
    }),
    settings: {
      type: 'object',
      description: 'The settings a connection gives, by name',
      additionalProperties: closedObject({ description: text, required: { type: 'boolean' }, pattern }, [
        'pattern',
      ]),
    },
    webhooks: {
      ...nullable(
        closedObject({
          verification: {
            type: 'string',
            enum: Object.keys(VERIFICATIONS),
            description: 'How deliveries are verified',
          },
          events: { ...texts, description: 'The provider events turned into unified events' },
        }),
      ),
      description: 'null: no webhooks of this provider are received',
    },
    resources: { type: 'array', items: ref('ResourceCapability') },
  }),
  IntegrationList: listOf(ref('Integration')),
  ConnectionCapabilities: closedObject({
    connection_id: text,
    provider: text,
    result: { type: 'array', items: ref('ResourceCapability') },
  }),
};
