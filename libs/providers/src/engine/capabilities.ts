import type { UnifiedMethod } from '../definition';
import type { ProviderRegistry } from '../registry';

export interface Capability {
  provider: string;
  resource: string;
  methods: UnifiedMethod[];
}

const ORDER: readonly UnifiedMethod[] = ['list', 'get', 'create', 'update', 'delete'];

/** What each provider can do, read straight from the definitions: the single source for docs and discovery. */
export function capabilitiesOf(registry: ProviderRegistry): Capability[] {
  return registry.all().flatMap((definition) =>
    Object.entries(definition.resources)
      .map(([resource, r]) => ({
        provider: definition.name,
        resource,
        methods: ORDER.filter((m) => r.methods?.[m] !== undefined),
      }))
      .filter((c) => c.methods.length > 0)
      .sort((a, b) => a.resource.localeCompare(b.resource)),
  );
}
