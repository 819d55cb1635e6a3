import type { ConnectionContext } from '@app/providers';
import { readDeletedIds } from './deleted-list';
import { zendeskTestHarness } from './zendesk.test-support';

/** The Zendesk definition's `deletedList` read through the engine against the emulator. */
describe('readDeletedIds (Zendesk deleted tickets)', () => {
  const { emulator, registry, client, connection: connectionTo } = zendeskTestHarness();
  const deletedList = registry.get('zendesk').resources.tickets.poll!.deletedList!;
  let connection: ConnectionContext;

  beforeAll(async () => {
    await emulator.start();
    connection = connectionTo();
  });
  afterAll(() => emulator.stop());

  it('names nothing before a deletion, then the deleted tickets newest first', async () => {
    expect(await readDeletedIds(client, connection, deletedList, 'tickets')).toEqual([]);
    const [first, second] = (await client.list(connection, 'tickets', { limit: 2 })).result.map((r) => r.id);
    await client.delete(connection, 'tickets', first);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // deletion times have seconds
    await client.delete(connection, 'tickets', second);
    expect(await readDeletedIds(client, connection, deletedList, 'tickets')).toEqual([second, first]);
  });

  it('fails as the engine fails when the provider refuses the credentials', async () => {
    const refused = { ...connection, credentials: { ...connection.credentials, api_token: 'wrong' } };
    await expect(readDeletedIds(client, refused, deletedList, 'tickets')).rejects.toThrow(
      /deleted tickets|401|auth/i,
    );
  });
});
