import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNIFIED_RESOURCES } from '@app/unified-models';
import { ProviderRegistry } from '../registry';
import { capabilitiesOf } from './capabilities';
import { capabilityTable, tableCells } from './capability-table';

const README = join(__dirname, '../../../../README.md');

describe('capability table', () => {
  const capabilities = [
    { provider: 'a', resource: 'tickets', methods: ['list' as const, 'get' as const] },
    { provider: 'b', resource: 'comments', methods: ['create' as const] },
  ];

  it('has a row per provider, a column per resource, initials or a dash in each cell', () => {
    expect(tableCells(capabilityTable(['a', 'b'], ['tickets', 'comments'], capabilities))).toEqual([
      ['provider', 'tickets', 'comments'],
      ['a', 'LG', '—'],
      ['b', '—', 'C'],
    ]);
  });

  it('reads cells whatever the padding, skipping the alignment row', () => {
    expect(tableCells('| x  | y |\n| :-- | --- |\n|  1 |2|')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  it("is the README's table, regenerated from every registered definition (no drift)", () => {
    const readme = readFileSync(README, 'utf8');
    const section = /<!-- capabilities:start -->([\s\S]*?)<!-- capabilities:end -->/.exec(readme);
    expect(section).not.toBeNull();
    const registry = new ProviderRegistry();
    const expected = capabilityTable(
      registry.all().map((d) => d.name),
      UNIFIED_RESOURCES,
      capabilitiesOf(registry),
    );
    expect(tableCells(section![1])).toEqual(tableCells(expected));
  });
});
