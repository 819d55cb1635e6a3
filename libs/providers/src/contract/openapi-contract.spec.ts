import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readSpec } from '@app/sandbox';
import { DEMO_PROVIDERS } from '@app/sandbox/demo';
import type { ProviderDefinition, UnifiedMethod } from '../definition';
import { ExpressionCache } from '../engine/expression-cache';
import { HttpTransport, type ProviderRequest, type ProviderResponse } from '../engine/http-transport';
import { ProviderClient } from '../engine/provider-client';
import { RequestBuilder } from '../engine/request-builder';
import { ProviderRegistry } from '../registry';
import { findOperation, readOpenApi, type OpenApiDescription } from './openapi-operations';

const registry = new ProviderRegistry();

type Doc = {
  components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
};

/**
 * Errors in a provider's own description, corrected before validating, each with its evidence, so the
 * check stays strict everywhere else. (A property typed string whose own example is null is nullable:
 * handled generally in `toJsonSchema`.)
 */
const DESCRIPTION_ERRATA: Record<string, (document: Doc) => void> = {
  // Front: `MessageResponse.author` is the teammate who sent it; an inbound message has none (null), which
  // the description, reusing TeammateResponse, does not allow.
  front: (d) => void (d.components.schemas.MessageResponse.properties.author.nullable = true),
  // Trello: a card's `due` (and `badges.due`/`badges.start`) is a full timestamp ("2019-09-16T16:19:17.156Z"
  // in Trello's own card examples and webhook payloads), not the `date` the description says; a list
  // without a card limit has `softLimit: null`, which the description's plain string does not allow; a
  // card's `labels` are Label objects (`{id, idBoard, name, color}` in Trello's card examples), not ids.
  trello: (d) => {
    const card = d.components.schemas.Card.properties;
    card.labels.items = { $ref: '#/components/schemas/Label' };
    // `Label.color` says "Null means no color" and refers to the nullable Color, but a sibling `type: string` refuses null.
    delete d.components.schemas.Label.properties.color.type;
    const badges = (card.badges as { properties: Record<string, Record<string, unknown>> }).properties;
    for (const due of [card.due, badges.due, badges.start]) due.format = 'date-time';
    d.components.schemas.TrelloList.properties.softLimit.nullable = true;
  },
  azure_devops: (d) => azureDevopsErrata(d as unknown as SwaggerDoc),
  clickup: (d) => clickupErrata(d as unknown as JsonObject),
};

type SwaggerDoc = {
  paths?: Record<
    string,
    Record<
      string,
      {
        parameters?: { name?: string; required?: boolean }[];
        responses?: Record<string, { schema?: Record<string, unknown> }>;
      }
    >
  >;
  definitions?: Record<string, { properties: Record<string, Record<string, unknown>> }>;
};

/**
 * Azure DevOps (its REST reference's own samples are the evidence): a collection comes as
 * `{"count": n, "value": [...]}`, not the bare array the descriptions say; dictionaries hold any values,
 * not only objects; and `GET …/workItems/{id}/comments` is both "Get Comments" and "Get Comments
 * Batch", whose `ids` the description makes required for both.
 */
function azureDevopsErrata(d: SwaggerDoc): void {
  for (const item of Object.values(d.paths ?? {}))
    for (const operation of Object.values(item)) {
      const ok = operation?.responses?.['200'];
      if (ok?.schema?.type === 'array')
        ok.schema = { type: 'object', properties: { count: { type: 'integer' }, value: ok.schema } };
    }
  // .NET `IDictionary<string, object>` (WorkItem.fields, WorkItemClassificationNode.attributes …) became
  // maps of objects; their values are any JSON (`"System.Title": "…"`, `"startDate": "2014-10-27T00:00:00Z"`).
  for (const schema of Object.values(d.definitions ?? {}))
    for (const property of Object.values(schema.properties ?? {}))
      if (JSON.stringify(property.additionalProperties) === '{"type":"object"}')
        property.additionalProperties = {};
  const comments = d.paths?.['/{organization}/{project}/_apis/wit/workItems/{workItemId}/comments']?.get;
  for (const parameter of comments?.parameters ?? [])
    if (parameter.name === 'ids') parameter.required = false;
}

type JsonNode = { [key: string]: JsonNode } | JsonNode[] | string;
type JsonObject = { [key: string]: JsonNode };

