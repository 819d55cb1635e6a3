import { hashConnectToken, StoreNotFoundError } from '@app/store';
import { DRIVERS, useStore } from './store-fixture';

describe.each(DRIVERS)('connect sessions on %s', (driver) => {
  const { store } = useStore(driver, 'connect-sessions');
  const session = { providers: ['zendesk'], external_id: 'cust-1', redirect_url: null, connection_id: null };
  const tenant = async () => (await store().tenants.create({ name: 'c' })).id;

  it('keeps only the token’s hash and finds the session by the token', async () => {
    const t = await tenant();
    const { session: opened, token } = await store().connectSessions.open(t, {
      ...session,
      settings: { zendesk: { subdomain: 'acme' } },
      ttlMs: 60_000,
    });
    expect(token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    const row = await store()
      .db.selectFrom('connect_sessions')
      .selectAll()
      .where('id', '=', opened.id)
      .executeTakeFirst();
    expect(row?.token_hash).toBe(hashConnectToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await store().connectSessions.findByToken(token)).toEqual(opened);
    expect(opened.settings).toEqual({ zendesk: { subdomain: 'acme' } });
    expect(await store().connectSessions.findByToken(`${token}x`)).toBeUndefined();
  });

  it('completes a session once, and never an expired one', async () => {
    const t = await tenant();
    const live = await store().connectSessions.open(t, { ...session, settings: {}, ttlMs: 60_000 });
    const racing = await Promise.all(
      [1, 2, 3].map((n) => store().connectSessions.complete(live.session.id, `con_${n}`)),
    );
    expect(racing.filter(Boolean)).toHaveLength(1);
    const done = await store().connectSessions.findByToken(live.token);
    expect(done?.completed_at).not.toBeNull();
    expect(['con_1', 'con_2', 'con_3']).toContain(done?.result_connection_id);
    const stale = await store().connectSessions.open(t, { ...session, settings: {}, ttlMs: -1 });
    expect(await store().connectSessions.complete(stale.session.id, 'con_x')).toBe(false);
  });

  it('keeps each tenant’s redirect origins apart and replaces them whole', async () => {
    const [a, b] = [await tenant(), await tenant()];
    expect(await store().connectSessions.allowedRedirectOrigins(a)).toEqual([]);
    await store().connectSessions.setAllowedRedirectOrigins(a, ['https://a.example']);
    await store().connectSessions.setAllowedRedirectOrigins(a, ['https://a2.example', 'https://a3.example']);
    await store().connectSessions.setAllowedRedirectOrigins(b, ['https://b.example']);
    expect(await store().connectSessions.allowedRedirectOrigins(a)).toEqual([
      'https://a2.example',
      'https://a3.example',
    ]);
    expect(await store().connectSessions.allowedRedirectOrigins(b)).toEqual(['https://b.example']);
    await expect(
      store().connectSessions.open('ten_missing', { ...session, settings: {}, ttlMs: 1 }),
    ).rejects.toThrow(StoreNotFoundError);
  });

  it('stores a connection’s external id and clears it on request', async () => {
    const t = await tenant();
    const created = await store().connections.create(t, {
      provider: 'zendesk',
      settings: {},
      credentials: {},
      externalId: 'cust-9',
    });
    expect(created.external_id).toBe('cust-9');
    expect((await store().connections.findForTenant(t, created.id))?.external_id).toBe('cust-9');
    expect((await store().connections.update(t, created.id, { externalId: null }))?.external_id).toBeNull();
  });
});
