import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isForeignKeyViolation, StoreNotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import type { ApiKey, ApiKeyRepository, IssuedApiKey } from '../types';

// 6 bytes of prefix: enough to make collisions rare (they are retried), short enough to display.
const SECRET_FORMAT = /^utk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const PUBLIC_COLUMNS = ['id', 'tenant_id', 'name', 'prefix', 'created_at'] as const;

/**
 * API keys are 32 random bytes, so a fast unsalted sha256 is enough: there is no dictionary to
 * attack, and it lets authentication stay one indexed lookup plus one hash.
 */
function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export class SqlApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async issue(tenantId: string, input: { name: string }): Promise<IssuedApiKey> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const prefix = randomBytes(6).toString('hex');
      const secret = `utk_${prefix}_${randomBytes(32).toString('base64url')}`;
      const apiKey: ApiKey = {
        id: newId('key'),
        tenant_id: tenantId,
        name: input.name,
        prefix,
        created_at: nowIso(),
      };
      let inserted: { id: string } | undefined;
      try {
        // The unique prefix index decides; a collision inserts nothing and we draw again.
        inserted = await this.db
          .insertInto('api_keys')
          .values({ ...apiKey, secret_hash: hashSecret(secret), revoked_at: null })
          .onConflict((oc) => oc.column('prefix').doNothing())
          .returning('id')
          .executeTakeFirst();
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError('tenant', tenantId);
        throw error;
      }
      if (inserted) return { apiKey, secret };
    }
    throw new Error('could not draw a unique API key prefix');
  }

  async authenticate(secret: string): Promise<{ tenantId: string; keyId: string } | undefined> {
    const match = SECRET_FORMAT.exec(secret);
    if (!match) return undefined;
    const row = await this.db
      .selectFrom('api_keys')
      .select(['id', 'tenant_id', 'secret_hash'])
      .where('prefix', '=', match[1])
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const expected = Buffer.from(row.secret_hash, 'hex');
    const actual = Buffer.from(hashSecret(secret), 'hex');
    // Constant time, so response timing reveals nothing about how much of the hash matched.
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    return { tenantId: row.tenant_id, keyId: row.id };
  }

  async revoke(tenantId: string, keyId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: nowIso() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', keyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async list(tenantId: string): Promise<ApiKey[]> {
    return this.db
      .selectFrom('api_keys')
      .select(PUBLIC_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}
