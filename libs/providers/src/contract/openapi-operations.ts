import { parse as parseYaml } from 'yaml';

/**
 * A provider's official OpenAPI description, reduced to what a contract check needs: its operations
 * (method, path template, required query parameters, request body properties) and their 200 response
 * schemas, with `$ref`s resolved against the document.
 */
export interface OpenApiOperation {
  method: string;
  template: string;
  pattern: RegExp;
  requiredQuery: string[];
  /** Top-level properties the JSON request body may carry; undefined when the schema leaves it open. */
  bodyProperties?: string[];
  /** The success response's schema (2xx, JSON). */
  responseSchema?: unknown;
}

export interface OpenApiDescription {
  document: Record<string, unknown>;
  operations: OpenApiOperation[];
  /** Path prefixes of the description's servers (`/rest/api/3` where the paths leave it out). */
  basePaths: string[];
}

type Json = Record<string, unknown>;

export function readOpenApi(text: string): OpenApiDescription {
  // Some descriptions (Azure DevOps') start with a UTF-8 byte order mark, which JSON.parse refuses.
  const source = text.replace(/^\uFEFF/, '');
  const document = (source.trimStart().startsWith('{') ? JSON.parse(source) : parseYaml(source)) as Json;
  const resolve = (node: unknown, seen = 0): unknown => {
    if (seen > 20 || typeof node !== 'object' || node === null) return node;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/'))
      return resolve(
        ref
          .slice(2)
          .split('/')
          .reduce<unknown>(
            (at, key) => (at as Json)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
            document,
          ),
        seen + 1,
      );
    return node;
  };
  const operations: OpenApiOperation[] = [];
  const swagger2 = typeof document.swagger === 'string';
  for (const [template, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    const shared = ((item.parameters ?? []) as unknown[]).map((p) => resolve(p) as Json);
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const parameters = [...shared, ...((op.parameters ?? []) as unknown[]).map((p) => resolve(p) as Json)];
      const bodySchema = swagger2
        ? (parameters.find((p) => p.in === 'body')?.schema as unknown)
        : ((resolve(op.requestBody) as Json | undefined)?.content as Record<string, Json> | undefined)?.[
            'application/json'
          ]?.schema;
      const body = resolve(bodySchema) as Json | undefined;
      const open =
        !body ||
        !body.properties ||
        body.additionalProperties === true ||
        Boolean(body.allOf ?? body.oneOf ?? body.anyOf);
      const responses = (op.responses ?? {}) as Record<string, unknown>;
      const success = Object.entries(responses).find(([code]) => /^2\d\d$/.test(code))?.[1];
      const resolved = resolve(success) as Json | undefined;
      const responseSchema = swagger2
        ? resolved?.schema
        : ((resolved?.content as Record<string, Json> | undefined)?.['application/json']?.schema ??
          Object.values((resolved?.content ?? {}) as Record<string, Json>)[0]?.schema);
      operations.push({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
        ),
        requiredQuery: parameters
          .filter((p) => p.in === 'query' && p.required === true)
          .map((p) => String(p.name)),
        bodyProperties: open ? undefined : Object.keys(body.properties as Json),
        responseSchema,
      });
    }
  }
  const servers = (document.servers ?? []) as { url?: string }[];
  const basePaths = [
    ...servers.map((s) => {
      try {
        return new URL(String(s.url).replace(/\{[^}]+\}/g, 'x')).pathname.replace(/\/$/, '');
      } catch {
        return '';
      }
    }),
    swagger2 ? String(document.basePath ?? '').replace(/\/$/, '') : '',
  ].filter((p, i, all) => all.indexOf(p) === i);
  return { document, operations, basePaths };
}

/** The operation a request goes to, trying the path as sent and without each server's base path. */
export function findOperation(
  description: OpenApiDescription,
  method: string,
  path: string,
): OpenApiOperation | undefined {
  const candidates = [
    path,
    ...description.basePaths.filter((b) => b && path.startsWith(b)).map((b) => path.slice(b.length)),
  ];
  // A literal segment beats a template one (`/tickets/search` over `/tickets/{id}`).
  const matches = description.operations
    .filter((o) => o.method === method && candidates.some((c) => o.pattern.test(c)))
    .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  return matches[0];
}
