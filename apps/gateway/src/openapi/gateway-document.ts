import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { ProviderRegistry } from '@app/providers';
import { MAPPING_KEY_PATTERN } from '../overrides/overrides.service';
import { addOperationErrors } from './operation-errors';
import { addUnifiedResources } from './unified-document';
import { ValidatorSchemas, type JsonSchema } from './validator-schema';

const DESCRIPTION = [
  'One REST API over GitHub Issues, Jira, Zendesk and more.',
  '',
  'Errors are `{statusCode, error, message, details}` (ApiError). 400 means the request breaks this',
  'document; 422 that it is well formed but was refused (by the provider, or a mapping). A method a path',
  'does not answer gets 405 with `Allow` listing the ones it does. A provider that fails or cannot be',
  'reached answers 502, one that does not answer in time 504; its rate limit, 429 with `Retry-After`.',
].join('\n');

/**
 * The OpenAPI 3.1 document the gateway serves at /openapi.json: Nest's routes, their bodies' schemas
 * read from the validators that check them, the unified resources and the proxy. `withOperationErrors`
 * then adds every error each operation can answer, once every part is in.
 */
export function gatewayDocument(app: INestApplication): OpenAPIObject {
  const nest = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Unified Ticketing API')
      .setDescription(DESCRIPTION)
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  const validators = new ValidatorSchemas();
  const components = { ...(nest.components?.schemas ?? {}) } as Record<string, JsonSchema>;
  const validated = validatedClasses();
  for (const [name, nestSchema] of Object.entries(components)) {
    const dto = validated.get(name);
    if (!dto) continue;
    validators.ref(dto);
    components[name] = withDescriptions(validators.components[name], nestSchema);
  }
  const document = addUnifiedResources(
    { ...nest, components: { ...nest.components, schemas: components as never } },
    validators,
  );
  const schemas = { ...validators.components, ...(document.components?.schemas ?? {}) };
  addBodyRules(schemas as Record<string, JsonSchema>);
  refinePaths(document.paths as never, app.get(ProviderRegistry), schemas as Record<string, JsonSchema>);
  return { ...document, components: { ...document.components, schemas: schemas as never } };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by Function
type DtoClass = Function;

/** Every class class-validator holds rules for, by name (the names Nest gives their schemas). */
function validatedClasses(): Map<string, DtoClass> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, unknown> };
  return new Map([...storage.validationMetadatas.keys()].map((c) => [c.name, c]));
}

/** The validators' schema with the descriptions, examples and defaults written on the DTO for Nest. */
function withDescriptions(schema: JsonSchema, nest: JsonSchema): JsonSchema {
  const nestProperties = (nest.properties ?? {}) as Record<string, JsonSchema>;
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, own]) => {
      const { description, example, default: fallback } = nestProperties[name] ?? {};
      return [
        name,
        {
          ...own,
          ...Object.fromEntries(
            Object.entries({ description, example, default: fallback }).filter(([, v]) => v !== undefined),
          ),
        },
      ];
    }),
  );
  return { ...schema, ...(nest.description ? { description: nest.description } : {}), properties };
}

/** Rules across a body's fields that the service checks (not a decorator), as the schema says them. */
function addBodyRules(schemas: Record<string, JsonSchema>): void {
  const rules: Record<string, JsonSchema> = {
    ReplayBody: { oneOf: [{ required: ['event_id'] }, { required: ['since'] }] },
    PreviewBody: { properties: { key: { type: 'string', pattern: MAPPING_KEY_PATTERN } } },
  };
  for (const [name, rule] of Object.entries(rules)) {
    const schema = schemas[name];
    if (!schema) continue;
    const { properties, ...rest } = rule as { properties?: Record<string, JsonSchema> };
    const own = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [field, extra] of Object.entries(properties ?? {})) own[field] = { ...own[field], ...extra };
    Object.assign(schema, rest);
  }
}

type PathItem = Record<string, { parameters?: JsonSchema[]; requestBody?: JsonSchema } | JsonSchema[]>;

/**
 * What Nest cannot read off a route: path parameters the services check (mapping keys, provider names),
 * and bodies that may be left out (Nest's pipe validates a missing body as `{}`: optional when no
 * field is required).
 */
function refinePaths(
  paths: Record<string, PathItem>,
  registry: ProviderRegistry,
  schemas: Record<string, JsonSchema>,
): void {
  const providers = registry.all().map((d) => d.name);
  const oauthProviders = registry
    .all()
    .filter((d) => d.oauth2)
    .map((d) => d.name);
  const parameterSchemas: Record<string, Record<string, JsonSchema>> = {
    '/mappings/': {
      key: { type: 'string', pattern: MAPPING_KEY_PATTERN },
      provider: { type: 'string', enum: providers },
    },
    '/connect/oauth-apps/': { provider: { type: 'string', enum: oauthProviders } },
  };
  for (const [path, item] of Object.entries(paths)) {
    const refined = Object.entries(parameterSchemas).find(([prefix]) => path.startsWith(prefix))?.[1];
    for (const operation of Object.values(item)) {
      if (Array.isArray(operation)) continue;
      for (const parameter of operation.parameters ?? []) {
        const schema = refined?.[parameter.name as string];
        if (schema && parameter.in === 'path') parameter.schema = schema;
      }
      const body = operation.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined;
      const ref = body?.content?.['application/json']?.schema?.$ref;
      const schema = typeof ref === 'string' ? schemas[ref.split('/').pop() ?? ''] : undefined;
      if (schema && !path.startsWith('/unified/') && !schema.required && !schema.oneOf)
        (body as JsonSchema).required = false;
    }
  }
}

/** The finished document: every operation with the error answers it can give (operation-errors.ts). */
export function withOperationErrors(document: OpenAPIObject): OpenAPIObject {
  addOperationErrors(document.paths as never);
  return document;
}