/**
 * ClickUp, where its description contradicts its own examples: `GET /v2/space/{space_id}/folder` types
 * `folders` as one Folder while its example is an array of them; `GET /v2/list/{list_id}/task` types
 * `tasks[].assignees`, `watchers` and `tags` as strings while `GET /v2/task/{task_id}` types the same
 * task's as objects, which both examples give; a comment's `assignee` and `assigned_by` are objects only
 * once someone assigns the comment (CreateTaskComment's `assignee` is optional): null otherwise.
 */
function clickupErrata(d: JsonObject): void {
  const at = (node: JsonNode, ...keys: string[]) =>
    keys.reduce((n, key) => (n as JsonObject)[key], node) as JsonObject;
  const ok = (path: string) =>
    at(d, 'paths', path, 'get', 'responses', '200', 'content', 'application/json', 'schema', 'properties');
  const folders = ok('/v2/space/{space_id}/folder');
  folders.folders = { type: 'array', items: folders.folders };
  const listed = at(ok('/v2/list/{list_id}/task'), 'tasks', 'items', 'properties');
  for (const people of ['assignees', 'watchers', 'tags']) listed[people] = ok('/v2/task/{task_id}')[people];
  const comment = at(ok('/v2/task/{task_id}/comment'), 'comments', 'items', 'properties');
  for (const field of ['assignee', 'assigned_by'])
    comment[field] = { anyOf: [comment[field], { type: 'null' }] };
}
const described = registry.all().filter((d) => d.officialDescription?.kind === 'openapi');

function load(definition: ProviderDefinition): OpenApiDescription[] {
  return definition.officialDescription!.files.map((file) => {
    const description = readOpenApi(
      file.startsWith('npm:') ? readFileSync(require.resolve(file.slice(4)), 'utf8') : readSpec(file),
    );
    const erratum = DESCRIPTION_ERRATA[definition.name];
    if (!erratum) return description;
    erratum(description.document as unknown as Doc);
    // Read again, so corrected parameters (not only schemas, shared by reference) reach the operations.
    return readOpenApi(JSON.stringify(description.document));
  });
}

/** A request of each method, built from the demo's settings and its conformance plan's bodies. */
async function requestsOf(definition: ProviderDefinition, ids: Record<string, string>) {
  const demo = DEMO_PROVIDERS.find((d) => d.provider === definition.name);
  const builder = new RequestBuilder(new ExpressionCache());
  const connection = {
    id: 'c',
    tenantId: 't',
    provider: definition.name,
    settings: { ...(demo?.settings ?? {}), base_url: 'https://provider.example' },
    credentials: demo?.credentials ?? {},
  };
  const built = [];
  for (const [resource, r] of Object.entries(definition.resources))
    for (const [name, method] of Object.entries(r.methods ?? {})) {
      const plan = demo?.conformance.plans[resource] ?? {};
      const query = Object.fromEntries(
        [...(method.requiredQuery ?? []), ...Object.keys(plan.query ?? {})].map((k) => [k, '10001']),
      );
      const body =
        name === 'create'
          ? (plan.create ?? { name: 'x' })
          : name === 'update'
            ? (plan.update ?? { name: 'x' })
            : undefined;
      const request = await builder.build(definition, resource, name as UnifiedMethod, method, connection, {
        id: ids[resource] ?? '10001', // a real id of the emulator's: ids have shapes (owner/repo, SUP-1)
        query,
        body,
      });
      built.push({ at: `${resource}.${name}`, method: method.method, ...request });
    }
  return built;
}

/** OpenAPI 3.0 schemas → JSON Schema for Ajv: `nullable` becomes a null type, refs point into the document. */
function toJsonSchema(node: unknown, id: string): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, id));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = v.startsWith('#') ? `${id}${v}` : v;
    // Branches of OpenAPI descriptions overlap (no discriminator): "exactly one" would refuse valid answers.
    else if (k === 'oneOf') out.anyOf = toJsonSchema(v, id);
    else if (k !== 'example' && k !== 'examples' && k !== 'discriminator' && !k.startsWith('x-'))
      out[k] = toJsonSchema(v, id);
  }
  // A `format: uri` whose own example is no URI (Intercom's relative `url`s, "note" as a `type`) says less
  // than it claims: the example is what the provider sends.
  const example = (node as { example?: unknown }).example;
  if (out.format === 'uri' && typeof example === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(example))
    delete out.format;
  // A description whose own example for a property is null contradicts its non-null type (Front's
  // `error_type`, `_links.related.owner`): the example is what the provider sends, so null is allowed.
  const exampleIsNull = 'example' in node && (node as { example?: unknown }).example === null;
  // Swagger 2.0 says `x-nullable: true` where OpenAPI 3.0 says `nullable: true`.
  const swaggerNullable = (node as Record<string, unknown>)['x-nullable'] === true;
  // `allOf: [{$ref}, {nullable: true}]` is the OpenAPI 3.0 idiom for a nullable reference (OAI issue 1368;
  // Asana's `assignee`, `parent`): the whole is nullable, not only the member.
  const allOf = (node as { allOf?: unknown }).allOf;
  const nullableMember =
    Array.isArray(allOf) && allOf.some((m) => (m as { nullable?: unknown } | null)?.nullable === true);
  if (
    out.nullable === true ||
    swaggerNullable ||
    nullableMember ||
    (exampleIsNull && typeof out.type === 'string')
  ) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

