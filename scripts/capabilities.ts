/**
 * Prints what every provider supports, derived from the definitions.
 *   npm run --silent capabilities -- --json   → [{"provider","resource","methods"}]
 *   npm run --silent capabilities             → a provider × resource table (Markdown)
 */
import { capabilitiesOf, ProviderRegistry, type Capability } from '@app/providers';
import { UNIFIED_RESOURCES } from '@app/unified-models';

const ABBREVIATIONS: Record<string, string> = { list: 'L', get: 'G', create: 'C', update: 'U', delete: 'D' };

function table(providers: string[], capabilities: Capability[]): string {
  const cell = (provider: string, resource: string) => {
    const found = capabilities.find((c) => c.provider === provider && c.resource === resource);
    return found ? found.methods.map((m) => ABBREVIATIONS[m]).join(' ') : '—';
  };
  const lines = [
    `| resource | ${providers.join(' | ')} |`,
    `| --- | ${providers.map(() => '---').join(' | ')} |`,
    ...UNIFIED_RESOURCES.map((r) => `| ${r} | ${providers.map((p) => cell(p, r)).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n\nL list · G get · C create · U update · D delete · — no such concept at the provider`;
}

const registry = new ProviderRegistry();
const capabilities = capabilitiesOf(registry);
const providers = registry.all().map((d) => d.name);
console.log(
  process.argv.includes('--json') ? JSON.stringify(capabilities, null, 2) : table(providers, capabilities),
);
