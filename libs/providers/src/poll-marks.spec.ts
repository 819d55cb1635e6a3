import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
        const operators = list!.filters?.updated_at ?? [];
        expect(operators.some((op) => op === 'gte' || op === 'gt')).toBe(true);
      }
      const required = list!.requiredQuery ?? [];
      if (poll.parent) {
        expect(required).toEqual([poll.parent.query]);
        const parent = definition.resources[poll.parent.resource];
        expect(parent?.poll?.changes).toBe('updated_at');
      } else {
        expect(required).toEqual([]);
      }
    },
  );
});