describe.each(described.map((d) => [d.name, d] as const))(
  'contract: %s against its official API description',
  (_n, definition) => {
    const descriptions = load(definition);
    const operationOf = (method: string, path: string) =>
      descriptions.map((d) => findOperation(d, method, path)).find(Boolean);

    const demo = DEMO_PROVIDERS.find((d) => d.provider === definition.name);
    const seen: { request: ProviderRequest; response: ProviderResponse }[] = [];
    const ids: Record<string, string> = {};
    // The emulator's own traffic for every list and get: real ids for the request check, answers for the
    // response check.
    beforeAll(async () => {
      if (!demo) return;
      class RecordingTransport extends HttpTransport {
        override async send(request: ProviderRequest): Promise<ProviderResponse> {
          const response = await super.send(request);
          seen.push({ request, response });
          return response;
        }
      }
      const emulator = demo.createEmulator();
      const url = await emulator.start();
      try {
        const client = new ProviderClient({ registry, transport: new RecordingTransport() });
        const connection = {
          id: 'c',
          tenantId: 't',
          provider: definition.name,
          settings: { ...demo.settings, base_url: url },
          credentials: demo.credentials,
        };
        for (const [resource, r] of Object.entries(definition.resources)) {
          const query = demo.conformance.plans[resource]?.query ?? {};
          if (JSON.stringify(query).includes('{{') || !r.methods?.list) continue;
          const page = await client.list(connection, resource, { limit: 5, query });
          if (page.result[0]) ids[resource] = page.result[0].id;
          if (r.methods.get && page.result[0])
            await client.get(connection, resource, page.result[0].id, { query });
        }
      } finally {
        await emulator.stop();
      }
    });

    it('every request the definition can make names an operation there, with its required parameters and known body fields', async () => {
      const problems: string[] = [];
      for (const request of await requestsOf(definition, ids)) {
        const operation = operationOf(request.method, request.path);
        if (!operation) {
          problems.push(`${request.at}: no operation ${request.method} ${request.path}`);
          continue;
        }
        const missing = operation.requiredQuery.filter((q) => request.params[q] === undefined);
        if (missing.length)
          problems.push(`${request.at}: ${operation.template} requires ${missing.join(', ')}`);
        const body = request.body;
        if (operation.bodyProperties && typeof body === 'object' && body !== null && !Array.isArray(body)) {
          const unknown = Object.keys(body).filter((k) => !operation.bodyProperties!.includes(k));
          if (unknown.length)
            problems.push(`${request.at}: ${operation.template} has no body field ${unknown.join(', ')}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('the emulator’s answers to every list and get validate against the description’s response schemas', () => {
      if (!demo) return;
      // Patterns as descriptions write them: ECMA-262 without the `u` flag (Shortcut's `^[a-z0-9\-\_\.]+$`
      // escapes `_`, which a unicode regular expression refuses).
      const ajv = new Ajv({
        strict: false,
        allErrors: false,
        validateFormats: true,
        validateSchema: false,
        unicodeRegExp: false,
      });
      addFormats(ajv);
      const problems: string[] = [];
      const documents = new Map<OpenApiDescription, boolean>();
      for (const { request, response } of seen) {
        const path = new URL(request.url).pathname;
        const description = descriptions.find((d) => findOperation(d, request.method, path));
        const operation = description && findOperation(description, request.method, path);
        if (!description || !operation?.responseSchema || response.status !== 200) continue;
        const id = `openapi${descriptions.indexOf(description)}`;
        if (!documents.has(description)) {
          ajv.addSchema(toJsonSchema(description.document, id) as object, id);
          documents.set(description, true);
        }
        const validate = ajv.compile(toJsonSchema(operation.responseSchema, id) as object);
        if (!validate(response.body))
          problems.push(
            `${request.method} ${path} (${operation.template}): ${ajv.errorsText(validate.errors?.slice(0, 3))}`,
          );
      }
      expect(seen.length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });
  },
);
