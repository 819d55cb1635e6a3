import Fastify, { type FastifyInstance } from 'fastify';
import type { ProviderDefinition } from '../definition';
import type { ConnectionContext } from '../engine/connection-context';
import { ProviderRegistry } from '../registry';
import { memoryTokenLeaseStore as memoryStore } from '../testing/memory-token-lease-store';
import { NeedsReauthError, TokenRefresher } from './token-refresher';

describe('TokenRefresher', () => {
  let server: FastifyInstance;
  let url: string;
  let answer: { status: number; body: Record<string, unknown> };
  let refreshes: number;

  beforeAll(async () => {
    server = Fastify();
    server.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    server.post('/token', async (request, reply) => {
      refreshes++;
      await new Promise((r) => setTimeout(r, 30));
      const body = request.body as Record<string, string>;
      expect(body).toMatchObject({ grant_type: 'refresh_token', client_id: 'c', client_secret: 's' });
      return reply.status(answer.status).send(answer.body);
    });
    url = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    refreshes = 0;
    answer = { status: 200, body: { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 3600 } };
  });

  const definition = () =>
    ({
      name: 'acme',
      oauth2: { authorizeUrl: '"x"', tokenUrl: `"${url}/token"`, scopes: [], pkce: true },
    }) as unknown as ProviderDefinition;
  const connection = (credentials: Record<string, string>): ConnectionContext => ({
    id: 'con_1',
    tenantId: 't',
    provider: 'acme',
    settings: {},
    credentials,
    authMethod: 'oauth2',
  });
  const expired = {
    access_token: 'at-1',
    refresh_token: 'rt-1',
    expires_at: new Date(Date.now() - 1000).toISOString(),
  };

  it('leaves a token that is not about to expire, and a non-OAuth connection, alone', async () => {
    const { store } = memoryStore(expired);
    const refresher = new TokenRefresher(new ProviderRegistry([definition()]), store);
    const valid = connection({
      access_token: 'a',
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(await refresher.current(valid)).toBe(valid);
    const basic = { ...connection(expired), authMethod: 'credentials' as const };
    expect(await refresher.current(basic)).toBe(basic);
    expect(refreshes).toBe(0);
  });

  it('refreshes once for 50 concurrent callers with the expired token; all get the new one', async () => {
    const { row, store } = memoryStore(expired);
    const refresher = new TokenRefresher(new ProviderRegistry([definition()]), store);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => refresher.current(connection(expired))),
    );
    expect(refreshes).toBe(1);
    expect(new Set(results.map((r) => r.credentials.access_token))).toEqual(new Set(['at-2']));
    expect(row.credentials).toMatchObject({ access_token: 'at-2', refresh_token: 'rt-2' });
  });

  it('a caller whose token was refused after someone else refreshed takes the stored one, no new refresh', async () => {
    const { row, store } = memoryStore({
      ...expired,
      access_token: 'at-9',
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const refresher = new TokenRefresher(new ProviderRegistry([definition()]), store);
    const fresh = await refresher.afterRejected(connection(expired));
    expect(fresh?.credentials.access_token).toBe('at-9');
    expect(refreshes).toBe(0);
    expect(row.lease).toBeUndefined();
  });

  it('keeps the refresh token when the answer has none', async () => {
    answer = { status: 200, body: { access_token: 'at-3' } };
    const { row, store } = memoryStore(expired);
    const refresher = new TokenRefresher(new ProviderRegistry([definition()]), store);
    await refresher.current(connection(expired));
    expect(row.credentials).toEqual({ access_token: 'at-3', refresh_token: 'rt-1' });
  });

  it('invalid_grant marks the connection needs_reauth for every caller; a 5xx only releases the lease', async () => {
    answer = { status: 503, body: {} };
    const flaky = memoryStore(expired);
    const refresher = new TokenRefresher(new ProviderRegistry([definition()]), flaky.store);
    await expect(refresher.current(connection(expired))).rejects.toThrow('answered 503');
    expect(flaky.row).toMatchObject({ needsReauth: false, lease: undefined });

    answer = { status: 400, body: { error: 'invalid_grant' } };
    const refused = memoryStore(expired);
    const told: string[] = [];
    const other = new TokenRefresher(new ProviderRegistry([definition()]), refused.store, {
      onNeedsReauth: async (c) => void told.push(c.id),
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => other.current(connection(expired))),
    );
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof NeedsReauthError)).toBe(true);
    expect(refused.row.needsReauth).toBe(true);
    // Told once, by the one that held the lease, however many callers failed.
    expect(told).toEqual(['con_1']);
  });
});
