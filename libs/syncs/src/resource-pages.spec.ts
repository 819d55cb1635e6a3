import { ProviderClient, ProviderRegistry, type ConnectionContext } from '@app/providers';
import { ZENDESK_SEED_CREDENTIALS, ZENDESK_SEED_SUBDOMAIN, ZendeskEmulator } from '@app/sandbox/zendesk';
import { resourcePages, type ReadPage } from './resource-pages';

/** Every page of a walk from `cursor` on: the cursors read and the records' ids. */
async function walk(read: ReadPage, cursor: string | null = null) {
  const cursors: (string | null)[] = [];
  const ids: string[] = [];
  for (let at: string | null = cursor, first = true; first || at !== null; first = false) {
    cursors.push(at);
    const page = await read(at);
    ids.push(...page.records.map((r) => r.id));
    at = page.next;
  }
  return { cursors, ids };
}

describe('resourcePages', () => {
  const emulator = new ZendeskEmulator();
  const registry = new ProviderRegistry();
  const client = new ProviderClient({ registry, retry: { maxRetries: 0 } });
  let connection: ConnectionContext;
  beforeAll(async () => {
    await emulator.start();
    connection = {
      id: 'con_pages',
      tenantId: 'ten_pages',
      provider: 'zendesk',
      settings: { subdomain: ZENDESK_SEED_SUBDOMAIN, base_url: emulator.url },
      credentials: { ...ZENDESK_SEED_CREDENTIALS },
    };
  });
  afterAll(() => emulator.stop());

  const pages = (resource: string, pageSize: number) =>
    resourcePages({
      client,
      connection,
      definition: registry.get('zendesk'),
      resource,
      since: null,
      pageSize,
    });

  it('walks a whole list by the engine cursor', async () => {
    const { ids, cursors } = await walk(pages('tickets', 10));
    expect(ids).toHaveLength(emulator.state.tickets.size);
    expect(new Set(ids).size).toBe(ids.length);
    expect(cursors.length).toBeGreaterThan(3);
  });

  it('walks comments ticket by ticket, every comment once, and resumes from any cursor with the same pages', async () => {
    const expected = emulator.state.comments.map((c) => String(c.id)).sort();
    expect(expected.length).toBeGreaterThan(emulator.state.tickets.size);
    const read = pages('comments', 2);
    const whole = await walk(read);
    expect([...whole.ids].sort()).toEqual(expected);
    // A runner that died after any page resumes at its cursor and reads exactly the rest.
    for (const [position, cursor] of whole.cursors.entries()) {
      if (position % 7 !== 3) continue;
      const rest = await walk(pages('comments', 2), cursor);
      expect(rest.cursors).toEqual(whole.cursors.slice(position));
    }
  });
});
