import { sql, type Kysely, type Selectable } from 'kysely';
import type { CredentialCipher } from '../crypto/credential-cipher';
import type { Database } from '../db/schema';
import { isForeignKeyViolation, StoreNotFoundError } from '../errors';
import { nowIso } from '../ids';
import {
  CHUNK,
  newRowId,
  pendingDeliveryRow,
  withSubscriptionTables,
  type SubscriptionDatabase,
  type SubscriptionsTable,
} from '../migrations/0002-subscriptions';
import type { NewSubscription, Subscription, SubscriptionRepository, SubscriptionUpdate } from '../types';

/** Binds a secret blob to its subscription and slot, so a blob copied elsewhere will not open. */
export const subscriptionSecretAad = (id: string, slot: 'secret' | 'previous_secret') =>
  `subscription:${id}:${slot}`;

/**
 * For signing: the current secret, then the previous one while its rotation window lasts (at
 * `now`); none when they cannot be opened (no cipher, or a key missing from ENCRYPTION_KEYS).
 */
export function openSigningSecrets(
  cipher: CredentialCipher | undefined,
  row: { subscription_id: string; secret_enc: string; previous_secret_enc: string | null },
  now: string,
  previousUntil: string | null,
): string[] {
  if (!cipher) return [];
  try {
    const open = (blob: string, slot: 'secret' | 'previous_secret') =>
      cipher.decrypt(blob, subscriptionSecretAad(row.subscription_id, slot));
    const secrets = [open(row.secret_enc, 'secret')];
    if (row.previous_secret_enc !== null && previousUntil !== null && previousUntil > now) {
      secrets.push(open(row.previous_secret_enc, 'previous_secret'));
    }
    return secrets;
  } catch {
    return [];
  }
}

/** Secrets are never selected here; only the delivery repository decrypts them, to sign. */
const PUBLIC_COLUMNS = [
  'id',
  'tenant_id',
  'url',
  'event_types',
  'connection_id',
  'enabled',
  'description',
  'disabled_reason',
  'failing_since',
  'previous_secret_expires_at',
  'created_at',
  'updated_at',
] as const;

type PublicRow = Pick<Selectable<SubscriptionsTable>, (typeof PUBLIC_COLUMNS)[number]>;

/** Only the public columns, whatever the row holds: a sealed secret must never reach an API answer. */
function toSubscription(fullRow: PublicRow): Subscription {
  const row = Object.fromEntries(PUBLIC_COLUMNS.map((column) => [column, fullRow[column]])) as PublicRow;
  return {
    ...row,
    event_types: JSON.parse(row.event_types) as string[],
    enabled: Boolean(row.enabled),
    // Outside its window the previous secret no longer signs: do not advertise a stale expiry.
    previous_secret_expires_at:
      row.previous_secret_expires_at !== null && row.previous_secret_expires_at > nowIso()
        ? row.previous_secret_expires_at
        : null,
  };
}

