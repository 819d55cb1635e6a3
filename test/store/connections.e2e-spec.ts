import { sql } from 'kysely';
import { CredentialCipher, StoreNotFoundError, type StoredConnection } from '@app/store';
import { DRIVERS, key32, rawTableText, TEST_K1, useStore } from './store-fixture';

const TOKEN = 'ghp_SuperSecretToken1234567890';
const HOOK_SECRET = 'whsec_do-not-leak-this-0987';

describe.each(DRIVERS)('connections on %s', (driver) => {
  const { store, target } = useStore(driver, 'connections');
  const tenant = async (name = 't') => (await store().tenants.create({ name })).id;
  const newConnection = (tenantId: string) =>
    store().connections.create(tenantId, {
      provider: 'github',
      name: 'main repo',
      settings: { owner: 'octo', repo: 'hello' },
      credentials: { token: TOKEN },
      webhookSecret: HOOK_SECRET,
    });

  it('creates, finds, lists, updates and deletes within a tenant', async () => {
    const t = await tenant();
    const created = await newConnection(t);
    expect(created).toEqual({
      id: expect.stringMatching(/^con_/),
      tenant_id: t,
      provider: 'github',
      name: 'main repo',
      external_id: null,
      auth_method: 'credentials',
      auth_status: 'ok',
      webhook_status: { state: 'none', hook_id: null, checked_at: null, error: null },
      settings: { owner: 'octo', repo: 'hello' },
      created_at: expect.any(String),
      updated_at: created.created_at,
      has_webhook_secret: true,
    });
    expect(await store().connections.findForTenant(t, created.id)).toEqual(created);
    expect(await store().connections.listForTenant(t)).toEqual([created]);

    const updated = await store().connections.update(t, created.id, {
      settings: { owner: 'octo', repo: 'other' },
      name: null,
      webhookSecret: null,
      credentials: { token: 'rotated-token' },
    });
    expect(updated).toMatchObject({ name: null, settings: { repo: 'other' }, has_webhook_secret: false });
    expect((updated?.updated_at ?? '') >= created.updated_at).toBe(true);
    expect(await store().connections.findById(created.id)).toEqual({
      id: created.id,
      tenantId: t,
      provider: 'github',
      settings: { owner: 'octo', repo: 'other' },
      credentials: { token: 'rotated-token' },
      webhookSecret: undefined,
      authMethod: 'credentials',
      authStatus: 'ok',
    });

    expect(await store().connections.delete(t, created.id)).toBe(true);
    expect(await store().connections.delete(t, created.id)).toBe(false);
    expect(await store().connections.findForTenant(t, created.id)).toBeUndefined();
    expect(await store().connections.findById(created.id)).toBeUndefined();
  });

  it('returns decrypted credentials only through findById (ingest) and findWithSecretsForTenant (gateway)', async () => {
    const t = await tenant();
    const created = await newConnection(t);
    const conn = await store().connections.findById(created.id);
    expect(conn?.credentials).toEqual({ token: TOKEN });
    expect(conn?.webhookSecret).toBe(HOOK_SECRET);
    expect(await store().connections.findById('con_missing')).toBeUndefined();
    expect(await store().connections.findWithSecretsForTenant(t, created.id)).toEqual(conn);
    expect(await store().connections.findWithSecretsForTenant(t, 'con_missing')).toBeUndefined();
  });

  it('never exposes secrets in StoredConnection nor stores them in clear text', async () => {
    const t = await tenant();
    const created = await newConnection(t);
    const shown: StoredConnection[] = [
      created,
      ...(await store().connections.listForTenant(t)),
      (await store().connections.findForTenant(t, created.id)) as StoredConnection,
      (await store().connections.update(t, created.id, { name: 'renamed' })) as StoredConnection,
    ];
    for (const c of shown) {
      const text = JSON.stringify(c);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(HOOK_SECRET);
      expect(Object.keys(c).sort()).toEqual(
        [
          'auth_method',
          'auth_status',
          'created_at',
          'external_id',
          'has_webhook_secret',
          'id',
          'name',
          'provider',
          'settings',
          'tenant_id',
          'updated_at',
          'webhook_status',
        ].sort(),
      );
    }
    const raw = await rawTableText(store(), 'connections');
    expect(raw).toContain(created.id);
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain(HOOK_SECRET);
    expect(raw).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(raw).toMatch(/v1:k1:[^:]+:[^:]+:[^:"]+/);
  });

  it("keeps tenants apart: B cannot find, list, update or delete A's connection", async () => {
    const a = await tenant('A');
    const b = await tenant('B');
    const conn = await newConnection(a);
    expect(await store().connections.findForTenant(b, conn.id)).toBeUndefined();
    expect(await store().connections.findWithSecretsForTenant(b, conn.id)).toBeUndefined();
    expect(await store().connections.listForTenant(b)).toEqual([]);
    expect(
      await store().connections.update(b, conn.id, { name: 'hijacked', credentials: { token: 'x' } }),
    ).toBeUndefined();
    expect(await store().connections.delete(b, conn.id)).toBe(false);
    const still = await store().connections.findById(conn.id);
    expect(still?.credentials).toEqual({ token: TOKEN });
    expect((await store().connections.findForTenant(a, conn.id))?.name).toBe('main repo');
  });

  it('records a webhook registration (with the provider’s secret) and lists what the sweep must check', async () => {
    const t = await tenant();
    const other = await tenant('other');
    const created = await newConnection(t);
    await newConnection(other);
    expect(await store().connections.setWebhookState(other, created.id, { state: 'failed' })).toBe(false);
    await store().connections.setWebhookState(t, created.id, {
      state: 'registered',
      hookId: '470001',
      secret: 'provider-chosen-secret',
    });
    expect((await store().connections.findForTenant(t, created.id))?.webhook_status).toMatchObject({
      state: 'registered',
      hook_id: '470001',
      error: null,
    });
    expect((await store().connections.findById(created.id))?.webhookSecret).toBe('provider-chosen-secret');
    const listed = await store().connections.listWebhookRegistrations();
    expect(listed.filter((c) => c.id === created.id)).toEqual([{ id: created.id, tenantId: t }]);
    await store().connections.setWebhookState(t, created.id, {
      state: 'failed',
      hookId: null,
      error: 'no admin rights',
    });
    expect((await store().connections.findForTenant(t, created.id))?.webhook_status).toMatchObject({
      state: 'failed',
      hook_id: null,
      error: 'no admin rights',
    });
    await store().connections.setWebhookState(t, created.id, { state: 'none', hookId: null });
    expect((await store().connections.listWebhookRegistrations()).some((c) => c.id === created.id)).toBe(
      false,
    );
  });

  it('refuses a connection for an unknown tenant', async () => {
    await expect(newConnection('ten_unknown')).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('binds ciphertext to its row: a blob copied to another connection does not decrypt', async () => {
    const t = await tenant();
    const one = await newConnection(t);
    const two = await newConnection(t);
    const { credentials_enc } = await store()
      .db.selectFrom('connections')
      .select('credentials_enc')
      .where('id', '=', one.id)
      .executeTakeFirstOrThrow();
    await store().db.updateTable('connections').set({ credentials_enc }).where('id', '=', two.id).execute();
    await expect(store().connections.findById(two.id)).rejects.toThrow(/cannot decrypt/);
    await store().connections.delete(t, two.id); // keep later rotation runs clean
  });

  it('rotates keys: old rows still open, rotate() re-seals them, then the old key can go', async () => {
    const t = await tenant();
    const conn = await newConnection(t); // sealed with k1 (the fixture's cipher)
    const k2 = key32();
    const both = new CredentialCipher({ k1: TEST_K1, k2 }, 'k2');
    const during = await target().open(both);
    expect((await during.connections.findById(conn.id))?.credentials).toEqual({ token: TOKEN });

    const fresh = await during.connections.create(t, {
      provider: 'jira',
      settings: {},
      credentials: { a: 'b' },
    });
    expect(await blobsOf(fresh.id)).toEqual([expect.stringMatching(/^v1:k2:/)]);

    const rotated = await during.connections.rotate();
    expect(rotated).toBeGreaterThanOrEqual(1); // every k1 row of this database, including conn
    expect(await during.connections.rotate()).toBe(0);
    expect(await blobsOf(conn.id)).toEqual([
      expect.stringMatching(/^v1:k2:/),
      expect.stringMatching(/^v1:k2:/),
    ]);

    const afterRemoval = await target().open(new CredentialCipher({ k2 }, 'k2'));
    const reopened = await afterRemoval.connections.findById(conn.id);
    expect(reopened).toMatchObject({ credentials: { token: TOKEN }, webhookSecret: HOOK_SECRET });
    // And a store that only knows the retired key can no longer read anything.
    const oldOnly = await target().open(new CredentialCipher({ k1: TEST_K1 }, 'k1'));
    await expect(oldOnly.connections.findById(conn.id)).rejects.toThrow(/"k2" is not loaded/);
  });

  async function blobsOf(id: string): Promise<string[]> {
    const { rows } = await sql<{ c: string; w: string | null }>`
      select credentials_enc as c, webhook_secret_enc as w from connections where id = ${id}`.execute(
      store().db,
    );
    return [rows[0].c, rows[0].w].filter((v): v is string => v !== null);
  }
});
