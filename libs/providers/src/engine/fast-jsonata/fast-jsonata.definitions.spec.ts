import jsonata from 'jsonata';
import { corpusDeliveries, corpusFiles, corpusHas, githubEventOf, githubExamples } from '@app/sandbox';
import { DescribedEmulator } from '@app/sandbox/kit/described';
import { DEMO_PROVIDERS } from '@app/sandbox/demo';
import type { ProviderDefinition } from '../../definition';
import { ProviderRegistry } from '../../registry';
import {
  definitionExpressions,
  type DefinitionExpression,
  type ExpressionKind,
} from './definition-expressions';
import { compareWithInterpreter, type Verdict } from './differential';

/**
 * Every JSONata string of every registered provider definition, compiled and run against jsonata over
 * real inputs: the shared corpus (webhook deliveries as `{headers, body}`, REST bodies, the provider
 * objects inside them), GitHub's octokit examples, and request contexts whose bodies are the unified
 * records the definitions' own mappings produce. Nothing may differ; the coverage is printed.
 */
type Input = { value: unknown; bindings?: Record<string, unknown> };

const registry = new ProviderRegistry();
const SETTINGS = {
  owner: 'octo',
  repo: 'hello',
  subdomain: 'acme',
  site: 'acme.atlassian.net',
  cloud_id: 'c1',
  ...Object.assign({}, ...DEMO_PROVIDERS.map((d) => d.settings)),
};
/** Below this share of compiled expressions the test fails: a compiler refusing everything would pass otherwise. */
const COMPILED_FLOOR = 0.9;
const MAX_OBJECTS = 60;

const memo = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as T;
}

function deliveries(provider: string): { headers: Record<string, string>; body: unknown }[] {
  return once(`deliveries ${provider}`, () => readDeliveries(provider));
}

function readDeliveries(provider: string): { headers: Record<string, string>; body: unknown }[] {
  if (!corpusHas(provider, 'webhooks')) return [];
  const found = corpusDeliveries(provider).map((file) => ({
    headers:
      provider === 'github' ? { ...file.headers, 'x-github-event': githubEventOf(file) } : file.headers,
    body: file.json,
  }));
  if (provider === 'github') {
    for (const event of ['issues', 'issue_comment', 'label', 'milestone', 'sub_issues', 'ping']) {
      let examples: { payload: unknown }[] = [];
      try {
        examples = githubExamples(event).slice(0, 12);
      } catch {
        continue; // not in this version of the examples package
      }
      for (const e of examples) found.push({ headers: { 'x-github-event': event }, body: e.payload });
    }
  }
  return found;
}

/** Provider objects: REST list items and bodies, and the objects a delivery carries (depth 1 and 2). */
function providerObjects(provider: string): unknown[] {
  return once(`objects ${provider}`, () => collectObjects(provider));
}

function collectObjects(provider: string): unknown[] {
  const objects = new Map<string, unknown>();
  const add = (value: unknown) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && objects.size < MAX_OBJECTS) {
      objects.set(JSON.stringify(value), value);
    }
  };
  const inside = (root: unknown, depth: number) => {
    if (typeof root !== 'object' || root === null || depth === 0) return;
    for (const value of Object.values(root)) {
      if (Array.isArray(value)) value.slice(0, 5).forEach(add);
      else add(value);
      inside(value, depth - 1);
    }
  };
  // A provider described for the kit seeds its emulator with objects shaped like its API's.
  const emulator = DEMO_PROVIDERS.find((d) => d.provider === provider)?.createEmulator();
  if (emulator instanceof DescribedEmulator)
    for (const collection of Object.values(emulator.description.collections))
      collection.seed.slice(0, 5).forEach(add);
  for (const file of corpusHas(provider, 'rest') ? corpusFiles(provider, 'rest') : []) {
    if (Array.isArray(file.json)) file.json.slice(0, 10).forEach(add);
    else add(file.json);
    inside(file.json, 1);
  }
  for (const delivery of deliveries(provider)) inside(delivery.body, 2);
  return [...objects.values()];
}