export class SqlSubscriptionRepository implements SubscriptionRepository {
  private readonly db: Kysely<SubscriptionDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly cipherOrUndefined: CredentialCipher | undefined,
  ) {
    this.db = withSubscriptionTables(db);
  }

  async create(tenantId: string, input: NewSubscription): Promise<Subscription> {
    const id = newRowId('sub');
    const now = nowIso();
    const row: SubscriptionsTable = {
      id,
      tenant_id: tenantId,
      url: input.url,
      event_types: JSON.stringify(input.event_types),
      connection_id: input.connection_id ?? null,
      enabled: input.enabled === false ? 0 : 1,
      description: input.description ?? null,
      secret_enc: this.cipher().encrypt(input.secret, subscriptionSecretAad(id, 'secret')),
      previous_secret_enc: null,
      previous_secret_expires_at: null,
      disabled_reason: null,
      failing_since: null,
      created_at: now,
      updated_at: now,
    };
    await this.foreignKeysChecked(tenantId, input.connection_id, () =>
      this.db.insertInto('subscriptions').values(row).execute(),
    );
    return toSubscription(row);
  }

  async findForTenant(tenantId: string, id: string): Promise<Subscription | undefined> {
    const row = await this.db
      .selectFrom('subscriptions')
      .select(PUBLIC_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toSubscription(row);
  }

  async listForTenant(tenantId: string): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .select(PUBLIC_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSubscription);
  }

  async update(tenantId: string, id: string, changes: SubscriptionUpdate): Promise<Subscription | undefined> {
    const set: Partial<SubscriptionsTable> = { updated_at: nowIso() };
    if (changes.url !== undefined) set.url = changes.url;
    if (changes.event_types !== undefined) set.event_types = JSON.stringify(changes.event_types);
    if (changes.connection_id !== undefined) set.connection_id = changes.connection_id;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.enabled !== undefined) {
      set.enabled = changes.enabled ? 1 : 0;
      // Re-enabled by the tenant: a fresh start, the old failures no longer count.
      if (changes.enabled) Object.assign(set, { disabled_reason: null, failing_since: null });
    }
    // One statement scoped by tenant: another tenant's id simply matches no row.
    const row = await this.foreignKeysChecked(tenantId, changes.connection_id, () =>
      this.db
        .updateTable('subscriptions')
        .set(set)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning(PUBLIC_COLUMNS)
        .executeTakeFirst(),
    );
    if (row && changes.enabled === false) await this.cancelPending(id, 'subscription disabled');
    return row && toSubscription(row);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    // Its deliveries and attempts go with it (ON DELETE CASCADE).
    const result = await this.db
      .deleteFrom('subscriptions')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async rotateSecret(
    tenantId: string,
    id: string,
    secret: string,
    previousUntil: Date,
  ): Promise<Subscription | undefined> {
    const cipher = this.cipher();
    // Compare-and-set on the current blob: of two concurrent rotations one wins, the other re-reads.
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.db
        .selectFrom('subscriptions')
        .select('secret_enc')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) return undefined;
      // The secret moves to the other slot, whose AAD differs: re-seal rather than copy the blob.
      // A rotation inside the window drops the oldest secret: at most two ever sign.
      const previous = cipher.decrypt(current.secret_enc, subscriptionSecretAad(id, 'secret'));
      const row = await this.db
        .updateTable('subscriptions')
        .set({
          secret_enc: cipher.encrypt(secret, subscriptionSecretAad(id, 'secret')),
          previous_secret_enc: cipher.encrypt(previous, subscriptionSecretAad(id, 'previous_secret')),
          previous_secret_expires_at: previousUntil.toISOString(),
          updated_at: nowIso(),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('secret_enc', '=', current.secret_enc)
        .returning(PUBLIC_COLUMNS)
        .executeTakeFirst();
      if (row) return toSubscription(row);
    }
    throw new Error(`subscription ${id}: concurrent secret rotations kept conflicting`);
  }

  async trackFailure(id: string, at: Date | null): Promise<string | null> {
    // One statement: a failure starts the clock unless it runs already; a success (null) stops it.
    const since = at === null ? null : sql<string>`coalesce(failing_since, ${at.toISOString()})`;
    const row = await this.db
      .updateTable('subscriptions')
      .set({ failing_since: since })
      .where('id', '=', id)
      .returning('failing_since')
      .executeTakeFirst();
    return row?.failing_since ?? null;
  }

  async disable(id: string, reason: string): Promise<boolean> {
    const result = await this.db
      .updateTable('subscriptions')
      .set({ enabled: 0, disabled_reason: reason, updated_at: nowIso() })
      .where('id', '=', id)
      .where('enabled', '=', 1)
      .executeTakeFirst();
    const disabled = Number(result.numUpdatedRows) > 0;
    if (disabled) await this.cancelPending(id, `subscription disabled: ${reason}`);
    return disabled;
  }

  async requeue(tenantId: string, id: string, eventIds: readonly string[], at: Date): Promise<number> {
    const now = nowIso();
    let count = 0;
    for (let i = 0; i < eventIds.length; i += CHUNK) {
      const rows = eventIds.slice(i, i + CHUNK).map((e) => pendingDeliveryRow(id, tenantId, e, at, now));
      const reset = {
        status: 'pending',
        attempts: 0,
        next_attempt_at: at.toISOString(),
        updated_at: now,
      } as const;
      const touched = await this.db
        .insertInto('subscription_deliveries')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['subscription_id', 'event_id'])
            .doUpdateSet({ ...reset, last_error: null })
            // A delivery in flight right now is left to finish rather than sent twice at once.
            .where((eb) =>
              eb.or([
                eb('subscription_deliveries.lease_until', 'is', null),
                eb('subscription_deliveries.lease_until', '<=', now),
              ]),
            ),
        )
        .returning('id')
        .execute();
      count += touched.length;
    }
    return count;
  }

  /** A disabled subscription sends nothing: what waited is failed (replay brings it back). */
  private async cancelPending(id: string, reason: string): Promise<void> {
    await this.db
      .updateTable('subscription_deliveries')
      .set({
        status: 'failed',
        last_error: reason,
        lease_owner: null,
        lease_until: null,
        updated_at: nowIso(),
      })
      .where('subscription_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  /** The composite foreign key refuses a connection of another tenant; say which one. */
  private async foreignKeysChecked<T>(
    tenantId: string,
    connectionId: string | null | undefined,
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      throw connectionId
        ? new StoreNotFoundError('connection', connectionId)
        : new StoreNotFoundError('tenant', tenantId);
    }
  }

  private cipher(): CredentialCipher {
    if (!this.cipherOrUndefined) {
      throw new Error('store: no credential cipher configured — subscription secrets cannot be sealed');
    }
    return this.cipherOrUndefined;
  }
}
