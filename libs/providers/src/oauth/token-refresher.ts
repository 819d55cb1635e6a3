import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionContext } from '../engine/connection-context';
import { ProviderError, ProviderUnavailableError } from '../engine/errors';
import { ExpressionCache } from '../engine/expression-cache';
import type { ProviderRegistry } from '../registry';
import { AppInstallationRefused, AppInstallationTokenMinter } from './app-installation-token';

/** What refreshing needs from the store, shared by every process (gateway workers, normalizer …). */
export interface TokenLeaseStore {
  claim(connectionId: string, owner: string, leaseMs: number): Promise<boolean>;
  finish(
    connectionId: string,
    owner: string,
    outcome: { credentials: Record<string, string> } | { needsReauth: true } | { release: true },
  ): Promise<boolean>;
  /** The connection's stored credentials and status right now. */
  read(
    connectionId: string,
  ): Promise<{ credentials: Record<string, string>; needsReauth: boolean } | undefined>;
  oauthApp(
    tenantId: string,
    provider: string,
  ): Promise<{ clientId: string; clientSecret: string } | undefined>;
}

/** Where the engine gets a connection's current tokens (a seam; absent: the connection's own credentials). */
export interface TokenSource {
  /** The connection with tokens that are not about to expire (refreshed first when they are). */
  current(connection: ConnectionContext): Promise<ConnectionContext>;
  /** The provider refused the connection's access token: the connection with fresh ones, or undefined. */
  afterRejected(connection: ConnectionContext): Promise<ConnectionContext | undefined>;
}

/**
 * The provider refused to refresh (`invalid_grant`) or to mint an app installation token (the app was
 * uninstalled, its key revoked): only the end user can fix it, by connecting again.
 */
export class NeedsReauthError extends ProviderError {
  constructor(
    readonly connectionId: string,
    provider: string,
  ) {
    super(
      `connection ${connectionId} needs re-authorisation: ${provider} refused to refresh its tokens`,
      401,
      {
        reason: 'needs_reauth',
      },
    );
  }
}

export interface TokenRefresherOptions {
  /** Refresh this long before expiry (default 60 s). */
  skewMs?: number;
  /** How long one refresher holds the lease (default 15 s). */
  leaseMs?: number;
  timeoutMs?: number;
  /**
   * Told once per refusal, by the process whose refresh the provider refused (the lease holder): e.g. to
   * publish `ticketing.connection.needs_reauth`. Its failure is the caller's to log; the refusal stands.
   */
  onNeedsReauth?: (connection: ConnectionContext, at: string) => Promise<void>;
}

/**
 * Token lifecycle of OAuth 2.0 connections and app installations: renews access tokens before they expire
 * and when the provider refuses one — once across every process, through a store lease; the others wait
 * for its result. An OAuth refresh answer without a refresh token keeps the old one; an app installation
 * mints a new token with the app's JWT; new credentials are stored atomically with the lease's release;
 * `invalid_grant` (or a refused app) marks the connection `needs_reauth`.
 */