/** Unified records made by the definition's own mapping (through jsonata): realistic request bodies. */
function unifiedBodies(
  definition: ProviderDefinition,
  resource: string,
  objects: unknown[],
): Promise<unknown[]> {
  return once(`bodies ${definition.name} ${resource}`, () => mapBodies(definition, resource, objects));
}

async function mapBodies(definition: ProviderDefinition, resource: string, objects: unknown[]) {
  const record = definition.resources[resource]?.record;
  const bodies: unknown[] = [{ name: 'Title only' }, {}];
  if (!record) return bodies;
  for (const object of objects) {
    if (bodies.length >= 6) break;
    const mapped = await jsonata(record)
      .evaluate(object, { settings: SETTINGS })
      .catch(() => undefined);
    if (typeof mapped === 'object' && mapped !== null && (mapped as { id?: unknown }).id) bodies.push(mapped);
  }
  return bodies;
}

async function inputsFor(definition: ProviderDefinition, expression: DefinitionExpression): Promise<Input[]> {
  const name = definition.name;
  const record = { settings: SETTINGS, request: { id: '42', query: {} } };
  const byKind: Record<ExpressionKind, () => Promise<Input[]>> = {
    record: async () => providerObjects(name).map((value) => ({ value, bindings: record })),
    webhook: async () => deliveries(name).map((value) => ({ value })),
    response: async () => {
      const bindings = { headers: { link: '' }, request: { id: '42', query: {} } };
      // Recorded answers where the corpus has them; else the provider's objects alone and as a list.
      if (corpusHas(name, 'rest'))
        return corpusFiles(name, 'rest').map((file) => ({ value: file.json, bindings }));
      const objects = providerObjects(name);
      return [{ value: objects, bindings }, ...objects.slice(0, 10).map((value) => ({ value, bindings }))];
    },
    request: async () => {
      const resource = expression.path.split('.')[1];
      const bodies = await unifiedBodies(definition, resource, providerObjects(name));
      const queries = [
        {},
        { ticket_id: '12', remote_query: { a: 1 }, limit: 5 },
        { updated_at: { gte: '2026-01-05T09:00:00Z' }, status: 'open', assignee_id: '5', ticket_id: 'SUP-1' },
      ];
      return bodies.flatMap((body) =>
        queries.map((query, i) => ({
          value: { id: ['42', 'SUP-12', 'a b/c'][i], query, body, settings: SETTINGS },
          bindings: { settings: SETTINGS },
        })),
      );
    },
    connection: async () =>
      [{}, { token: 't', email: 'e@x.io', api_token: 'k' }].flatMap((credentials) =>
        [SETTINGS, { ...SETTINGS, base_url: 'http://localhost:1' }].map((settings) => ({
          value: { settings, credentials },
        })),
      ),
    'rate-limit': async () =>
      [
        { status: 403, headers: { 'x-ratelimit-remaining': '0' } },
        { status: 403, headers: {} },
        { status: 429, headers: { 'retry-after': '5' } },
      ].map((value) => ({ value })),
    error: async () =>
      [
        { message: 'Not Found', documentation_url: 'https://docs' },
        { errorMessages: ['Issue does not exist'], errors: {} },
        { errorMessages: [], errors: { summary: 'required', priority: 'bad' } },
        {
          error: 'RecordInvalid',
          description: 'Record validation errors',
          details: { base: [{ description: 'x' }] },
        },
        { error: { title: 'Forbidden', message: 'no' } },
        {},
      ].map((value) => ({ value })),
  };
  return byKind[expression.kind]();
}

/** Every string anywhere in the definition: the typed list above must not miss an expression field. */
function allStrings(value: unknown, at = ''): { path: string; source: string }[] {
  if (typeof value === 'string') return [{ path: at, source: value }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => allStrings(inner, at ? `${at}.${key}` : key));
}

