import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { AppInstallationDefinition, ProviderDefinition } from '../definition';
import type { ConnectionContext } from '../engine/connection-context';
import { ProviderUnavailableError } from '../engine/errors';
import { ExpressionCache, MappingError } from '../engine/expression-cache';
import { RequestBuilder } from '../engine/request-builder';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The app's private key, or a clear error for what the end user pasted (never the key itself). */
export function appPrivateKey(pem: string): KeyObject {
  try {
    const key = createPrivateKey(pem.replace(/\\n/g, '\n'));
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
    return key;
  } catch {
    throw new AppInstallationRefused('the private key is not a PEM-encoded RSA private key');
  }
}

/** An RS256 JSON Web Token (RFC 7519) signed with the app's private key. */
export function signAppJwt(key: KeyObject, claims: Record<string, unknown>): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${base64url(sign('sha256', Buffer.from(signingInput), key))}`;
}

/**
 * The provider refused the app (bad key, unknown app, installation removed or not covering the
 * repository): only the end user can fix it, by installing or connecting again.
 */
export class AppInstallationRefused extends Error {}

export interface MintedInstallationToken {
  /** The connection's credentials with the new token, its expiry and the installation id. */
  credentials: Record<string, string>;
}

/**
 * Mints an installation token the way the definition says: sign the app's JWT, find the installation
 * when the credentials do not name it, exchange the JWT for a token. Refusals (401/403/404/422) are
 * `AppInstallationRefused` with the provider's message; the provider down is `ProviderUnavailableError`.
 */
export class AppInstallationTokenMinter {
  private readonly builder: RequestBuilder;

  constructor(
    private readonly expressions = new ExpressionCache(),
    private readonly timeoutMs = 10_000,
  ) {
    this.builder = new RequestBuilder(expressions);
  }

  async mint(
    definition: ProviderDefinition,
    connection: ConnectionContext,
  ): Promise<MintedInstallationToken> {
    const app = definition.appInstallation;
    if (!app) throw new MappingError(`${definition.name} has no app installation method`);
    const credentials = connection.credentials;
    const jwt = await this.jwt(app, credentials);
    const base = await this.builder.baseUrl(definition, { ...connection, authMethod: 'app_installation' });
    let installation = credentials[app.installation.credential];
    if (!installation) {
      const path = await this.text(app.installation.path, { settings: connection.settings });
      const found = await this.call(definition, 'GET', base + path, jwt);
      installation = await this.text(app.installation.id, { body: found });
    }
    const withInstallation = { ...credentials, [app.installation.credential]: installation };
    const path = await this.text(app.token.path, {
      settings: connection.settings,
      credentials: withInstallation,
    });
    const answer = await this.call(definition, 'POST', base + path, jwt);
    const token = await this.text(app.token.token, { body: answer });
    const expiresAt = await this.text(app.token.expiresAt, { body: answer });
    if (!Number.isFinite(Date.parse(expiresAt)))
      throw new MappingError(`${definition.name} installation token has no valid expiry`);
    return {
      credentials: {
        ...withInstallation,
        access_token: token,
        expires_at: new Date(expiresAt).toISOString(),
      },
    };
  }

  private async jwt(app: AppInstallationDefinition, credentials: Record<string, string>): Promise<string> {
    const pem = await this.text(app.jwt.privateKey, { credentials });
    const key = appPrivateKey(pem);
    const claims = await this.expressions.evaluate(app.jwt.claims, {
      credentials,
      now: Math.floor(Date.now() / 1000),
    });
    if (!claims || typeof claims !== 'object' || Array.isArray(claims))
      throw new MappingError('app JWT claims are not an object');
    return signAppJwt(key, claims as Record<string, unknown>);
  }

  private async call(definition: ProviderDefinition, method: string, url: string, jwt: string) {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { ...definition.headers, accept: 'application/json', authorization: `Bearer ${jwt}` },
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ProviderUnavailableError(
        `${definition.displayName} did not answer the app token request: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const body = (await response.json().catch(() => undefined)) as unknown;
    if (response.ok) return body;
    if ([401, 403, 404, 422].includes(response.status)) {
      const said = (body as { message?: unknown } | undefined)?.message;
      throw new AppInstallationRefused(
        `${definition.displayName} refused the app (${response.status})${typeof said === 'string' ? `: ${said}` : ''}`,
      );
    }
    throw new ProviderUnavailableError(
      `${definition.displayName} answered ${response.status} to the app token request`,
      response.status >= 500 || response.status === 429,
    );
  }

  private async text(expression: string, input: Record<string, unknown>): Promise<string> {
    const value = await this.expressions.evaluate(expression, input);
    if ((typeof value !== 'string' && typeof value !== 'number') || value === '')
      throw new MappingError(`app installation expression gave no value: ${expression}`);
    return String(value);
  }
}
