import { createHash } from 'node:crypto';
import { StoreNotFoundError } from '@app/store';
import { DRIVERS, rawTableText, useStore } from './store-fixture';

describe.each(DRIVERS)('tenants and API keys on %s', (driver) => {
  const { store } = useStore(driver, 'tenants-and-api-keys');

  it('creates, finds and lists tenants', async () => {
    const a = await store().tenants.create({ name: 'Acme' });
    const b = await store().tenants.create({ name: 'Globex' });
    expect(a.id).toMatch(/^ten_[0-9a-f]{32}$/);
    expect(a.id).not.toBe(b.id);
    expect(new Date(a.created_at).toISOString()).toBe(a.created_at);
    expect(await store().tenants.findById(a.id)).toEqual(a);
    expect(await store().tenants.findById('ten_missing')).toBeUndefined();
    const ids = (await store().tenants.list()).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('issues a key shown once, stores only its hash, and authenticates it', async () => {
    const tenant = await store().tenants.create({ name: 'Keys' });
    const { apiKey, secret } = await store().apiKeys.issue(tenant.id, { name: 'ci' });
    expect(secret).toMatch(new RegExp(`^utk_${apiKey.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(apiKey).toEqual({
      id: expect.stringMatching(/^key_/),
      tenant_id: tenant.id,
      name: 'ci',
      prefix: apiKey.prefix,
      created_at: expect.any(String),
    });
    expect(JSON.stringify(apiKey)).not.toContain(secret);

    const raw = await rawTableText(store(), 'api_keys');
    expect(raw).toContain(apiKey.prefix);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(secret.slice(-43)); // not even the random part alone
    expect(raw).toContain(createHash('sha256').update(secret).digest('hex'));

    expect(await store().apiKeys.authenticate(secret)).toEqual({ tenantId: tenant.id, keyId: apiKey.id });
  });

  it('rejects wrong, malformed and tampered secrets', async () => {
    const tenant = await store().tenants.create({ name: 'Keys2' });
    const { secret } = await store().apiKeys.issue(tenant.id, { name: 'k' });
    const last = secret.at(-1) === 'A' ? 'B' : 'A';
    expect(await store().apiKeys.authenticate(secret.slice(0, -1) + last)).toBeUndefined();
    expect(await store().apiKeys.authenticate('')).toBeUndefined();
    expect(await store().apiKeys.authenticate('utk_nothex_x')).toBeUndefined();
    expect(await store().apiKeys.authenticate(`${secret}x`)).toBeUndefined();
  });

  it('lists and revokes keys per tenant only', async () => {
    const a = await store().tenants.create({ name: 'A' });
    const b = await store().tenants.create({ name: 'B' });
    const k1 = await store().apiKeys.issue(a.id, { name: 'one' });
    const k2 = await store().apiKeys.issue(a.id, { name: 'two' });
    const kb = await store().apiKeys.issue(b.id, { name: 'b' });
    expect((await store().apiKeys.list(a.id)).map((k) => k.name).sort()).toEqual(['one', 'two']);
    expect(await store().apiKeys.list(b.id)).toEqual([kb.apiKey]);

    // Tenant B cannot revoke tenant A's key.
    expect(await store().apiKeys.revoke(b.id, k1.apiKey.id)).toBe(false);
    expect(await store().apiKeys.authenticate(k1.secret)).toBeDefined();

    expect(await store().apiKeys.revoke(a.id, k1.apiKey.id)).toBe(true);
    expect(await store().apiKeys.revoke(a.id, k1.apiKey.id)).toBe(false);
    expect(await store().apiKeys.authenticate(k1.secret)).toBeUndefined();
    expect(await store().apiKeys.authenticate(k2.secret)).toEqual({ tenantId: a.id, keyId: k2.apiKey.id });
    expect((await store().apiKeys.list(a.id)).map((k) => k.id)).toEqual([k2.apiKey.id]);
  });

  it('refuses a key for a tenant that does not exist', async () => {
    await expect(store().apiKeys.issue('ten_nope', { name: 'x' })).rejects.toBeInstanceOf(StoreNotFoundError);
  });
});
