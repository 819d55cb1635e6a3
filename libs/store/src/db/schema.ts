import type { Generated } from 'kysely';

/**
 * Row shapes as both engines return them. Timestamps are ISO-8601 UTC strings (always
 * `toISOString()`, so fixed width): they compare correctly as text on SQLite and PostgreSQL
 * alike, which keeps every query dialect-neutral.
 */
export interface TenantsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  /** Non-secret part of the key, unique, used to find the row before comparing hashes. */
  prefix: string;
  /** Hex sha256 of the whole secret; the secret itself is never stored. */
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ConnectionsTable {
  id: string;
  tenant_id: string;
  provider: string;
  name: string | null;
  /** JSON object of non-secret settings. */
  settings: string;
  /** CredentialCipher blob of the JSON credentials object. */
  credentials_enc: string;
  webhook_secret_enc: string | null;
  created_at: string;
  updated_at: string;
  /** Our user's own id for the end user who connected (0004). */
  external_id: string | null;
  /** NULL: the definition's credential form; `oauth2` (0004). */
  auth_method: string | null;
  /** NULL (fine) or `needs_reauth` (0004). */
  auth_status: string | null;
  refresh_lease_owner: string | null;
  refresh_lease_until: string | null;
  webhook_hook_id: string | null;
  /** registered | missing | failed (0004); NULL: none registered by us. */
  webhook_state: string | null;
  webhook_checked_at: string | null;
  webhook_error: string | null;
}

export interface OAuthAppsTable {
  tenant_id: string;
  provider: string;
  client_id: string;
  client_secret_enc: string;
  created_at: string;
  updated_at: string;
}

export interface ConnectSessionsTable {
  id: string;
  tenant_id: string;
  /** Hex sha256 of the session token; the token itself is never stored. */
  token_hash: string;
  providers: string;
  external_id: string | null;
  redirect_url: string | null;
  connection_id: string | null;
  settings: string;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
  result_connection_id: string | null;
  oauth_state_hash: string | null;
  oauth_browser_hash: string | null;
  oauth_provider: string | null;
  oauth_settings: string | null;
  oauth_verifier_enc: string | null;
}

export interface ConnectSettingsTable {
  tenant_id: string;
  allowed_redirect_origins: string;
  updated_at: string;
}

export interface MappingOverridesTable {
  tenant_id: string;
  /** NULL for a tenant-wide override; uniqueness is enforced by two partial indexes. */
  connection_id: string | null;
  key: string;
  expression: string;
  created_at: string;
  updated_at: string;
  /** Failures since the expression was last saved (0003). */
  failure_count: Generated<number>;
  last_failed_at: string | null;
  last_failure: string | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  request_hash: string;
  /** NULL while the first request is still being processed. */
  status: number | null;
  /** JSON of the response body once completed, sealed with the key ring (0005). */
  body: string | null;
  created_at: string;
  completed_at: string | null;
  /** The connection the request named, so deleting it deletes this record (0005; NULL before). */
  connection_id: string | null;
}

export interface WebhookDeliveriesTable {
  connection_id: string;
  delivery_id: string;
  seen_at: string;
}

export interface Database {
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  connections: ConnectionsTable;
  mapping_overrides: MappingOverridesTable;
  idempotency_keys: IdempotencyKeysTable;
  webhook_deliveries: WebhookDeliveriesTable;
  connect_sessions: ConnectSessionsTable;
  connect_settings: ConnectSettingsTable;
  oauth_apps: OAuthAppsTable;
  poll_states: PollStatesTable;
  published_versions: PublishedVersionsTable;
  sync_jobs: SyncJobsTable;
  sync_job_resources: SyncJobResourcesTable;
}

/** Polling (0006): one row per connection × resource (docs/polling.md). */
export interface PollStatesTable {
  connection_id: string;
  resource: string;
  watermark: string | null;
  /** 0/1: the first listing recorded every record's hash. */
  baseline_done: number;
  next_due_at: string;
  reconciled_at: string | null;
  interval_seconds: number | null;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  updated_at: string;
}

/** What was last published per record (0006): ids and content hashes only. */
export interface PublishedVersionsTable {
  connection_id: string;
  resource: string;
  remote_id: string;
  parent_id: string | null;
  content_hash: string;
  updated_at: string;
}

/** Snapshot jobs (0007, docs/snapshots.md). */
export interface SyncJobsTable {
  id: string;
  tenant_id: string;
  connection_id: string;
  provider: string;
  state: string;
  since: string | null;
  /** 0/1: cancel asked while running; the runner stops after the page it is on. */
  cancel_requested: number;
  runs: number;
  lease_owner: string | null;
  lease_until: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** One resource of a snapshot job (0007): its page cursor and counts, no record. */
export interface SyncJobResourcesTable {
  job_id: string;
  resource: string;
  position: number;
  state: string;
  cursor: string | null;
  pages: number;
  records: number;
  rate_limit_waits: number;
  rate_limit_wait_ms: number;
  errors: number;
  last_error: string | null;
  started_at: string | null;
  finished_at: string | null;
}
