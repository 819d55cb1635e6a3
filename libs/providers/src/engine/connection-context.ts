import type { UnifiedMethod } from '../definition';

/** What the engine needs of a connection for one call. Credentials are decrypted only for the call. */
export interface ConnectionContext {
  id: string;
  tenantId: string;
  provider: string;
  settings: Record<string, string>;
  credentials: Record<string, string>;
}

/**
 * Run-time mapping overrides, keyed `<resource>.record` or `<resource>.<method>.<part>` (part: path, query,
 * body, response). Layered base definition < tenant < connection; each one replaces a mapping whole.
 */
export interface MappingOverrides {
  tenant?: Readonly<Record<string, string>>;
  connection?: Readonly<Record<string, string>>;
}

export type MethodPart = 'path' | 'query' | 'body' | 'response';

export function overrideKey(resource: string, method?: UnifiedMethod, part?: MethodPart): string {
  return method && part ? `${resource}.${method}.${part}` : `${resource}.record`;
}

/** The override wins over the definition, the connection's over the tenant's. */
export function resolveMapping(
  base: string | undefined,
  key: string,
  overrides: MappingOverrides | undefined,
): string | undefined {
  return overrides?.connection?.[key] ?? overrides?.tenant?.[key] ?? base;
}
