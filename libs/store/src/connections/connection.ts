/** A tenant's link to one account of one provider. */
export interface Connection {
  id: string;
  tenantId: string;
  provider: string;
  /** Settings the provider definition declares (e.g. GitHub owner and repo). */
  settings: Record<string, string>;
  /** Provider credentials (API token, e-mail…). Only ever held decrypted in memory for a call. */
  credentials?: Record<string, string>;
  /** Secret the provider signs its webhooks with (or that we issued for providers that sign nothing). */
  webhookSecret?: string;
  /** How it authenticates: the definition's credential form, OAuth 2.0 tokens, or an app installation. */
  authMethod?: ConnectionAuthMethod;
  /** `needs_reauth` once the provider refused to refresh its tokens. */
  authStatus?: AuthStatus;
}

export type AuthStatus = 'ok' | 'needs_reauth';

export const CONNECTION_AUTH_METHODS = ['credentials', 'oauth2', 'app_installation'] as const;
export type ConnectionAuthMethod = (typeof CONNECTION_AUTH_METHODS)[number];

export interface WebhookStatus {
  /** registered: there when last checked; missing: gone and not yet re-created; failed: registering failed. */
  state: 'none' | 'registered' | 'missing' | 'failed';
  hook_id: string | null;
  checked_at: string | null;
  error: string | null;
}

/** A webhook registration's new state; a `secret` replaces the connection's webhook secret in the same write. */
export interface WebhookStateChange {
  state: 'registered' | 'missing' | 'failed' | 'none';
  hookId?: string | null;
  error?: string | null;
  secret?: string;
}

export interface ConnectionRepository {
  findById(id: string): Promise<Connection | undefined>;
}

export const CONNECTION_REPOSITORY = Symbol('ConnectionRepository');

/**
 * A connection as the API may show it: settings and metadata only. It deliberately has no field
 * for credentials or the webhook secret, so returning it can never leak them.
 */
export interface StoredConnection {
  id: string;
  tenant_id: string;
  provider: string;
  name: string | null;
  /** Our user's own id for the end user this connection belongs to (set at connect time). */
  external_id: string | null;
  /** `credentials` (the definition's credential form) or `oauth2`. */
  auth_method: ConnectionAuthMethod;
  /** `needs_reauth`: the provider refused to refresh its tokens; re-connect it (a connect session). */
  auth_status: AuthStatus;
  /** The provider webhook we registered for it; `state: none` when we registered none. */
  webhook_status: WebhookStatus;
  settings: Record<string, string>;
  created_at: string;
  updated_at: string;
  has_webhook_secret: boolean;
}

export interface NewConnection {
  provider: string;
  settings: Record<string, string>;
  credentials: Record<string, string>;
  webhookSecret?: string;
  name?: string;
  externalId?: string;
  authMethod?: ConnectionAuthMethod;
}

/** Each given field replaces the stored one whole; `null` clears name or webhook secret. */
export interface ConnectionUpdate {
  settings?: Record<string, string>;
  credentials?: Record<string, string>;
  name?: string | null;
  webhookSecret?: string | null;
  externalId?: string | null;
  authMethod?: ConnectionAuthMethod;
}

/**
 * The database-backed repository: tenant-scoped management for the gateway, plus the inherited
 * tenant-agnostic `findById` that webhook ingest needs (the URL names only the connection).
 */
export interface TenantConnectionRepository extends ConnectionRepository {
  create(tenantId: string, input: NewConnection): Promise<StoredConnection>;
  /** Undefined when the connection does not exist or belongs to another tenant. */
  findForTenant(tenantId: string, id: string): Promise<StoredConnection | undefined>;
  /**
   * The connection with its secrets, read in one statement scoped by tenant: another tenant's row is
   * never read, let alone decrypted, so it answers exactly like a missing one, timing included.
   */
  findWithSecretsForTenant(tenantId: string, id: string): Promise<Connection | undefined>;
  listForTenant(tenantId: string): Promise<StoredConnection[]>;
  update(tenantId: string, id: string, changes: ConnectionUpdate): Promise<StoredConnection | undefined>;
  delete(tenantId: string, id: string): Promise<boolean>;
  /**
   * Takes the right to refresh the connection's tokens for `leaseMs`, across every process sharing the
   * store. False while another holder's lease runs.
   */
  claimTokenRefresh(id: string, owner: string, leaseMs: number): Promise<boolean>;
  /**
   * Ends a refresh lease: stores the new credentials (atomically with the release), or marks the
   * connection `needs_reauth`, or just releases it (a failure worth retrying). Only the lease's holder may.
   */
  finishTokenRefresh(
    id: string,
    owner: string,
    outcome: { credentials: Record<string, string> } | { needsReauth: true } | { release: true },
  ): Promise<boolean>;
  /** Records what registering or checking the connection's provider webhook found. */
  setWebhookState(tenantId: string, id: string, change: WebhookStateChange): Promise<boolean>;
  /** Every connection whose webhook we registered or tried to (all tenants): what the repair sweep checks. */
  listWebhookRegistrations(): Promise<{ id: string; tenantId: string }[]>;
  /** Re-encrypts every secret not sealed with the active key; returns how many rows changed. */
  rotate(): Promise<number>;
}

/** What one provider call needs of a connection (the engine's ConnectionContext), its secrets opened. */
export function callContextOf(connection: Connection) {
  return {
    id: connection.id,
    tenantId: connection.tenantId,
    provider: connection.provider,
    settings: connection.settings,
    credentials: connection.credentials ?? {},
    authMethod: connection.authMethod,
  };
}
