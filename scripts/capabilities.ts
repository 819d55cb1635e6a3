/**
 * Prints what every provider supports, derived from the definitions.
 *   npm run --silent capabilities -- --json     → [{"provider","resource","methods"}]
 *   npm run --silent capabilities               → a provider × resource table (Markdown), as in the README
 *   npm run --silent capabilities -- --readme   → rewrites the README's table (checked for drift by a unit test)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CAPABILITY_LEGEND, capabilitiesOf, capabilityTable, ProviderRegistry } from '@app/providers';
import { UNIFIED_RESOURCES } from '@app/unified-models';

const registry = new ProviderRegistry();
const capabilities = capabilitiesOf(registry);
const table = capabilityTable(
  registry.all().map((d) => d.name),
  UNIFIED_RESOURCES,
  capabilities,
);

if (process.argv.includes('--readme')) {
  const readme = readFileSync('README.md', 'utf8');
  const marked = /(<!-- capabilities:start -->)[\s\S]*?(<!-- capabilities:end -->)/;
  if (!marked.test(readme)) throw new Error('README.md has no <!-- capabilities:start/end --> markers');
  writeFileSync('README.md', readme.replace(marked, `$1\n\n${table}\n\n$2`));
} else {
  console.log(
    process.argv.includes('--json')
      ? JSON.stringify(capabilities, null, 2)
      : `${table}\n\n${CAPABILITY_LEGEND}`,
  );
}
