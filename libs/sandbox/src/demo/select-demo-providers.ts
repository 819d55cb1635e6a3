import type { DemoProvider } from './demo-provider';

export class UnknownDemoProviderError extends Error {
  constructor(unknown: readonly string[], known: readonly string[]) {
    super(`SANDBOX_PROVIDERS names no demo provider: ${unknown.join(', ')} (known: ${known.join(', ')})`);
    this.name = 'UnknownDemoProviderError';
  }
}

/**
 * The demo providers a comma-separated selection names, in the demo's own order; all of them when the
 * selection is empty. A name that is no demo provider is an error, so a typo fails at start-up instead of
 * silently running fewer emulators.
 */
export function selectDemoProviders(all: readonly DemoProvider[], selection: string): DemoProvider[] {
  const wanted = selection
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  if (wanted.length === 0) return [...all];
  const known = all.map((d) => d.provider);
  const unknown = wanted.filter((n) => !known.includes(n));
  if (unknown.length) throw new UnknownDemoProviderError(unknown, known);
  return all.filter((d) => wanted.includes(d.provider));
}
