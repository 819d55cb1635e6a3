import type { Connection } from '../connections/connection';
import type { Store } from '../store';
import { connectionsWithFindByIdCache, withConnectionByIdCache } from './hot-read-caches';

/** A store whose connections are a map; every findById is counted. */
function fakeStore() {
  const rows = new Map<string, Connection>();
  const reads: string[] = [];
  const connections = {
    findById: async (id: string) => (reads.push(id), rows.get(id)),
    update: async (_tenantId: string, id: string, changes: { webhookSecret?: string }) => {
      const row = rows.get(id);
      if (row) rows.set(id, { ...row, ...changes });
      return undefined;
    },
    delete: async (_tenantId: string, id: string) => rows.delete(id),
    finishTokenRefresh: async () => true,
    setWebhookState: async (_tenantId: string, id: string, change: { secret?: string }) => {
      const row = rows.get(id);
      if (row && change.secret) rows.set(id, { ...row, webhookSecret: change.secret });
      return true;
    },
  };
  const store = { connections } as unknown as Store;
  const connection = (id: string, webhookSecret: string) =>
    rows.set(id, { id, tenantId: 'ten_1', provider: 'github', webhookSecret } as unknown as Connection);
  return { store, rows, reads, connection };
}

describe('withConnectionByIdCache (the ingest: a connection per delivery)', () => {
  it('reads a connection once per time to live, and a new connection at once', async () => {
    const { store, reads, connection } = fakeStore();
    const cached = withConnectionByIdCache(store, 60_000);
    expect(await cached.connections.findById('con_new')).toBeUndefined();
    connection('con_new', 's1');
    expect((await cached.connections.findById('con_new'))?.webhookSecret).toBe('s1');
    await cached.connections.findById('con_new');
    await cached.connections.findById('con_new');
    expect(reads).toEqual(['con_new', 'con_new']); // the miss was not kept; then one read for three
  });

  it('sees a secret or connection changed through this process at once', async () => {
    const { store, reads, connection } = fakeStore();
    const cached = withConnectionByIdCache(store, 60_000);
    connection('con_1', 'old');
    expect((await cached.connections.findById('con_1'))?.webhookSecret).toBe('old');
    await cached.connections.update('ten_1', 'con_1', { webhookSecret: 'adopted' });
    expect((await cached.connections.findById('con_1'))?.webhookSecret).toBe('adopted');
    await cached.connections.setWebhookState('ten_1', 'con_1', { state: 'registered', secret: 'hook' });
    expect((await cached.connections.findById('con_1'))?.webhookSecret).toBe('hook');
    await cached.connections.delete('ten_1', 'con_1');
    expect(await cached.connections.findById('con_1')).toBeUndefined();
    expect(reads).toHaveLength(4);
  });

  it('sees a change made elsewhere once its time to live is over, and caches nothing with 0', async () => {
    const { store, rows, connection } = fakeStore();
    const cached = withConnectionByIdCache(store, 50);
    connection('con_1', 'old');
    await cached.connections.findById('con_1');
    rows.set('con_1', { ...rows.get('con_1')!, webhookSecret: 'rotated elsewhere' });
    expect((await cached.connections.findById('con_1'))?.webhookSecret).toBe('old');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await cached.connections.findById('con_1'))?.webhookSecret).toBe('rotated elsewhere');
    expect(withConnectionByIdCache(store, 0)).toBe(store);
  });
});

describe('connectionsWithFindByIdCache (the normalizer: only its own lookups cached)', () => {
  it('caches findById on the view it returns and leaves the store it came from reading every time', async () => {
    const { store, reads, connection } = fakeStore();
    const view = connectionsWithFindByIdCache(store.connections, 60_000);
    connection('con_1', 's1');
    await view.findById('con_1');
    await view.findById('con_1');
    expect(reads).toEqual(['con_1']);
    // What token leases read (the store's own repository) is the stored row, every time.
    await store.connections.findById('con_1');
    await store.connections.findById('con_1');
    expect(reads).toEqual(['con_1', 'con_1', 'con_1']);
    expect(connectionsWithFindByIdCache(store.connections, 0)).toBe(store.connections);
  });
});
