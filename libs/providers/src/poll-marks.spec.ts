import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PROVIDERS } from '@app/sandbox/demo';
import type { ConnectionContext } from './engine/connection-context';
import { ProviderClient } from './engine/provider-client';
import { ProviderRegistry } from './registry';

/** Every poll block must be one the engine can run with the resource's own list method. */
describe('poll blocks in the definitions', () => {
  const registry = new ProviderRegistry();
  const cases = registry.all().flatMap((d) =>
    Object.entries(d.resources)
      .filter(([, r]) => r.poll)
      .map(([name, r]) => [d.name, name, r, d] as const),
  );

  it('marks tickets and comments of GitHub, Jira and Zendesk, and their other listable resources', () => {
    for (const provider of ['github', 'jira', 'zendesk']) {
      const marked = cases.filter(([p]) => p === provider).map(([, name]) => name);
      expect(marked).toEqual(expect.arrayContaining(['tickets', 'comments', 'users', 'tags']));
    }
  });

  it.each(registry.all().map((d) => [d.name, d] as const))(
    '%s polls its tickets, or its doc says why not',
    (name, definition) => {
      const doc = readFileSync(join(__dirname, '../../../docs/providers', `${name}.md`), 'utf8');
      if (definition.resources.tickets?.poll) expect(doc).toMatch(/polling/i);
      else expect(doc).toMatch(/## Polling\s+Not polled \(\[polling\]\(\.\.\/polling\.md\)\): \S/);
    },
  );

  it.each(cases.map(([p, n, r, d]) => [`${p} ${n}`, r, d] as const))(
    '%s can be polled',
    (_label, resource, definition) => {
      const poll = resource.poll!;
      const list = resource.methods?.list;
      expect(list).toBeDefined();
      if (poll.changes === 'updated_at') {
        const operators = (poll.list ?? list)!.filters?.updated_at ?? [];
        expect(operators.some((op) => op === 'gte' || op === 'gt')).toBe(true);
      }
      // A list walked newest-updated first names the provider's sort parameters, and only that mode does.
      // Its own list request is for changes filtered by update time only.
      if (poll.list) expect(poll.changes).toBe('updated_at');
      if (poll.changes === 'updated_desc') expect(Object.keys(poll.sort ?? {}).length).toBeGreaterThan(0);
      else expect(poll.sort).toBeUndefined();
      const required = list!.requiredQuery ?? [];
      if (poll.parent) {
        expect(required).toEqual([poll.parent.query]);
        const parent = definition.resources[poll.parent.resource];
        expect(['updated_at', 'updated_desc']).toContain(parent?.poll?.changes);
      } else {
        expect(required).toEqual([]);
      }
    },
  );

  const client = new ProviderClient({ registry });
  /** Runs `work` against the provider's demo emulator with a connection to it. */
  const atDemoEmulator = async (provider: string, work: (connection: ConnectionContext) => Promise<void>) => {
    const demo = DEMO_PROVIDERS.find((d) => d.provider === provider)!;
    const emulator = demo.createEmulator();
    try {
      const base_url = await emulator.start();
      await work({
        id: 'c',
        tenantId: 't',
        provider,
        settings: { ...demo.settings, base_url },
        credentials: { ...demo.credentials },
      });
    } finally {
      await emulator.stop();
    }
  };

  const newestFirst = cases.filter(([, , r]) => r.poll!.changes === 'updated_desc');

  it.each(newestFirst.map(([p, n, r]) => [`${p} ${n}`, p, n, r] as const))(
    '%s lists newest-updated first with its sort (at its emulator): an edited record comes first',
    async (_label, provider, name, resource) => {
      await atDemoEmulator(provider, async (connection) => {
        const sorted = async () =>
          (await client.list(connection, name, { query: { remote_query: resource.poll!.sort }, limit: 100 }))
            .result;
        const before = await sorted();
        expect(before.length).toBeGreaterThan(1);
        const oldest = before.at(-1)!;
        await client.update(connection, name, oldest.id, { name: 'edited for the sort' });
        const after = await sorted();
        expect(after[0].id).toBe(oldest.id);
        const times = after.map((r) => Date.parse(String(r.updated_at)));
        expect(times).toEqual([...times].sort((a, b) => b - a));
      });
    },
  );

  it('walks newest-first the ticket lists of Gorgias and Zoho Desk', () => {
    expect(newestFirst.map(([p, n]) => `${p} ${n}`).sort()).toEqual(['gorgias tickets', 'zoho_desk tickets']);
  });

  const ownChangeLists = cases.filter(([, , r]) => r.poll!.list);

  it.each(ownChangeLists.map(([p, n, r]) => [`${p} ${n}`, p, n, r] as const))(
    '%s lists changes with its own request (at its emulator): an edited record, none older',
    async (_label, provider, name, resource) => {
      await atDemoEmulator(provider, async (connection) => {
        const [first] = (await client.list(connection, name, { limit: 1 })).result;
        const from = new Date(Date.now() - 1000).toISOString();
        await client.update(connection, name, first.id, { name: 'edited for the change list' });
        const changed = await client.list(connection, name, {
          query: { updated_at: { gte: from } },
          method: resource.poll!.list,
        });
        expect(changed.result.map((r) => r.id)).toEqual([first.id]);
      });
    },
  );

  it('lists HubSpot ticket changes with the CRM search', () => {
    expect(ownChangeLists.map(([p, n]) => `${p} ${n}`)).toEqual(['hubspot tickets']);
  });
});
