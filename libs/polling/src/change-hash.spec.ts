import type { ConnectionContext } from '@app/providers';
import { ChangeHasher } from './change-hash';
import { zendeskTestHarness } from './zendesk.test-support';

/**
 * The hash change detection compares, over the two shapes a Zendesk ticket arrives in: a single read
 * (what a webhook's fetch publishes, users sideloaded) and the filtered list the poll reads (no users).
 */
describe('ChangeHasher', () => {
  const { emulator, registry, client, connection: connectionTo } = zendeskTestHarness();
  const hasher = new ChangeHasher(registry, client.expressions);
  let connection: ConnectionContext;

  beforeAll(async () => {
    await emulator.start();
    connection = connectionTo();
  });
  afterAll(() => emulator.stop());

  const listedSince = async (id: string) => {
    const since = { updated_at: { gte: '1970-01-01T00:00:00.000Z' } };
    for (let cursor: string | undefined, pages = 0; pages < 50; pages++) {
      const page = await client.list(connection, 'tickets', { query: since, cursor, limit: 100 });
      const found = page.result.find((r) => r.id === id);
      if (found) return found;
      cursor = page.next_cursor ?? undefined;
      if (!cursor) break;
    }
    throw new Error(`ticket ${id} not listed`);
  };

  it('gives a Zendesk ticket read whole and the same ticket listed one hash, though their etags differ', async () => {
    const [first] = (await client.list(connection, 'tickets', { limit: 1 })).result;
    const read = await client.get(connection, 'tickets', first.id);
    const listed = await listedSince(first.id);
    // The list has no users: names are null there, so the records (and their etags) differ.
    expect(read.etag).not.toBe(listed.etag);
    expect(await hasher.hashOf('zendesk', 'tickets', listed)).toBe(
      await hasher.hashOf('zendesk', 'tickets', read),
    );
  });

  it('still tells a changed ticket from the one published', async () => {
    const [first] = (await client.list(connection, 'tickets', { limit: 1 })).result;
    const before = await hasher.hashOf(
      'zendesk',
      'tickets',
      await client.get(connection, 'tickets', first.id),
    );
    await client.update(connection, 'tickets', first.id, { name: 'renamed for the hash' });
    const after = await hasher.hashOf('zendesk', 'tickets', await listedSince(first.id));
    expect(after).not.toBe(before);
  });

  it('is the etag where the poll block compares the whole record, and nothing without an etag', async () => {
    expect(await hasher.hashOf('github', 'tickets', { id: '1', etag: '"abc"' })).toBe('"abc"');
    expect(await hasher.hashOf('zendesk', 'tickets', { id: '1' })).toBeUndefined();
    expect(await hasher.hashOf('no-such-provider', 'tickets', { id: '1', etag: '"x"' })).toBe('"x"');
  });
});
