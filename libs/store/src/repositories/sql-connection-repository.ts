import type { Kysely, Selectable } from 'kysely';
import {
  CONNECTION_AUTH_METHODS,
  type Connection,
  type ConnectionAuthMethod,
  type ConnectionUpdate,
  type NewConnection,
  type StoredConnection,
  type TenantConnectionRepository,
  type WebhookStateChange,
} from '../connections/connection';
import type { CredentialCipher } from '../crypto/credential-cipher';
import type { ConnectionsTable, Database } from '../db/schema';
import { isForeignKeyViolation, StoreNotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import { purgeConnectionData } from './stored-data-repository';

// Secrets are selected only by findById and rotate; everything the API sees comes from these.
const PUBLIC_COLUMNS = [
  'id',
  'tenant_id',
  'provider',
  'name',
  'external_id',
  'auth_method',
  'auth_status',
  'webhook_hook_id',
  'webhook_state',
  'webhook_checked_at',
  'webhook_error',
  'settings',
  'created_at',
  'updated_at',
] as const;
const ROTATE_BATCH = 200;

type PublicRow = Pick<Selectable<ConnectionsTable>, (typeof PUBLIC_COLUMNS)[number]> & {
  has_webhook_secret: number | boolean;
};

/** Binds each blob to its row and field, so ciphertext moved to another row will not open. */
const aad = (connectionId: string, field: 'credentials' | 'webhook_secret') =>
  `connection:${connectionId}:${field}`;

const WEBHOOK_STATES = ['registered', 'missing', 'failed'] as const;

// `credentials`, the default, is stored as null (rows from before auth methods existed).
const authMethodOf = (stored: string | null): ConnectionAuthMethod =>
  CONNECTION_AUTH_METHODS.find((method) => method === stored) ?? 'credentials';
const storedAuthMethod = (method: ConnectionAuthMethod | undefined) =>
  method === undefined || method === 'credentials' ? null : method;

function toStored(row: PublicRow): StoredConnection {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    provider: row.provider,
    name: row.name,
    external_id: row.external_id,
    auth_method: authMethodOf(row.auth_method),
    auth_status: row.auth_status === 'needs_reauth' ? 'needs_reauth' : 'ok',
    webhook_status: {
      state: WEBHOOK_STATES.find((state) => state === row.webhook_state) ?? 'none',
      hook_id: row.webhook_hook_id,
      checked_at: row.webhook_checked_at,
      error: row.webhook_error,
    },
    settings: JSON.parse(row.settings) as Record<string, string>,
    created_at: row.created_at,
    updated_at: row.updated_at,
    // A boolean on PostgreSQL, 0/1 on SQLite.
    has_webhook_secret: Boolean(row.has_webhook_secret),
  };
}

