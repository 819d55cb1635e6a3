import { ProviderRegistry } from '@app/providers';
import { answerChecker } from '../../../../test/support/documented-answers';
import { IntegrationsController } from '../integrations/integrations.controller';
import { buildGatewayDocument } from './generate-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** `METHOD /path status` of every 2xx answer with a body (204 has none) that gives no schema for it. */
function answersWithoutSchema(document: Json): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries<Json>(document.paths))
    for (const method of METHODS.filter((m) => item[m])) {
      for (const [status, answer] of Object.entries<Json>(item[method].responses ?? {})) {
        if (!/^2\d\d$/.test(status) || status === '204') continue;
        const media = Object.entries<Json>(answer.content ?? {});
        if (media.length === 0 || media.some(([, m]) => m.schema === undefined))
          missing.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
  return missing;
}

/** Every `$ref` in the document, with whether it names something the document has. */
function danglingRefs(document: Json): string[] {
  const dangling = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') {
        const target = inner
          .replace(/^#\//, '')
          .split('/')
          .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], document);
        if (target === undefined) dangling.add(inner);
      } else walk(inner);
    }
  };
  walk(document);
  return [...dangling];
}

describe('the answers in the OpenAPI document', () => {
  let document: Json;
  beforeAll(async () => {
    document = (await buildGatewayDocument()) as Json;
  }, 120_000);

  it('gives every 2xx answer with a body a schema, on every operation', () => {
    expect(answersWithoutSchema(document)).toEqual([]);
  });

  it('finds the check failing on an operation whose answer has no schema', () => {
    // The check above is only as good as its walk: an answer made schemaless is found.
    const broken = structuredClone(document);
    delete broken.paths['/subscriptions'].get.responses['200'].content;
    broken.paths['/subscriptions'].post.responses['201'].content['application/json'] = {};
    expect(answersWithoutSchema(broken)).toEqual(['GET /subscriptions 200', 'POST /subscriptions 201']);
  });

  it('names only components it has', () => {
    expect(danglingRefs(document)).toEqual([]);
  });

  it('never lets a subscription answer carry its secret, except create and rotate-secret', () => {
    const schemas = document.components.schemas as Json;
    const answerOf = (path: string, method: string, status: string) =>
      document.paths[path][method].responses[status].content['application/json'].schema.$ref;
    expect(schemas.Subscription.additionalProperties).toBe(false);
    expect(schemas.Subscription.properties.secret).toBeUndefined();
    expect(schemas.SubscriptionWithSecret.required).toContain('secret');
    expect(answerOf('/subscriptions', 'post', '201')).toBe('#/components/schemas/SubscriptionWithSecret');
    expect(answerOf('/subscriptions/{id}/rotate-secret', 'post', '200')).toBe(
      '#/components/schemas/SubscriptionWithSecret',
    );
    for (const [path, method] of [
      ['/subscriptions/{id}', 'get'],
      ['/subscriptions/{id}', 'patch'],
    ])
      expect(answerOf(path, method, '200')).toBe('#/components/schemas/Subscription');
  });

  it('describes GET /integrations as the controller answers it, for every provider definition', () => {
    const check = answerChecker(document);
    const answer = new IntegrationsController(new ProviderRegistry(), undefined as never).integrations();
    expect(answer.result_count).toBeGreaterThan(10);
    const given = { method: 'GET', path: '/integrations', status: 200, contentType: 'application/json' };
    expect(check({ ...given, body: JSON.parse(JSON.stringify(answer)) })).toBeUndefined();
    // … and the schema is strict enough to refuse what the server never sends.
    const leaking = structuredClone(answer) as Json;
    leaking.result[0].auth.credentials.token = { description: 'x', value: 'secret' };
    leaking.result[1].webhooks = { verification: 'guess', events: [] };
    const problem = check({ ...given, body: leaking });
    expect(problem).toMatch(/must NOT have additional properties/);
    expect(problem).toMatch(/must be equal to one of the allowed values/);
  });
});