interface Result {
  provider: string;
  kind: ExpressionKind;
  compiled: boolean;
  /** Evaluations where both gave the same defined value / the same undefined / both failed / handed over. */
  values: number;
  nothing: number;
  errors: number;
  handedOver: number;
}
const results: Result[] = [];

describe.each(registry.all().map((definition) => [definition.name, definition] as const))(
  'fast-jsonata on the %s definition',
  (name, definition) => {
    const typed = definitionExpressions(definition);
    it.each(typed.map((e) => [e.path, e] as const))('%s', async (_path, expression) => {
      const verdicts: Verdict[] = [];
      for (const input of await inputsFor(definition, expression)) {
        verdicts.push(await compareWithInterpreter(expression.source, input.value, input.bindings));
      }
      const compiled = verdicts.length === 0 || verdicts[0].kind !== 'unsupported';
      const count = (test: (v: Verdict) => boolean) => verdicts.filter(test).length;
      results.push({
        provider: name,
        kind: expression.kind,
        compiled,
        values: count((v) => v.kind === 'same' && !v.threw && !v.undefinedResult),
        nothing: count((v) => v.kind === 'same' && !v.threw && v.undefinedResult === true),
        errors: count((v) => v.kind === 'same' && v.threw),
        handedOver: count((v) => v.kind === 'handed-over'),
      });
      expect(verdicts.filter((v) => v.kind === 'different')).toEqual([]);
    });

    it('holds no other JSONata: every other string either is not JSONata or agrees on sample inputs', async () => {
      const known = new Set(typed.map((e) => e.source));
      const samples: Input[] = [
        ...providerObjects(name)
          .slice(0, 3)
          .map((value) => ({ value })),
        ...deliveries(name)
          .slice(0, 3)
          .map((value) => ({ value })),
      ];
      for (const { source } of allStrings(definition).filter((s) => !known.has(s.source))) {
        for (const input of samples) {
          const verdict = await compareWithInterpreter(source, input.value, input.bindings);
          expect({ source, verdict: verdict.kind }).not.toEqual({ source, verdict: 'different' });
        }
      }
    });
  },
);

describe('fast-jsonata coverage of the definitions', () => {
  it(`compiles at least ${COMPILED_FLOOR * 100} % of every provider's expressions`, () => {
    const providers = registry.all().map((d) => d.name);
    const shares = providers.map((provider) => {
      const mine = results.filter((r) => r.provider === provider);
      return [provider, mine.length > 0 ? mine.filter((r) => r.compiled).length / mine.length : 0] as const;
    });
    expect(shares.filter(([, share]) => share < COMPILED_FLOOR)).toEqual([]);
    // Evaluations that ran compiled and produced a value: the comparison did real work.
    expect(results.reduce((n, r) => n + r.values, 0)).toBeGreaterThan(results.length);
  });
});

afterAll(() => {
  const rows = new Map<
    string,
    Omit<Result, 'provider' | 'kind' | 'compiled'> & { compiled: number; total: number }
  >();
  for (const r of results) {
    for (const key of [`${r.provider} ${r.kind}`, `${r.provider} (all)`, `all ${r.kind}`, 'all (all)']) {
      const row = rows.get(key) ?? { compiled: 0, total: 0, values: 0, nothing: 0, errors: 0, handedOver: 0 };
      row.total++;
      if (r.compiled) row.compiled++;
      row.values += r.values;
      row.nothing += r.nothing;
      row.errors += r.errors;
      row.handedOver += r.handedOver;
      rows.set(key, row);
    }
  }
  const lines = [...rows]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([key, r]) =>
        `  ${key.padEnd(22)} ${`${r.compiled}/${r.total}`.padStart(8)} ${String(r.values).padStart(7)}` +
        `${String(r.nothing).padStart(7)}${String(r.errors).padStart(7)}${String(r.handedOver).padStart(7)}`,
    );
  console.info(
    'fast-jsonata on definition expressions: compiled/total, then evaluations compared with jsonata: same value,\n' +
      '  both undefined, same error, handed over to the interpreter (none may differ)\n' +
      lines.join('\n'),
  );
});
