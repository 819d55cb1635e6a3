import type { Capability } from '@app/providers';
import type { RunningGateway } from '../support/gateway';
import {
  conformanceCapabilities as capabilities,
  schemaErrors,
  startConformanceWorld,
  ticketResolver,
  type ConformanceWorld,
  conformanceProviders,
} from './harness';

/** Each provider's write plans come with its demo emulator (its conformance profile). */
const WRITE_PLANS = Object.fromEntries(conformanceProviders.map((d) => [d.provider, d.conformance.plans]));
const entries = capabilities.flatMap((c) =>
  c.methods.map((method) => [`${c.provider} ${c.resource} ${method}`, c, method] as const),
);

/** Every entry of the capability output, called over HTTP through the gateway against the emulators. */
describe('gateway: every capability of every emulated provider', () => {
  let world: ConformanceWorld;
  let gateway: RunningGateway;
  let key: string;
  let connections: Record<string, string>;
  let resolve: ReturnType<typeof ticketResolver>;

  beforeAll(async () => {
    world = await startConformanceWorld('capabilities');
    ({ gateway, key, connections } = world);
    resolve = ticketResolver(world);
  });
  afterAll(() => world?.close());

  it('covers every provider the demo runs, and has a write plan for every write capability', () => {
    expect(new Set(capabilities.map((c) => c.provider))).toEqual(
      new Set(conformanceProviders.map((d) => d.provider)),
    );
    const missing = capabilities.flatMap((c) =>
      (['create', 'update', 'delete'] as const)
        .filter((m) => {
          const plan = WRITE_PLANS[c.provider]?.[c.resource];
          if (!c.methods.includes(m)) return false;
          if (m === 'delete') return !c.methods.includes('create') && !plan?.existing;
          return !plan?.[m] || (m === 'update' && !c.methods.includes('create') && !plan.existing);
        })
        .map((m) => `${c.provider} ${c.resource} ${m}`),
    );
    expect(missing).toEqual([]);
  });

  let serial = 0;
  /** Names (and e-mail addresses) must be unique at most providers: every created record gets its own. */
  const unique = (body: Record<string, unknown>): Record<string, unknown> => {
    const n = ++serial;
    return JSON.parse(JSON.stringify(body), (k, v: unknown) =>
      typeof v === 'string' && (k === 'name' ? true : k === 'email')
        ? k === 'email'
          ? v.replace('@', `+${n}@`)
          : `${v} ${n}`
        : v,
    ) as Record<string, unknown>;
  };
  const path = async (c: Capability, id?: string, extra: Record<string, string> = {}) => {
    const planQuery = await resolve(c.provider, WRITE_PLANS[c.provider]?.[c.resource]?.query ?? {});
    const query = new URLSearchParams({ connection_id: connections[c.provider], ...planQuery, ...extra });
    return `/unified/ticketing/${c.resource}${id === undefined ? '' : `/${encodeURIComponent(id)}`}?${query}`;
  };
  const valid = (c: Capability, record: unknown) => schemaErrors(c.resource, record);
  /** A record to update or delete: a new one where the provider creates, else the plan's seeded one. */
  const target = async (c: Capability) =>
    c.methods.includes('create')
      ? (await create(c)).id
      : (WRITE_PLANS[c.provider][c.resource].existing as string);
  const create = async (c: Capability) => {
    const body = unique(
      await resolve(c.provider, WRITE_PLANS[c.provider][c.resource].create as Record<string, unknown>),
    );
    const answer = await gateway.call('POST', await path(c), { key, body });
    expect([answer.status, answer.body?.message]).toEqual([201, undefined]);
    expect(valid(c, answer.body)).toEqual([]);
    return answer.body as { id: string } & Record<string, unknown>;
  };
  const readBack = async (c: Capability, id: string) => {
    if (c.methods.includes('get')) return (await gateway.call('GET', await path(c, id), { key })).body;
    const listed = await gateway.call('GET', await path(c, undefined, { limit: '100' }), { key });
    return (listed.body.result as { id: string }[]).find((r) => r.id === id);
  };

  it.each(entries)('%s', async (_name, c, method) => {
    const plan = WRITE_PLANS[c.provider]?.[c.resource] ?? {};
    switch (method) {
      case 'list': {
        const answer = await gateway.call('GET', await path(c, undefined, { limit: '5' }), { key });
        expect([answer.status, answer.body?.message]).toEqual([200, undefined]);
        expect(answer.body.result_count).toBe(answer.body.result.length);
        for (const record of answer.body.result) expect(valid(c, record)).toEqual([]);
        break;
      }
      case 'get': {
        const listed = c.methods.includes('list')
          ? (await gateway.call('GET', await path(c, undefined, { limit: '1' }), { key })).body.result
          : [];
        const id = listed[0]?.id ?? (await create(c)).id;
        const answer = await gateway.call('GET', await path(c, id), { key });
        expect([answer.status, answer.body?.id]).toEqual([200, id]);
        expect(valid(c, answer.body)).toEqual([]);
        break;
      }
      case 'create': {
        const created = await create(c);
        expect(await readBack(c, created.id)).toMatchObject({ id: created.id });
        break;
      }
      case 'update': {
        const id = await target(c);
        const update = await resolve(c.provider, plan.update as object);
        const answer = await gateway.call('PATCH', await path(c, id), { key, body: update });
        expect([answer.status, answer.body?.message]).toEqual([200, undefined]);
        expect(answer.body).toMatchObject(update);
        expect(await readBack(c, id)).toMatchObject(update);
        break;
      }
      case 'delete': {
        const id = await target(c);
        const answer = await gateway.call('DELETE', await path(c, id), { key });
        expect([answer.status, answer.text]).toEqual([204, '']);
        if (plan.softDelete)
          expect((await gateway.call('GET', await path(c, id), { key })).body.is_active).toBe(false);
        else if (c.methods.includes('get'))
          expect((await gateway.call('GET', await path(c, id), { key })).status).toBe(404);
        else expect(await readBack(c, id)).toBeUndefined();
        break;
      }
    }
  });
});
