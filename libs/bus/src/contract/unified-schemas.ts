/**
 * Embeds the unified record schemas (libs/unified-models/schemas/*.schema.json) in the AsyncAPI
 * document's `components/schemas`. The AsyncAPI resolver reads `#/…` references against the document,
 * not against a schema's `$id`, so each schema's `$defs` are hoisted to components of their own
 * (`status_reference` → `StatusReference`) and its `#/$defs/…` references are rewritten to point there.
 * Nothing else changes: the embedded schema validates exactly what the file does.
 */
import { isDeepStrictEqual } from 'node:util';
import { getResourceSchema, type JsonSchema, type UnifiedResourceName } from '@app/unified-models';
import { pascalCase, recordSchemaName } from './topic-contracts';

const DEFS_PREFIX = '#/$defs/';

function rewriteRefs(node: unknown, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, names));
  if (!node || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFS_PREFIX)) {
      const name = names.get(value.slice(DEFS_PREFIX.length));
      if (!name) throw new Error(`unresolvable reference ${value}`);
      copy[key] = `#/components/schemas/${name}`;
    } else {
      copy[key] = rewriteRefs(value, names);
    }
  }
  return copy;
}

/**
 * Adds the record schema of `resource` and its definitions to `schemas` (shared definitions, such as
 * `Reference`, are added once) and returns the component name of the record schema.
 */
export function embedResourceSchema(
  resource: UnifiedResourceName,
  schemas: Record<string, JsonSchema>,
): string {
  const { $schema: _dialect, $id, $defs, ...record } = getResourceSchema(resource);
  const defs = ($defs ?? {}) as Readonly<Record<string, JsonSchema>>;
  const names = new Map(Object.keys(defs).map((def) => [def, pascalCase(def)]));
  const name = recordSchemaName(resource);
  const additions: [string, JsonSchema][] = [
    [
      name,
      {
        $comment: `Embedded from libs/unified-models/schemas/${resource}.schema.json (${String($id)}).`,
        ...(rewriteRefs(record, names) as JsonSchema),
      },
    ],
    ...Object.entries(defs).map(([def, schema]): [string, JsonSchema] => [
      names.get(def) as string,
      rewriteRefs(schema, names) as JsonSchema,
    ]),
  ];
  for (const [component, schema] of additions) {
    const existing = schemas[component];
    if (existing && !isDeepStrictEqual(existing, schema)) {
      throw new Error(
        `components/schemas/${component} from ${resource}.schema.json differs from the one already ` +
          'embedded: give the definitions distinct names in libs/unified-models/schemas',
      );
    }
    schemas[component] = schema;
  }
  return name;
}
