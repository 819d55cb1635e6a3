/** Public shapes and repository contracts of the store (connections live in connections/). */

export interface Tenant {
  id: string;
  name: string;
  created_at: string;
}

export interface TenantRepository {
  create(input: { name: string }): Promise<Tenant>;
  findById(id: string): Promise<Tenant | undefined>;
  list(): Promise<Tenant[]>;
}

/** What may be shown about a key after issuing it: never the secret nor its hash. */
export interface ApiKey {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  created_at: string;
}

export interface IssuedApiKey {
  apiKey: ApiKey;
  /** `utk_<prefix>_<random>`: returned once, only its hash is stored. */
  secret: string;
}

export interface ApiKeyRepository {
  issue(tenantId: string, input: { name: string }): Promise<IssuedApiKey>;
  authenticate(secret: string): Promise<{ tenantId: string; keyId: string } | undefined>;
  /** False when no active key with that id belongs to the tenant. */
  revoke(tenantId: string, keyId: string): Promise<boolean>;
  /** Active (not revoked) keys. */
  list(tenantId: string): Promise<ApiKey[]>;
}

export interface MappingOverride {
  tenant_id: string;
  /** Null for an override that applies to all of the tenant's connections. */
  connection_id: string | null;
  key: string;
  expression: string;
  created_at: string;
  updated_at: string;
}

export interface OverrideLayers {
  tenant: Record<string, string>;
  connection: Record<string, string>;
}

export interface MappingOverrideRepository {
  /** Inserts or replaces; throws StoreNotFoundError for a connection of another tenant. */
  put(
    tenantId: string,
    connectionId: string | null,
    key: string,
    expression: string,
  ): Promise<MappingOverride>;
  get(tenantId: string, connectionId: string | null, key: string): Promise<MappingOverride | undefined>;
  delete(tenantId: string, connectionId: string | null, key: string): Promise<boolean>;
  listForTenant(tenantId: string): Promise<MappingOverride[]>;
  layersFor(tenantId: string, connectionId: string): Promise<OverrideLayers>;
}

export type IdempotencyClaim =
  | { state: 'new' }
  | { state: 'replay'; status: number; body: unknown }
  | { state: 'conflict' }
  | { state: 'in_progress' };

export interface IdempotencyRepository {
  /**
   * Atomic: of concurrent claims for one key exactly one gets `new`. A claim left unfinished past
   * the store's lease (its instance died) is handed to the next request as `new`.
   */
  claim(tenantId: string, key: string, requestHash: string): Promise<IdempotencyClaim>;
  complete(tenantId: string, key: string, status: number, body: unknown): Promise<void>;
  /** Forgets an unfinished claim (the request failed), so a retry can run it again. */
  release(tenantId: string, key: string): Promise<void>;
  purgeOlderThan(date: Date): Promise<number>;
}

export interface DeliveryDedupRepository {
  /** True the first time a (connection, delivery) pair is seen, false for a redelivery. */
  claim(connectionId: string, deliveryId: string, seenAt?: Date): Promise<boolean>;
  /** Whether the pair was recorded at or after `notBefore` (the dedup window). */
  seen(connectionId: string, deliveryId: string, notBefore: Date): Promise<boolean>;
  purgeOlderThan(date: Date): Promise<number>;
}
