import type { UnifiedMethod } from '../definition';

/** What the engine needs of a connection for one call. Credentials are decrypted only for the call. */
export interface ConnectionContext {
  id: string;
  tenantId: string;
  provider: string;
  settings: Record<string, string>;
  credentials: Record<string, string>;
  /**
   * How the connection authenticates: the definition's credential form (default), OAuth 2.0, or an app
   * installation whose tokens the engine mints.
   */
  authMethod?: AuthMethod;
}

export type AuthMethod = 'credentials' | 'oauth2' | 'app_installation';

/**
 * Run-time mapping overrides, keyed `<resource>.record` or `<resource>.<method>.<part>` (part: path, query,
 * body, response). Layered base definition < tenant < connection; each one replaces a mapping whole.
 */
export interface MappingOverrides {
  tenant?: Readonly<Record<string, string>>;
  connection?: Readonly<Record<string, string>>;
  /** Whose overrides these are: their expressions run in that tenant's share of the sandbox. */
  tenantId?: string;
  /** The connection the `connection` layer belongs to (named when one of its overrides fails). */
  connectionId?: string;
  /** The `connection` layer is a candidate under preview, not a saved override. */
  preview?: boolean;
}

/** An override in use: which tenant wrote it, under which key, at which level. */
export interface OverrideOwner {
  tenantId: string;
  key: string;
  level: 'tenant' | 'connection' | 'preview';
  /** Set for a connection-level override. */
  connectionId?: string;
}

/** The expression to run for a key, and its owner when it is a tenant's override rather than the definition's. */
export interface ResolvedExpression {
  source: string;
  owner?: OverrideOwner;
}

export type MethodPart = 'path' | 'query' | 'body' | 'response';

export function overrideKey(resource: string, method?: UnifiedMethod, part?: MethodPart): string {
  return method && part ? `${resource}.${method}.${part}` : `${resource}.record`;
}

/**
 * The expression to run for a key: the connection's override over the tenant's over the definition's,
 * with its owner when it is an override (tenant code runs isolated).
 */
export function resolveExpression(
  base: string | undefined,
  key: string,
  overrides: MappingOverrides | undefined,
): ResolvedExpression | undefined {
  const tenantId = overrides?.tenantId ?? 'unknown';
  const connection = overrides?.connection?.[key];
  if (connection !== undefined) {
    const level = overrides?.preview ? 'preview' : 'connection';
    const owner: OverrideOwner = { tenantId, key, level, connectionId: overrides?.connectionId };
    return { source: connection, owner };
  }
  const tenant = overrides?.tenant?.[key];
  if (tenant !== undefined) return { source: tenant, owner: { tenantId, key, level: 'tenant' } };
  return base === undefined ? undefined : { source: base };
}
