import type { Capability } from './capabilities';

const ABBREVIATIONS: Record<string, string> = { list: 'L', get: 'G', create: 'C', update: 'U', delete: 'D' };

export const CAPABILITY_LEGEND =
  'L list · G get · C create · U update · D delete · — no such concept at the provider';

/**
 * A provider × resource Markdown table (one row per provider: with twenty-odd providers, columns per
 * provider no longer fit a page). Cells are the methods' initials, `—` where the provider has no such concept.
 */
export function capabilityTable(
  providers: readonly string[],
  resources: readonly string[],
  capabilities: readonly Capability[],
): string {
  const cell = (provider: string, resource: string) => {
    const found = capabilities.find((c) => c.provider === provider && c.resource === resource);
    return found ? found.methods.map((m) => ABBREVIATIONS[m]).join('') : '—';
  };
  const lines = [
    `| provider | ${resources.join(' | ')} |`,
    `| --- | ${resources.map(() => '---').join(' | ')} |`,
    ...providers.map((p) => `| ${p} | ${resources.map((r) => cell(p, r)).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** A Markdown table's cells, row by row, whatever its padding (so a formatter's alignment is not a change). */
export function tableCells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|') && !/^\|[\s:|-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
}
