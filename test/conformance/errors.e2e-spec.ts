import {
  conformanceCapabilities,
  startConformanceWorld,
  ticketResolver,
  type ConformanceWorld,
  conformanceProviders,
  registeredUnderTest,
} from './harness';

/** The resource each provider is probed on: tickets where it has them, else its first readable one. */
function probeOf(provider: string) {
  const readable = conformanceCapabilities.filter(
    (c) => c.provider === provider && c.methods.includes('list'),
  );
  return readable.find((c) => c.resource === 'tickets') ?? readable[0];
}

/**
 * Conformance, failures: every registered provider's own 401, 404, 429 and 5xx (as its emulator answers
 * them) become the gateway's documented errors — never a 500, never a hang.
 */
describe('conformance: provider failures become the gateway’s documented errors', () => {
  let world: ConformanceWorld;
  let resolve: ReturnType<typeof ticketResolver>;
  const providers = conformanceProviders.map((d) => [d.provider, d] as const);

  beforeAll(async () => {
    world = await startConformanceWorld('conformance-errors');
    resolve = ticketResolver(world);
  });
  afterAll(() => world?.close());

  const list = async (provider: string, connection = world.connections[provider]) => {
    const probe = probeOf(provider);
    const demo = conformanceProviders.find((d) => d.provider === provider)!;
    const query = await resolve(provider, demo.conformance.plans[probe.resource]?.query ?? {});
    const params = new URLSearchParams({ connection_id: connection, ...query, limit: '2' });
    return world.gateway.call('GET', `/unified/ticketing/${probe.resource}?${params}`, { key: world.key });
  };

  it('covers every registered provider', () => {
    expect(new Set(providers.map(([p]) => p))).toEqual(new Set(registeredUnderTest));
  });

  it.each(providers)('%s: refused credentials → 401 naming the connection', async (provider) => {
    const answer = await list(provider, world.refusedConnections[provider]);
    expect([answer.status, answer.body?.details?.reason, answer.body?.details?.connection_id]).toEqual([
      401,
      'provider_credentials_rejected',
      world.refusedConnections[provider],
    ]);
  });

  it.each(providers)('%s: an unknown id → 404', async (provider) => {
    const probe = probeOf(provider);
    if (!probe.methods.includes('get')) return;
    const demo = conformanceProviders.find((d) => d.provider === provider)!;
    const query = await resolve(provider, demo.conformance.plans[probe.resource]?.query ?? {});
    const params = new URLSearchParams({ connection_id: world.connections[provider], ...query });
    const answer = await world.gateway.call(
      'GET',
      `/unified/ticketing/${probe.resource}/987654321?${params}`,
      {
        key: world.key,
      },
    );
    expect([answer.status, typeof answer.body?.message]).toEqual([404, 'string']);
  });

  it.each(providers)(
    '%s: its 429 → 429 with Retry-After and ratelimit-* after the engine’s retries',
    async (provider, demo) => {
      const emulator = world.emulators[provider];
      demo.conformance.rateLimitNext(emulator, 20);
      try {
        const answer = await list(provider);
        expect([answer.status, answer.body?.details?.connection_id]).toEqual([
          429,
          world.connections[provider],
        ]);
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.headers.get('ratelimit-reset')).not.toBeNull();
      } finally {
        emulator.clearFaults();
      }
      expect((await list(provider)).status).toBe(200);
    },
  );

  it.each(providers)('%s: its 503 → 502 naming the connection', async (provider) => {
    const emulator = world.emulators[provider];
    emulator.injectFault({ status: 503, times: 20, body: { message: 'Service Unavailable' } });
    try {
      const answer = await list(provider);
      expect([answer.status, answer.body?.details?.connection_id]).toEqual([
        502,
        world.connections[provider],
      ]);
    } finally {
      emulator.clearFaults();
    }
  });

  it.each(providers)('%s: a ticket the provider refuses → 400 or 422 with its message', async (provider) => {
    const tickets = conformanceCapabilities.find((c) => c.provider === provider && c.resource === 'tickets');
    if (!tickets?.methods.includes('create')) return;
    const params = new URLSearchParams({ connection_id: world.connections[provider] });
    const answer = await world.gateway.call('POST', `/unified/ticketing/tickets?${params}`, {
      key: world.key,
      body: { description: 'A ticket without a name' },
    });
    expect([400, 422]).toContain(answer.status);
    expect(answer.body?.message).toEqual(expect.any(String));
  });
});
