import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ExpressionCache,
  ProviderRegistry,
  type OAuth2Definition,
  type ProviderDefinition,
} from '@app/providers';
import { hashConnectToken, type ConnectSession } from '@app/store';
import { baseUrlAllowlist, connectionProblems } from '../connections/connection-rules';
import { GatewayConfig } from '../gateway.config';
import { STORE, type Store } from '../store.provider';
import { oauthCallbackUrl } from './connect-links';
import {
  ConnectFormRejected,
  ConnectPageError,
  ConnectPageService,
  formValues,
  type ConnectOutcome,
} from './connect-page.service';

/** The cookie that binds an OAuth round trip to the browser that started it (login-CSRF defence). */
export const OAUTH_BROWSER_COOKIE = 'connect_oauth';

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * OAuth 2.0 on the hosted connect page: authorization code with PKCE, the state bound to the session and
 * single use, the verifier kept server-side (sealed), the callback accepted only from the browser that
 * started it; then the token exchange with the tenant's own OAuth app, the definition's `afterConnect`
 * calls, the live check, and the connection — or a clear page that stores nothing.
 */
@Injectable()
export class OAuthConnectService {
  private readonly expressions = new ExpressionCache();
  private readonly allowlist: string[];

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly providers: ProviderRegistry,
    private readonly connect: ConnectPageService,
    private readonly config: GatewayConfig,
  ) {
    this.allowlist = baseUrlAllowlist(config);
  }

  get redirectUri(): string {
    return oauthCallbackUrl(this.config);
  }

  /** Whether the page offers "Continue with …" for this provider: it has OAuth and the tenant an app. */
  async offers(session: ConnectSession, definition: ProviderDefinition): Promise<boolean> {
    return Boolean(
      definition.oauth2 && (await this.store.oauthApps.find(session.tenant_id, definition.name)),
    );
  }

  /** Starts the round trip: returns where to send the browser and the cookie nonce to set. */
  async start(token: string, provider: string, form: Record<string, unknown>) {
    const session = await this.connect.liveSession(token);
    const definition = this.connect.definitionFor(session, provider);
    const oauth = definition.oauth2;
    const app = oauth && (await this.store.oauthApps.find(session.tenant_id, provider));
    if (!oauth || !app)
      throw new ConnectPageError(
        400,
        'Sign-in not available',
        `Signing in with ${definition.displayName} is not set up.`,
      );
    const settings = { ...formValues(form).settings, ...(session.settings[provider] ?? {}) };
    const asked = Object.keys(definition.connectionSettings).filter(
      (name) => !(oauth.settingsFromConnect ?? []).includes(name),
    );
    const problems = connectionProblems(definition, { settings }, this.allowlist, true).concat(
      asked
        .filter((name) => definition.connectionSettings[name].required && settings[name] === undefined)
        .map((name) => `${name} is required: ${definition.connectionSettings[name].description}`),
    );
    if (problems.length)
      throw new ConnectFormRejected(
        400,
        problems.map((p) => p.replace(/^settings\./, '')),
      );

    const state = base64url(randomBytes(32));
    const browserNonce = base64url(randomBytes(32));
    const codeVerifier = base64url(randomBytes(48));
    await this.store.connectSessions.beginOAuth(session.id, {
      state,
      browserNonce,
      provider,
      settings,
      codeVerifier,
    });
    const authorize = new URL(await this.url(oauth.authorizeUrl, settings, 'authorizeUrl'));
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: this.redirectUri,
      scope: oauth.scopes.join(oauth.scopeSeparator ?? ' '),
      state,
      ...(oauth.pkce
        ? {
            code_challenge: base64url(createHash('sha256').update(codeVerifier).digest()),
            code_challenge_method: 'S256',
          }
        : {}),
      ...(oauth.authorizeParams ?? {}),
    };
    for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);
    return { location: authorize.toString(), browserNonce, redirectOrigin: authorize.origin };
  }

  /** The provider sent the browser back: the round trip's state must be live, unused and this browser's. */
  async callback(
    query: Record<string, string | undefined>,
    browserNonce: string | undefined,
  ): Promise<ConnectOutcome> {
    const flow = query.state ? await this.store.connectSessions.takeOAuthState(query.state) : undefined;
    if (!flow)
      throw new ConnectPageError(
        400,
        'Sign-in not valid',
        'This sign-in answer is not valid or was already used. Open your connect link again.',
      );
    const given = Buffer.from(hashConnectToken(browserNonce ?? ''));
    if (!browserNonce || !timingSafeEqual(given, Buffer.from(flow.browserHash)))
      throw new ConnectPageError(
        400,
        'Sign-in not valid',
        'This sign-in was started in another browser. Open your connect link again.',
      );
    const session = this.connect.usable(flow.session);
    const definition = this.connect.definitionFor(session, flow.provider);
    const oauth = definition.oauth2!;
    if (query.error)
      throw new ConnectPageError(
        400,
        'Not connected',
        query.error === 'access_denied'
          ? `Access to ${definition.displayName} was declined, so nothing was connected. Open your connect link again to retry.`
          : `${definition.displayName} said: ${query.error_description ?? query.error}`,
      );
    if (!query.code)
      throw new ConnectPageError(400, 'Sign-in not valid', 'The sign-in answer carries no code.');
    const credentials = await this.exchange(
      session,
      definition,
      oauth,
      flow.settings,
      query.code,
      flow.codeVerifier,
    );
    const settings = await this.afterConnect(definition, oauth, flow.settings, credentials);
    const problems = connectionProblems(definition, { settings }, this.allowlist);
    if (problems.length)
      throw new ConnectPageError(422, 'Not connected', `${definition.displayName}: ${problems.join('; ')}`);
    try {
      return await this.connect.finish(session, definition, settings, credentials, 'oauth2');
    } catch (error) {
      if (error instanceof ConnectFormRejected)
        throw new ConnectPageError(error.status, 'Not connected', error.problems.join('; '));
      throw error;
    }
  }

  private async exchange(
    session: ConnectSession,
    definition: ProviderDefinition,
    oauth: OAuth2Definition,
    settings: Record<string, string>,
    code: string,
    codeVerifier: string,
  ): Promise<Record<string, string>> {
    const app = await this.store.oauthApps.find(session.tenant_id, definition.name);
    if (!app)
      throw new ConnectPageError(
        400,
        'Not connected',
        `Signing in with ${definition.displayName} is no longer set up.`,
      );
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      ...(oauth.pkce ? { code_verifier: codeVerifier } : {}),
    });
    const answer = await this.post(definition, await this.url(oauth.tokenUrl, settings, 'tokenUrl'), body);
    const token = answer as Record<string, unknown>;
    if (typeof token.access_token !== 'string')
      throw new ConnectPageError(
        400,
        'Not connected',
        `${definition.displayName} refused the sign-in: ${String(token.error_description ?? token.error ?? 'no access token')}`,
      );
    const credentials: Record<string, string> = { access_token: token.access_token };
    if (typeof token.refresh_token === 'string') credentials.refresh_token = token.refresh_token;
    if (typeof token.expires_in === 'number')
      credentials.expires_at = new Date(Date.now() + token.expires_in * 1000).toISOString();
    if (typeof token.scope === 'string') credentials.scope = token.scope;
    return credentials;
  }

  private async afterConnect(
    definition: ProviderDefinition,
    oauth: OAuth2Definition,
    settings: Record<string, string>,
    credentials: Record<string, string>,
  ): Promise<Record<string, string>> {
    let found = { ...settings };
    for (const step of oauth.afterConnect ?? []) {
      const url = await this.url(step.url, found, 'afterConnect.url');
      const response = await this.fetch(definition, url, {
        headers: { authorization: `Bearer ${credentials.access_token}`, accept: 'application/json' },
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok)
        throw new ConnectPageError(
          502,
          'Not connected',
          `${definition.displayName} answered ${response.status} after sign-in.`,
        );
      const more = await this.expressions.evaluate(step.settings, { body, settings: found });
      if (typeof more !== 'object' || more === null)
        throw new ConnectPageError(
          422,
          'Not connected',
          `${definition.displayName} has no site this sign-in can reach.`,
        );
      found = { ...found, ...(more as Record<string, string>) };
    }
    return found;
  }

  private async post(definition: ProviderDefinition, url: string, body: URLSearchParams): Promise<unknown> {
    const response = await this.fetch(definition, url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    });
    return response.json().catch(() => ({ error: `answered ${response.status} without JSON` }));
  }

  private async fetch(definition: ProviderDefinition, url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, {
        ...init,
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.PROVIDER_TIMEOUT_MS),
      });
    } catch {
      throw new ConnectPageError(
        502,
        'Not connected',
        `${definition.displayName} did not answer; try again in a minute.`,
      );
    }
  }

  /** An OAuth URL from the definition, only ever http(s). */
  private async url(source: string, settings: Record<string, string>, what: string): Promise<string> {
    const url = await this.expressions.evaluate(source, { settings });
    if (typeof url !== 'string' || !/^https?:\/\//.test(url))
      throw new Error(`OAuth ${what} is not an http(s) URL`);
    return url;
  }
}
