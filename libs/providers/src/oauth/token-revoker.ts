import type { TokenRevocationDefinition } from '../definition';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { RequestBuilder } from '../engine/request-builder';
import type { ProviderRegistry } from '../registry';

/**
 * What became of a connection's tokens at its deletion: given back, nothing to give back (credentials the
 * end user made themselves are theirs to revoke, and some providers offer no way), or a failure to report.
 */
export type RevocationOutcome =
  | { outcome: 'revoked'; status: number }
  | { outcome: 'not_applicable'; reason: string }
  | { outcome: 'failed'; reason: string };

export interface RevocationApps {
  oauthApp(
    tenantId: string,
    provider: string,
  ): Promise<{ clientId: string; clientSecret: string } | undefined>;
}

/**
 * Gives a deleted connection's tokens back to the provider (RFC 7009 or the provider's own way, as the
 * definition says) so a deleted connection leaves no live grant behind.
 */
export class TokenRevoker {
  private readonly builder: RequestBuilder;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly apps: RevocationApps,
    private readonly expressions = new ExpressionCache(),
    private readonly timeoutMs = 10_000,
  ) {
    this.builder = new RequestBuilder(expressions);
  }

  async revoke(connection: ConnectionContext): Promise<RevocationOutcome> {
    const definition = this.registry.get(connection.provider);
    const revocation =
      connection.authMethod === 'oauth2'
        ? definition.oauth2?.revoke
        : connection.authMethod === 'app_installation'
          ? definition.appInstallation?.revoke
          : undefined;
    if (!revocation)
      return {
        outcome: 'not_applicable',
        reason:
          connection.authMethod === 'oauth2' || connection.authMethod === 'app_installation'
            ? `${definition.displayName} offers no way to revoke tokens`
            : 'credentials entered by the end user are theirs to revoke',
      };
    if (!connection.credentials.access_token)
      return { outcome: 'not_applicable', reason: 'the connection holds no access token' };
    const app = await this.apps.oauthApp(connection.tenantId, connection.provider);
    if (revocation.authenticate === 'client' && !app)
      return { outcome: 'failed', reason: 'the OAuth app is no longer registered' };
    try {
      const response = await fetch(await this.url(revocation, connection, app?.clientId), {
        method: revocation.method,
        headers: this.headers(revocation, connection, app),
        body: await this.body(revocation, connection),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.body?.cancel();
      // A token the provider no longer knows is as revoked as it gets.
      if (response.ok || response.status === 401 || response.status === 404)
        return { outcome: 'revoked', status: response.status };
      return { outcome: 'failed', reason: `${definition.displayName} answered ${response.status}` };
    } catch (error) {
      return {
        outcome: 'failed',
        reason: `${definition.displayName} did not answer: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  private async url(
    revocation: TokenRevocationDefinition,
    connection: ConnectionContext,
    clientId: string | undefined,
  ): Promise<string> {
    const definition = this.registry.get(connection.provider);
    const url = await this.expressions.evaluate(revocation.url, {
      settings: connection.settings,
      base_url: await this.builder.baseUrl(definition, connection),
      client_id: clientId,
    });
    if (typeof url !== 'string' || !/^https?:\/\//.test(url))
      throw new Error('the revocation URL is not an http(s) URL');
    return url;
  }

  private headers(
    revocation: TokenRevocationDefinition,
    connection: ConnectionContext,
    app: { clientId: string; clientSecret: string } | undefined,
  ): Record<string, string> {
    const definition = this.registry.get(connection.provider);
    const headers: Record<string, string> = { ...definition.headers, accept: 'application/json' };
    headers.authorization =
      revocation.authenticate === 'client' && app
        ? `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`
        : `Bearer ${connection.credentials.access_token}`;
    if (revocation.body)
      headers['content-type'] = revocation.json ? 'application/json' : 'application/x-www-form-urlencoded';
    return headers;
  }

  private async body(
    revocation: TokenRevocationDefinition,
    connection: ConnectionContext,
  ): Promise<string | undefined> {
    if (!revocation.body) return undefined;
    const value = await this.expressions.evaluate(revocation.body, { credentials: connection.credentials });
    if (revocation.json) return JSON.stringify(value);
    const fields = Object.entries((value ?? {}) as Record<string, unknown>).map(
      ([k, v]) => [k, String(v)] as [string, string],
    );
    return new URLSearchParams(fields).toString();
  }
}