export class TokenRefresher implements TokenSource {
  private readonly owner = `refresher-${process.pid}-${randomUUID()}`;
  private readonly expressions = new ExpressionCache();
  private readonly minter: AppInstallationTokenMinter;
  private readonly skewMs: number;
  private readonly leaseMs: number;
  private readonly timeoutMs: number;
  private readonly onNeedsReauth?: TokenRefresherOptions['onNeedsReauth'];

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly store: TokenLeaseStore,
    options: TokenRefresherOptions = {},
  ) {
    this.skewMs = options.skewMs ?? 60_000;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.onNeedsReauth = options.onNeedsReauth;
    this.minter = new AppInstallationTokenMinter(this.expressions, this.timeoutMs);
  }

  /** Marks the connection `needs_reauth` (as the lease holder) and tells whoever listens, once. */
  private async refused(connection: ConnectionContext): Promise<never> {
    if (await this.store.finish(connection.id, this.owner, { needsReauth: true }))
      await this.onNeedsReauth?.(connection, new Date().toISOString()).catch(() => undefined);
    throw new NeedsReauthError(connection.id, connection.provider);
  }

  async current(connection: ConnectionContext): Promise<ConnectionContext> {
    const { authMethod, credentials } = connection;
    if (authMethod === 'app_installation' && !credentials.access_token) return this.renew(connection);
    if (authMethod === 'credentials' || authMethod === undefined || !this.expiring(credentials))
      return connection;
    return this.renew(connection);
  }

  async afterRejected(connection: ConnectionContext): Promise<ConnectionContext | undefined> {
    if (connection.authMethod === 'app_installation') return this.renew(connection);
    if (connection.authMethod !== 'oauth2' || !connection.credentials.refresh_token) return undefined;
    return this.renew(connection);
  }

  /**
   * Fresh tokens for a connection whose `access_token` is stale: someone else's refresh if one happened
   * since (compare the stored token), else ours — or wait for the lease holder's.
   */
  private async renew(connection: ConnectionContext): Promise<ConnectionContext> {
    const stale = connection.credentials.access_token;
    const deadline = Date.now() + this.leaseMs + this.timeoutMs;
    for (;;) {
      const stored = await this.store.read(connection.id);
      if (!stored || stored.needsReauth) throw new NeedsReauthError(connection.id, connection.provider);
      if (stored.credentials.access_token !== stale && !this.expiring(stored.credentials))
        return { ...connection, credentials: stored.credentials };
      if (await this.store.claim(connection.id, this.owner, this.leaseMs)) {
        // Double-checked: a refresh may have finished between our read and our claim.
        const again = await this.store.read(connection.id);
        if (again && again.credentials.access_token !== stale && !this.expiring(again.credentials)) {
          await this.store.finish(connection.id, this.owner, { release: true });
          return { ...connection, credentials: again.credentials };
        }
        return {
          ...connection,
          credentials: await this.refresh(connection, again?.credentials ?? stored.credentials),
        };
      }
      if (Date.now() > deadline)
        throw new ProviderUnavailableError(
          `${connection.provider} token refresh did not finish in time`,
          true,
        );
      await sleep(50);
    }
  }

  private async refresh(
    connection: ConnectionContext,
    credentials: Record<string, string>,
  ): Promise<Record<string, string>> {
    if (connection.authMethod === 'app_installation') return this.mint(connection, credentials);
    const definition = this.registry.get(connection.provider);
    const oauth = definition.oauth2;
    const app = await this.store.oauthApp(connection.tenantId, connection.provider);
    if (!oauth || !app || !credentials.refresh_token) return this.refused(connection);
    let answer: Record<string, unknown>;
    let status: number;
    try {
      const url = await this.expressions.evaluate(oauth.tokenUrl, { settings: connection.settings });
      const response = await fetch(String(url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: credentials.refresh_token,
          client_id: app.clientId,
          client_secret: app.clientSecret,
        }).toString(),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      answer = ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
    } catch (error) {
      await this.store.finish(connection.id, this.owner, { release: true });
      throw new ProviderUnavailableError(
        `${definition.name} token refresh failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (typeof answer.access_token === 'string') {
      const fresh: Record<string, string> = {
        ...credentials,
        access_token: answer.access_token,
        // A refresh answer without a refresh token keeps the one we have (many providers omit it).
        refresh_token:
          typeof answer.refresh_token === 'string' ? answer.refresh_token : credentials.refresh_token,
      };
      if (typeof answer.expires_in === 'number')
        fresh.expires_at = new Date(Date.now() + answer.expires_in * 1000).toISOString();
      else delete fresh.expires_at;
      if (!(await this.store.finish(connection.id, this.owner, { credentials: fresh })))
        throw new ProviderUnavailableError(`${definition.name} token refresh outlived its lease`);
      return fresh;
    }
    if (answer.error === 'invalid_grant' || status === 401) return this.refused(connection);
    await this.store.finish(connection.id, this.owner, { release: true });
    throw new ProviderUnavailableError(`${definition.name} token refresh answered ${status}`);
  }

  /** A new installation token, minted with the app's JWT (as the lease holder). */
  private async mint(
    connection: ConnectionContext,
    credentials: Record<string, string>,
  ): Promise<Record<string, string>> {
    const definition = this.registry.get(connection.provider);
    let fresh: Record<string, string>;
    try {
      fresh = (await this.minter.mint(definition, { ...connection, credentials })).credentials;
    } catch (error) {
      if (error instanceof AppInstallationRefused) return this.refused(connection);
      await this.store.finish(connection.id, this.owner, { release: true });
      throw error;
    }
    if (!(await this.store.finish(connection.id, this.owner, { credentials: fresh })))
      throw new ProviderUnavailableError(`${definition.name} token minting outlived its lease`);
    return fresh;
  }

  private expiring(credentials: Record<string, string>): boolean {
    const at = credentials.expires_at ? Date.parse(credentials.expires_at) : NaN;
    return Number.isFinite(at) && at - this.skewMs <= Date.now();
  }
}
