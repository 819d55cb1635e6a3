import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';

/** The parts of an OpenAPI 3.1 document the walk reads. */
export type JsonSchema = { [keyword: string]: unknown };
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | OpenApiParameter[]>>;
  components?: { schemas?: Record<string, JsonSchema> };
  security?: unknown[];
}

export interface Operation {
  method: string;
  /** The document's template, e.g. `/connections/{id}`. */
  path: string;
  parameters: OpenApiParameter[];
  bodySchema?: JsonSchema;
  /** Whether the document asks for a bearer key (the walk sends tenant B's). */
  secured: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters as OpenApiParameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as OpenApiOperation | undefined;
      if (!op) continue;
      const security = op.security ?? doc.security ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: [...shared, ...(op.parameters ?? [])],
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
        secured: security.length > 0,
      });
    }
  }
  return operations;
}

/** Raised for a schema the generator cannot satisfy: the walk fails instead of skipping the operation. */
export class CannotFill extends Error {}

/**
 * A small valid instance of a JSON Schema: required properties only, plus any property `hints` names
 * (e.g. `connection_id`, so a body points at the object under test). Strings with a pattern take the
 * first of `patterned` that matches.
 */
export function sampleOf(
  schema: JsonSchema,
  doc: OpenApiDocument,
  hints: Record<string, unknown>,
  patterned: readonly string[],
  where = 'body',
): unknown {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new CannotFill(`${where}: unresolved ${schema.$ref}`);
    return sampleOf(target, doc, hints, patterned, where);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const union of ['oneOf', 'anyOf'] as const) {
    const branches = schema[union] as JsonSchema[] | undefined;
    if (!branches) continue;
    // oneOf branches that only add `required` (one of several fields) merge with the schema itself.
    const branch = branches.find((b) => b.type !== 'null') ?? branches[0];
    const merged = { ...schema, [union]: undefined, ...branch };
    if (schema.properties && branch.required) merged.properties = schema.properties;
    return sampleOf(merged, doc, hints, patterned, where);
  }
  const types = ([] as unknown[]).concat(schema.type ?? []).filter((t) => t !== 'null');
  const type = types[0] ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required as string[] | undefined) ?? [];
      const value: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        if (name in hints) value[name] = hints[name];
        else if (required.includes(name))
          value[name] = sampleOf(property, doc, hints, patterned, `${where}.${name}`);
      }
      return value;
    }
    case 'array': {
      const min = (schema.minItems as number | undefined) ?? 0;
      const items = (schema.items as JsonSchema | undefined) ?? { type: 'string' };
      return Array.from({ length: Math.max(min, 1) }, () =>
        sampleOf(items, doc, hints, patterned, `${where}[]`),
      );
    }
    case 'string':
      return sampleString(schema, patterned, where);
    case 'integer':
    case 'number':
      return (schema.minimum as number | undefined) ?? 1;
    case 'boolean':
      return true;
    default:
      throw new CannotFill(`${where}: no way to build a value for ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

function sampleString(schema: JsonSchema, patterned: readonly string[], where: string): string {
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    const fit = patterned.find((candidate) => pattern.test(candidate));
    if (fit === undefined) throw new CannotFill(`${where}: no known value matches ${schema.pattern}`);
    return fit;
  }
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
  if (schema.format === 'email') return 'walker@example.com';
  if (schema.format === 'uri') return 'https://example.com/walk';
  return 'w'.repeat(Math.max((schema.minLength as number | undefined) ?? 1, 4));
}

/** Every route the Nest controllers of `app` declare, as `METHOD /path/{param}` (OpenAPI's spelling). */
export function controllerRoutes(app: INestApplication): string[] {
  const routes: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || sub === undefined) continue;
        for (const part of ([] as string[]).concat(sub)) {
          const path = `/${[base, part].filter((p) => p !== '' && p !== '/').join('/')}`
            .replace(/\/+/g, '/')
            .replace(/:(\w+)/g, '{$1}');
          routes.push(`${RequestMethod[method]} ${path}`);
        }
      }
    }
  }
  return routes;
}
