import { closedObject, count, listOf, nullable, ref, text, timestamp } from '../openapi/answer-schema';
import type { JsonSchema } from '../openapi/validator-schema';
import { MAPPING_KEY_PATTERN } from './overrides.service';

const key: JsonSchema = { type: 'string', pattern: MAPPING_KEY_PATTERN };
const connection: JsonSchema = {
  ...nullable(text),
  description: "The connection it applies to; null: all of the tenant's connections",
};

/** The store's MappingOverride. */
const OVERRIDE_FIELDS: Record<string, JsonSchema> = {
  tenant_id: text,
  connection_id: connection,
  key,
  expression: { ...text, description: 'JSONata' },
  created_at: timestamp,
  updated_at: timestamp,
};

/** A unified record as a mapping made it, without remote_data (the preview gives that once). */
const MAPPED_RECORD: JsonSchema = {
  type: 'object',
  required: ['id', 'etag'],
  properties: { id: text, etag: text },
  additionalProperties: true,
  description: "The resource's contract fields (null where the mapping gives none) and any the mapping adds",
};

/** The answers of /mappings (overrides.controller.ts), as named components. */
export const OVERRIDE_ANSWERS: Record<string, JsonSchema> = {
  MappingOverride: closedObject(OVERRIDE_FIELDS),
  MappingOverrideWithFailures: closedObject({
    ...OVERRIDE_FIELDS,
    failures: {
      ...closedObject({
        count: { ...count, description: 'Failures since it was last saved' },
        last_failed_at: nullable(timestamp),
        last_message: nullable(text),
      }),
      description: 'How it has fared since it was last saved',
    },
  }),
  MappingOverrideList: listOf(ref('MappingOverrideWithFailures')),
  SavedMappingOverride: closedObject({ key, connection_id: connection, expression: text }),
  BaseMapping: closedObject({
    provider: text,
    key,
    expression: { ...text, description: 'The JSONata the provider definition ships' },
  }),
  MappingPreview: closedObject({
    current: { ...MAPPED_RECORD, description: 'The record as the mappings in force make it' },
    candidate: { ...MAPPED_RECORD, description: 'The record as the candidate expression makes it' },
    remote_data: { description: "The provider's object both were made from" },
  }),
};
