import { ProviderRegistry } from '@app/providers';
import {
  conformanceCapabilities,
  registeredUnderTest,
  demoOf,
  schemaErrors,
  startConformanceWorld,
  ticketResolver,
  walk,
  type ConformanceWorld,
  type ListedRecord,
} from './harness';

const registry = new ProviderRegistry();
const listed = conformanceCapabilities.filter((c) => c.methods.includes('list'));

/** What list and get must agree on: the record without its provider payload and version tag. */
const comparable = ({ remote_data: _raw, etag: _etag, ...record }: ListedRecord) => record;

/**
 * Conformance, lists: for every provider × resource with `list`, walked through the gateway to the end —
 * no repeats, no gaps (small pages give what large pages give), as many records as the emulator itself
 * holds, each valid against its unified schema with `remote_data`; and `get` returns what `list` returned.
 */
describe('conformance: every list of every registered provider', () => {
  let world: ConformanceWorld;
  let resolve: ReturnType<typeof ticketResolver>;

  beforeAll(async () => {
    world = await startConformanceWorld('conformance-lists');
    resolve = ticketResolver(world);
  });
  afterAll(() => world?.close());

  it('covers every registered provider', () => {
    expect(new Set(listed.map((c) => c.provider))).toEqual(new Set(registeredUnderTest));
  });

  it.each(listed.map((c) => [`${c.provider} ${c.resource}`, c] as const))('%s', async (_name, c) => {
    const demo = demoOf(c.provider);
    const query = await resolve(c.provider, demo.conformance.plans[c.resource]?.query ?? {});
    const pages: number[] = [];
    // remote_data comes only when asked for; every record must carry the provider's object then.
    const withRemoteData = { ...query, include_remote_data: 'true' };
    const small = await walk(world, c.provider, c.resource, withRemoteData, 2, (page) => {
      expect(page.result.length).toBeLessThanOrEqual(2);
      pages.push(page.result.length);
    });
    const large = await walk(world, c.provider, c.resource, query, 100);
    const ids = small.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length); // no repeats
    expect(ids).toEqual(large.map((r) => r.id)); // no gaps: the same records in the same order
    const expected = demo.conformance.count(world.emulators[c.provider], c.resource, query);
    if (expected !== undefined) expect([c.resource, ids.length]).toEqual([c.resource, expected]);
    for (const record of small) {
      expect([record.id, schemaErrors(c.resource, record)]).toEqual([record.id, []]);
      expect(record.remote_data).toBeDefined();
    }

    if (!c.methods.includes('get')) return;
    const partial = registry.get(c.provider).resources[c.resource].methods?.list?.isPartial === true;
    for (const record of small.slice(0, 3)) {
      const params = new URLSearchParams({ connection_id: world.connections[c.provider], ...query });
      const got = await world.gateway.call(
        'GET',
        `/unified/ticketing/${c.resource}/${encodeURIComponent(record.id)}?${params}`,
        { key: world.key },
      );
      expect([got.status, got.body?.id]).toEqual([200, record.id]);
      expect(schemaErrors(c.resource, got.body)).toEqual([]);
      if (!partial) expect(comparable(got.body as ListedRecord)).toEqual(comparable(record));
    }
  });
});