export class SqlConnectionRepository implements TenantConnectionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipherOrUndefined: CredentialCipher | undefined,
  ) {}

  async create(tenantId: string, input: NewConnection): Promise<StoredConnection> {
    const cipher = this.cipher();
    const id = newId('con');
    const now = nowIso();
    try {
      await this.db
        .insertInto('connections')
        .values({
          id,
          tenant_id: tenantId,
          provider: input.provider,
          name: input.name ?? null,
          external_id: input.externalId ?? null,
          auth_method: storedAuthMethod(input.authMethod),
          settings: JSON.stringify(input.settings),
          credentials_enc: cipher.encrypt(JSON.stringify(input.credentials), aad(id, 'credentials')),
          webhook_secret_enc:
            input.webhookSecret === undefined
              ? null
              : cipher.encrypt(input.webhookSecret, aad(id, 'webhook_secret')),
          created_at: now,
          updated_at: now,
        })
        .execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new StoreNotFoundError('tenant', tenantId);
      throw error;
    }
    return {
      id,
      tenant_id: tenantId,
      provider: input.provider,
      name: input.name ?? null,
      external_id: input.externalId ?? null,
      auth_method: input.authMethod ?? 'credentials',
      auth_status: 'ok',
      webhook_status: { state: 'none', hook_id: null, checked_at: null, error: null },
      settings: { ...input.settings },
      created_at: now,
      updated_at: now,
      has_webhook_secret: input.webhookSecret !== undefined,
    };
  }

  async findForTenant(tenantId: string, id: string): Promise<StoredConnection | undefined> {
    const row = await this.publicQuery()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toStored(row);
  }

  async listForTenant(tenantId: string): Promise<StoredConnection[]> {
    const rows = await this.publicQuery()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toStored);
  }

  async update(
    tenantId: string,
    id: string,
    changes: ConnectionUpdate,
  ): Promise<StoredConnection | undefined> {
    const set: Partial<ConnectionsTable> = { updated_at: nowIso() };
    if (changes.settings !== undefined) set.settings = JSON.stringify(changes.settings);
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.externalId !== undefined) set.external_id = changes.externalId;
    if (changes.authMethod !== undefined) set.auth_method = storedAuthMethod(changes.authMethod);
    if (changes.credentials !== undefined) {
      // New credentials are a re-authorisation: whatever was refused before no longer holds.
      set.auth_status = null;
      set.credentials_enc = this.cipher().encrypt(
        JSON.stringify(changes.credentials),
        aad(id, 'credentials'),
      );
    }
    if (changes.webhookSecret !== undefined) {
      set.webhook_secret_enc =
        changes.webhookSecret === null
          ? null
          : this.cipher().encrypt(changes.webhookSecret, aad(id, 'webhook_secret'));
    }
    // One statement scoped by tenant: another tenant's id simply matches no row.
    const row = await this.db
      .updateTable('connections')
      .set(set)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returning(PUBLIC_COLUMNS)
      .returning((eb) => eb('webhook_secret_enc', 'is not', null).as('has_webhook_secret'))
      .executeTakeFirst();
    return row && toStored(row);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    // What is kept of its tickets goes in the same transaction (docs/operations/data.md); its
    // overrides and subscriptions go with it by ON DELETE CASCADE.
    return this.db.transaction().execute(async (trx) => {
      await purgeConnectionData(trx, tenantId, id);
      const result = await trx
        .deleteFrom('connections')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async findById(id: string): Promise<Connection | undefined> {
    const row = await this.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.withSecrets(row);
  }

  async findWithSecretsForTenant(tenantId: string, id: string): Promise<Connection | undefined> {
    const row = await this.db
      .selectFrom('connections')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && this.withSecrets(row);
  }

  private withSecrets(row: Selectable<ConnectionsTable>): Connection {
    const cipher = this.cipher();
    return {
      id: row.id,
      tenantId: row.tenant_id,
      provider: row.provider,
      settings: JSON.parse(row.settings) as Record<string, string>,
      credentials: JSON.parse(cipher.decrypt(row.credentials_enc, aad(row.id, 'credentials'))) as Record<
        string,
        string
      >,
      webhookSecret:
        row.webhook_secret_enc === null
          ? undefined
          : cipher.decrypt(row.webhook_secret_enc, aad(row.id, 'webhook_secret')),
      authMethod: authMethodOf(row.auth_method),
      authStatus: row.auth_status === 'needs_reauth' ? 'needs_reauth' : 'ok',
    };
  }

  async setWebhookState(tenantId: string, id: string, change: WebhookStateChange): Promise<boolean> {
    const set: Partial<ConnectionsTable> = {
      webhook_state: change.state === 'none' ? null : change.state,
      webhook_checked_at: nowIso(),
      webhook_error: change.error ?? null,
    };
    if (change.hookId !== undefined) set.webhook_hook_id = change.hookId;
    if (change.secret !== undefined)
      set.webhook_secret_enc = this.cipher().encrypt(change.secret, aad(id, 'webhook_secret'));
    const result = await this.db
      .updateTable('connections')
      .set(set)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async listWebhookRegistrations(): Promise<{ id: string; tenantId: string }[]> {
    const rows = await this.db
      .selectFrom('connections')
      .select(['id', 'tenant_id'])
      .where('webhook_state', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id }));
  }

  async claimTokenRefresh(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const now = new Date();
    const result = await this.db
      .updateTable('connections')
      .set({
        refresh_lease_owner: owner,
        refresh_lease_until: new Date(now.getTime() + leaseMs).toISOString(),
      })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now.toISOString())]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async finishTokenRefresh(
    id: string,
    owner: string,
    outcome: { credentials: Record<string, string> } | { needsReauth: true } | { release: true },
  ): Promise<boolean> {
    const set: Partial<ConnectionsTable> = { refresh_lease_owner: null, refresh_lease_until: null };
    if ('credentials' in outcome) {
      set.credentials_enc = this.cipher().encrypt(
        JSON.stringify(outcome.credentials),
        aad(id, 'credentials'),
      );
      set.auth_status = null;
      set.updated_at = nowIso();
    }
    if ('needsReauth' in outcome) {
      set.auth_status = 'needs_reauth';
      set.updated_at = nowIso();
    }
    const result = await this.db
      .updateTable('connections')
      .set(set)
      .where('id', '=', id)
      .where('refresh_lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async rotate(): Promise<number> {
    const cipher = this.cipher();
    let rotated = 0;
    let after = '';
    // Keyset pagination by id keeps memory flat however many connections there are.
    for (;;) {
      const rows = await this.db
        .selectFrom('connections')
        .select(['id', 'credentials_enc', 'webhook_secret_enc'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(ROTATE_BATCH)
        .execute();
      if (rows.length === 0) return rotated;
      for (const row of rows) {
        const stale =
          cipher.needsRotation(row.credentials_enc) ||
          (row.webhook_secret_enc !== null && cipher.needsRotation(row.webhook_secret_enc));
        if (!stale) continue;
        const result = await this.db
          .updateTable('connections')
          .set({
            credentials_enc: cipher.rotate(row.credentials_enc, aad(row.id, 'credentials')),
            webhook_secret_enc:
              row.webhook_secret_enc === null
                ? null
                : cipher.rotate(row.webhook_secret_enc, aad(row.id, 'webhook_secret')),
          })
          .where('id', '=', row.id)
          // Compare-and-set: a concurrent update already wrote fresh blobs; leave those alone.
          .where('credentials_enc', '=', row.credentials_enc)
          .where((eb) =>
            row.webhook_secret_enc === null
              ? eb('webhook_secret_enc', 'is', null)
              : eb('webhook_secret_enc', '=', row.webhook_secret_enc),
          )
          .executeTakeFirst();
        rotated += Number(result.numUpdatedRows);
      }
      after = rows[rows.length - 1].id;
    }
  }

  private publicQuery() {
    return this.db
      .selectFrom('connections')
      .select(PUBLIC_COLUMNS)
      .select((eb) => eb('webhook_secret_enc', 'is not', null).as('has_webhook_secret'));
  }

  private cipher(): CredentialCipher {
    if (!this.cipherOrUndefined) {
      throw new Error(
        'store: no credential cipher configured (set the encryption keys) — connection secrets cannot be read or written',
      );
    }
    return this.cipherOrUndefined;
  }
}
