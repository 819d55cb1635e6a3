import { ApiResponse } from '@nestjs/swagger';
import type { JsonSchema } from './validator-schema';

/**
 * Building blocks for the schemas of the answers routes give (JSON Schema 2020-12, as OpenAPI 3.1 reads
 * it). Each capability states its answers beside its controller (`*-answers.ts`: named components) and
 * marks its routes with `ApiAnswer`; answer-document.ts puts the components into the document.
 */

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const text: JsonSchema = { type: 'string' };
export const timestamp: JsonSchema = { type: 'string', format: 'date-time' };
export const count: JsonSchema = { type: 'integer', minimum: 0 };
export const texts: JsonSchema = { type: 'array', items: text };

/** The same schema, or null (the server writes null, never leaves the field out). */
export const nullable = (schema: JsonSchema): JsonSchema => {
  const type = schema.type;
  if (typeof type !== 'string') return { anyOf: [schema, { type: 'null' }] };
  return { ...schema, type: [type, 'null'] };
};

/**
 * An object with exactly these fields: every one present (unless named in `optional`), none other. The
 * answers are built by the server, so a field the schema does not know is a server bug, not an extension.
 */
export const closedObject = (
  properties: Record<string, JsonSchema>,
  optional: string[] = [],
): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  properties,
});

/** `{result, result_count}`: the list answers of this API that have no pages. */
export const listOf = (item: JsonSchema): JsonSchema =>
  closedObject({ result: { type: 'array', items: item }, result_count: count });

/** A 2xx answer whose JSON body is the named component (`*-answers.ts`). */
export const ApiAnswer = (status: number, description: string, component: string) =>
  ApiResponse({ status, description, schema: ref(component) });
