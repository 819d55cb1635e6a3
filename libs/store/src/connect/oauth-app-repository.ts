import type { Kysely } from 'kysely';
import type { CredentialCipher } from '../crypto/credential-cipher';
import type { Database } from '../db/schema';
import { isForeignKeyViolation, StoreNotFoundError } from '../errors';
import { nowIso } from '../ids';

/** A tenant's OAuth app at one provider, as the API may show it: never the client secret. */
export interface OAuthAppView {
  provider: string;
  client_id: string;
  created_at: string;
  updated_at: string;
}

export interface OAuthAppCredentials {
  clientId: string;
  clientSecret: string;
}

/** Each tenant's own OAuth apps (client id and sealed secret), one per provider. */
export interface OAuthAppRepository {
  put(tenantId: string, provider: string, app: OAuthAppCredentials): Promise<OAuthAppView>;
  list(tenantId: string): Promise<OAuthAppView[]>;
  /** The app with its secret opened, for one token request. */
  find(tenantId: string, provider: string): Promise<OAuthAppCredentials | undefined>;
  delete(tenantId: string, provider: string): Promise<boolean>;
}

const secretAad = (tenantId: string, provider: string) => `oauth_app:${tenantId}:${provider}:client_secret`;

export class SqlOAuthAppRepository implements OAuthAppRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipherOrUndefined: CredentialCipher | undefined,
  ) {}

  async put(tenantId: string, provider: string, app: OAuthAppCredentials): Promise<OAuthAppView> {
    const now = nowIso();
    const secret = this.cipher().encrypt(app.clientSecret, secretAad(tenantId, provider));
    try {
      await this.db
        .insertInto('oauth_apps')
        .values({
          tenant_id: tenantId,
          provider,
          client_id: app.clientId,
          client_secret_enc: secret,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'provider']).doUpdateSet({
            client_id: app.clientId,
            client_secret_enc: secret,
            updated_at: now,
          }),
        )
        .execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new StoreNotFoundError('tenant', tenantId);
      throw error;
    }
    return (await this.list(tenantId)).find((a) => a.provider === provider)!;
  }

  async list(tenantId: string): Promise<OAuthAppView[]> {
    return this.db
      .selectFrom('oauth_apps')
      .select(['provider', 'client_id', 'created_at', 'updated_at'])
      .where('tenant_id', '=', tenantId)
      .orderBy('provider')
      .execute();
  }

  async find(tenantId: string, provider: string): Promise<OAuthAppCredentials | undefined> {
    const row = await this.db
      .selectFrom('oauth_apps')
      .select(['client_id', 'client_secret_enc'])
      .where('tenant_id', '=', tenantId)
      .where('provider', '=', provider)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      clientId: row.client_id,
      clientSecret: this.cipher().decrypt(row.client_secret_enc, secretAad(tenantId, provider)),
    };
  }

  async delete(tenantId: string, provider: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('oauth_apps')
      .where('tenant_id', '=', tenantId)
      .where('provider', '=', provider)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  private cipher(): CredentialCipher {
    if (!this.cipherOrUndefined)
      throw new Error(
        'store: no credential cipher configured — OAuth client secrets cannot be sealed or opened',
      );
    return this.cipherOrUndefined;
  }
}
