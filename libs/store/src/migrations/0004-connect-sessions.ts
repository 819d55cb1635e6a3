import { type Kysely, type Migration } from 'kysely';

/**
 * Hosted connect: sessions our users open for their end users (single use, 30 minutes, only the token's
 * hash is kept), each tenant's allowlist of redirect origins and OAuth apps (client secrets sealed), and on
 * connections the end user's own id and how the connection authenticates.
 */
export const connectSessionsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('connect_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('providers', 'text', (c) => c.notNull()) // JSON array
      .addColumn('external_id', 'text')
      .addColumn('redirect_url', 'text')
      .addColumn('connection_id', 'text') // re-authorising an existing connection
      .addColumn('settings', 'text', (c) => c.notNull()) // JSON: provider → preset settings
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('result_connection_id', 'text')
      // An OAuth round trip in progress: its state (hashed, single use), the browser that started it
      // (hashed cookie nonce), the provider, the settings given before the redirect, the sealed PKCE verifier.
      .addColumn('oauth_state_hash', 'text', (c) => c.unique())
      .addColumn('oauth_browser_hash', 'text')
      .addColumn('oauth_provider', 'text')
      .addColumn('oauth_settings', 'text')
      .addColumn('oauth_verifier_enc', 'text')
      .execute();
    await db.schema
      .createIndex('connect_sessions_tenant_idx')
      .on('connect_sessions')
      .column('tenant_id')
      .execute();
    await db.schema
      .createTable('connect_settings')
      .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
      .addColumn('allowed_redirect_origins', 'text', (c) => c.notNull()) // JSON array
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('connections').addColumn('external_id', 'text').execute();
    await db.schema.alterTable('connections').addColumn('auth_method', 'text').execute();
    // Token lifecycle: `needs_reauth` once a refresh is refused; one refresher at a time across processes.
    await db.schema.alterTable('connections').addColumn('auth_status', 'text').execute();
    await db.schema.alterTable('connections').addColumn('refresh_lease_owner', 'text').execute();
    await db.schema.alterTable('connections').addColumn('refresh_lease_until', 'text').execute();
    // The provider webhook registered for the connection: its id there, and how it fared when last checked.
    for (const column of ['webhook_hook_id', 'webhook_state', 'webhook_checked_at', 'webhook_error'])
      await db.schema.alterTable('connections').addColumn(column, 'text').execute();
    await db.schema
      .createTable('oauth_apps')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('client_secret_enc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('oauth_apps_pk', ['tenant_id', 'provider'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('oauth_apps').execute();
    for (const column of [
      'webhook_error',
      'webhook_checked_at',
      'webhook_state',
      'webhook_hook_id',
      'refresh_lease_until',
      'refresh_lease_owner',
      'auth_status',
      'auth_method',
    ])
      await db.schema.alterTable('connections').dropColumn(column).execute();
    await db.schema.alterTable('connections').dropColumn('external_id').execute();
    await db.schema.dropTable('connect_settings').execute();
    await db.schema.dropTable('connect_sessions').execute();
  },
};
