import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CredentialCipher } from '../crypto/credential-cipher';
import type { ConnectSessionsTable, Database } from '../db/schema';
import { isForeignKeyViolation, StoreNotFoundError } from '../errors';
import { nowIso } from '../ids';

/** A connect session as the gateway uses it; the token is only ever returned by `open`. */
export interface ConnectSession {
  id: string;
  tenant_id: string;
  /** Providers the end user may choose from. */
  providers: string[];
  external_id: string | null;
  redirect_url: string | null;
  /** Set when the session re-authorises this existing connection. */
  connection_id: string | null;
  /** Provider → settings our user fixed for it (the end user is not asked for those). */
  settings: Record<string, Record<string, string>>;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
  result_connection_id: string | null;
}

export type NewConnectSession = Pick<
  ConnectSession,
  'providers' | 'external_id' | 'redirect_url' | 'connection_id' | 'settings'
> & { ttlMs: number };

export interface ConnectSessionRepository {
  /** Stores a session and returns it with its token (shown once; only its hash is kept). */
  open(tenantId: string, input: NewConnectSession): Promise<{ session: ConnectSession; token: string }>;
  /** The session a token names, whatever its state (expired and completed ones too); undefined if none. */
  findByToken(token: string): Promise<ConnectSession | undefined>;
  /**
   * Marks the session used by the connection it produced. False when it was already used or has expired
   * meanwhile: one statement, so two submissions racing each other cannot both complete it.
   */
  complete(id: string, connectionId: string): Promise<boolean>;
  /** Records an OAuth round trip the end user starts; a second one replaces it. */
  beginOAuth(id: string, flow: OAuthFlowStart): Promise<void>;
  /**
   * The round trip a callback's state names, taken once: the state is cleared in the same statement, so a
   * replayed callback finds nothing. Undefined when no session has that state.
   */
  takeOAuthState(state: string): Promise<OAuthFlow | undefined>;
  allowedRedirectOrigins(tenantId: string): Promise<string[]>;
  setAllowedRedirectOrigins(tenantId: string, origins: string[]): Promise<string[]>;
}

export interface OAuthFlowStart {
  state: string;
  /** The random value of the cookie set in the browser that starts the round trip. */
  browserNonce: string;
  provider: string;
  settings: Record<string, string>;
  codeVerifier: string;
}

export interface OAuthFlow {
  session: ConnectSession;
  browserHash: string;
  provider: string;
  settings: Record<string, string>;
  codeVerifier: string;
}

export const hashConnectToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function toSession(row: Selectable<ConnectSessionsTable>): ConnectSession {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    providers: JSON.parse(row.providers) as string[],
    external_id: row.external_id,
    redirect_url: row.redirect_url,
    connection_id: row.connection_id,
    settings: JSON.parse(row.settings) as Record<string, Record<string, string>>,
    created_at: row.created_at,
    expires_at: row.expires_at,
    completed_at: row.completed_at,
    result_connection_id: row.result_connection_id,
  };
}

const verifierAad = (sessionId: string) => `connect_session:${sessionId}:oauth_verifier`;

export class SqlConnectSessionRepository implements ConnectSessionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: CredentialCipher | undefined,
  ) {}

  async beginOAuth(id: string, flow: OAuthFlowStart): Promise<void> {
    if (!this.cipher)
      throw new Error('store: no credential cipher configured — OAuth verifiers cannot be sealed');
    await this.db
      .updateTable('connect_sessions')
      .set({
        oauth_state_hash: hashConnectToken(flow.state),
        oauth_browser_hash: hashConnectToken(flow.browserNonce),
        oauth_provider: flow.provider,
        oauth_settings: JSON.stringify(flow.settings),
        oauth_verifier_enc: this.cipher.encrypt(flow.codeVerifier, verifierAad(id)),
      })
      .where('id', '=', id)
      .execute();
  }

  async takeOAuthState(state: string): Promise<OAuthFlow | undefined> {
    const row = await this.db
      .updateTable('connect_sessions')
      .set({ oauth_state_hash: null })
      .where('oauth_state_hash', '=', hashConnectToken(state))
      .returningAll()
      .executeTakeFirst();
    if (!row || !row.oauth_provider || !row.oauth_verifier_enc || !row.oauth_browser_hash) return undefined;
    if (!this.cipher)
      throw new Error('store: no credential cipher configured — OAuth verifiers cannot be opened');
    return {
      session: toSession(row),
      browserHash: row.oauth_browser_hash,
      provider: row.oauth_provider,
      settings: JSON.parse(row.oauth_settings ?? '{}') as Record<string, string>,
      codeVerifier: this.cipher.decrypt(row.oauth_verifier_enc, verifierAad(row.id)),
    };
  }

  async open(tenantId: string, input: NewConnectSession) {
    const token = `cst_${randomBytes(32).toString('base64url')}`;
    const now = new Date();
    const row: Selectable<ConnectSessionsTable> = {
      id: `cse_${randomBytes(12).toString('hex')}`,
      tenant_id: tenantId,
      token_hash: hashConnectToken(token),
      providers: JSON.stringify(input.providers),
      external_id: input.external_id,
      redirect_url: input.redirect_url,
      connection_id: input.connection_id,
      settings: JSON.stringify(input.settings),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.ttlMs).toISOString(),
      completed_at: null,
      result_connection_id: null,
      oauth_state_hash: null,
      oauth_browser_hash: null,
      oauth_provider: null,
      oauth_settings: null,
      oauth_verifier_enc: null,
    };
    try {
      await this.db.insertInto('connect_sessions').values(row).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new StoreNotFoundError('tenant', tenantId);
      throw error;
    }
    return { session: toSession(row), token };
  }

  async findByToken(token: string): Promise<ConnectSession | undefined> {
    const row = await this.db
      .selectFrom('connect_sessions')
      .selectAll()
      .where('token_hash', '=', hashConnectToken(token))
      .executeTakeFirst();
    return row && toSession(row);
  }

  async complete(id: string, connectionId: string): Promise<boolean> {
    const now = nowIso();
    const result = await this.db
      .updateTable('connect_sessions')
      .set({ completed_at: now, result_connection_id: connectionId })
      .where('id', '=', id)
      .where('completed_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async allowedRedirectOrigins(tenantId: string): Promise<string[]> {
    const row = await this.db
      .selectFrom('connect_settings')
      .select('allowed_redirect_origins')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row ? (JSON.parse(row.allowed_redirect_origins) as string[]) : [];
  }

  async setAllowedRedirectOrigins(tenantId: string, origins: string[]): Promise<string[]> {
    const values = { allowed_redirect_origins: JSON.stringify(origins), updated_at: nowIso() };
    try {
      await this.db
        .insertInto('connect_settings')
        .values({ tenant_id: tenantId, ...values })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
        .execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new StoreNotFoundError('tenant', tenantId);
      throw error;
    }
    return origins;
  }
}
