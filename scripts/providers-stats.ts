/**
 * The cost of each provider, so it stays visible: the resources and methods it serves, and the lines of
 * its definition, its emulator and its own tests (`*.spec.ts` in its two folders).
 *   npm run --silent providers:stats -- --json   → {"providers": [...], "medians": {...}}
 *   npm run --silent providers:stats             → a Markdown table
 * "Kit" providers are those whose emulator is a description (DescribedEmulator) or a kit GraphQL endpoint;
 * the medians compare them with the hand-written ones.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { capabilitiesOf, ProviderRegistry } from '@app/providers';

const ROOT = path.resolve(__dirname, '..');
const HAND_WRITTEN = ['github', 'jira', 'zendesk'];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const lines = (list: string[]) => list.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0
    ? 0
    : sorted.length % 2
      ? sorted[mid]
      : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
};

const registry = new ProviderRegistry();
const capabilities = capabilitiesOf(registry);
const providers = registry.all().map((definition) => {
  const own = files(path.join(ROOT, 'libs/providers/src', definition.name));
  const emulator = files(path.join(ROOT, 'libs/sandbox/src', definition.name));
  const isSpec = (f: string) => f.endsWith('.spec.ts') || f.endsWith('.test-support.ts');
  const served = capabilities.filter((c) => c.provider === definition.name);
  const stats = {
    provider: definition.name,
    kind: HAND_WRITTEN.includes(definition.name) ? 'hand-written' : 'kit',
    resources: served.length,
    methods: served.reduce((n, c) => n + c.methods.length, 0),
    capabilities: Object.fromEntries(served.map((c) => [c.resource, c.methods])),
    definition_lines: lines(own.filter((f) => !isSpec(f))),
    emulator_lines: lines(emulator.filter((f) => !isSpec(f))),
    test_lines: lines([...own, ...emulator].filter(isSpec)),
  };
  return { ...stats, total_lines: stats.definition_lines + stats.emulator_lines + stats.test_lines };
});

const medianOf = (kind: string) => {
  const group = providers.filter((p) => p.kind === kind);
  return {
    providers: group.map((p) => p.provider),
    definition_lines: median(group.map((p) => p.definition_lines)),
    emulator_lines: median(group.map((p) => p.emulator_lines)),
    test_lines: median(group.map((p) => p.test_lines)),
    total_lines: median(group.map((p) => p.total_lines)),
    resources: median(group.map((p) => p.resources)),
  };
};
const medians = { 'hand-written': medianOf('hand-written'), kit: medianOf('kit') };
const ratio = medians['hand-written'].total_lines
  ? medians.kit.total_lines / medians['hand-written'].total_lines
  : 0;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ providers, medians, kit_cost_ratio: Number(ratio.toFixed(2)) }, null, 2));
} else {
  console.log('| provider | kind | resources | methods | definition | emulator | own tests | total |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of providers)
    console.log(
      `| ${p.provider} | ${p.kind} | ${p.resources} | ${p.methods} | ${p.definition_lines} | ${p.emulator_lines} | ${p.test_lines} | ${p.total_lines} |`,
    );
  for (const [kind, m] of Object.entries(medians))
    console.log(
      `| median (${kind}) | | ${m.resources} | | ${m.definition_lines} | ${m.emulator_lines} | ${m.test_lines} | ${m.total_lines} |`,
    );
  console.log(
    `\nA kit provider costs ${(ratio * 100).toFixed(0)} % of a hand-written one (median total lines).`,
  );
}
