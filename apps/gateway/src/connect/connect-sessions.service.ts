import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '@app/http';
import { ProviderRegistry } from '@app/providers';
import type { ConnectSession } from '@app/store';
import { baseUrlAllowlist, connectionProblems } from '../connections/connection-rules';
import { ConnectionsService } from '../connections/connections.service';
import { GatewayConfig } from '../gateway.config';
import { STORE, type Store } from '../store.provider';
import { connectLinkOf, oauthCallbackUrl } from './connect-links';
import type { CreateConnectSessionBody, OAuthAppBody } from './connect-bodies';

export interface OpenedConnectSession {
  id: string;
  token: string;
  url: string;
  expires_at: string;
  providers: string[];
  external_id: string | null;
  redirect_url: string | null;
  connection_id: string | null;
}

/** `https://app.example.com` exactly: scheme, host and port, nothing else. */
export function originProblem(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `${origin} is not an origin (e.g. https://app.example.com)`;
  }
  if (!['http:', 'https:'].includes(url.protocol)) return `${origin} must be http or https`;
  if (url.origin !== origin.replace(/\/$/, ''))
    return `${origin} is not an origin: no path, query or fragment`;
  return undefined;
}

/** Our user's side of hosted connect: opening sessions and the tenant's redirect allowlist. */
@Injectable()
export class ConnectSessionsService {
  private readonly allowlist: string[];

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly providers: ProviderRegistry,
    private readonly connections: ConnectionsService,
    private readonly config: GatewayConfig,
  ) {
    this.allowlist = baseUrlAllowlist(config);
  }

  async open(tenantId: string, body: CreateConnectSessionBody): Promise<OpenedConnectSession> {
    const providers = await this.allowedProviders(tenantId, body);
    const settings = { ...(body.settings ?? {}) };
    if (body.connection_id !== undefined) {
      // Re-authorising keeps what the connection already has: the end user only signs in again.
      const existing = await this.connections.find(tenantId, body.connection_id);
      const given = settings[existing.provider];
      settings[existing.provider] = {
        ...existing.settings,
        ...(typeof given === 'object' && given ? given : {}),
      };
    }
    const problems: string[] = [];
    for (const [provider, preset] of Object.entries(settings)) {
      if (!providers.includes(provider)) {
        problems.push(`settings.${provider}: ${provider} is not among the session's providers`);
        continue;
      }
      if (typeof preset !== 'object' || preset === null || Array.isArray(preset)) {
        problems.push(`settings.${provider} must be an object of settings`);
        continue;
      }
      const definition = this.providers.get(provider);
      problems.push(
        ...connectionProblems(definition, { settings: preset }, this.allowlist, true).map(
          (p) => `${provider}: ${p}`,
        ),
      );
    }
    if (body.redirect_url !== undefined) {
      const origin = URL.canParse(body.redirect_url) ? new URL(body.redirect_url).origin : undefined;
      if (!origin) problems.push('redirect_url is not a URL');
      else if (!(await this.store.connectSessions.allowedRedirectOrigins(tenantId)).includes(origin))
        problems.push(`redirect_url origin ${origin} is not allowed: add it with PUT /connect/settings`);
    }
    if (problems.length) throw new ApiError(400, 'Invalid connect session', problems);
    const { session, token } = await this.store.connectSessions.open(tenantId, {
      providers,
      external_id: body.external_id ?? null,
      redirect_url: body.redirect_url ?? null,
      connection_id: body.connection_id ?? null,
      settings,
      ttlMs: this.config.CONNECT_SESSION_TTL_SECONDS * 1000,
    });
    return this.view(session, token);
  }

  async allowedOrigins(tenantId: string): Promise<{ allowed_redirect_origins: string[] }> {
    return { allowed_redirect_origins: await this.store.connectSessions.allowedRedirectOrigins(tenantId) };
  }

  async setAllowedOrigins(
    tenantId: string,
    origins: string[],
  ): Promise<{ allowed_redirect_origins: string[] }> {
    const problems = origins.map(originProblem).filter((p): p is string => p !== undefined);
    if (problems.length) throw new ApiError(400, 'Invalid connect settings', problems);
    const normalised = [...new Set(origins.map((o) => new URL(o).origin))];
    return {
      allowed_redirect_origins: await this.store.connectSessions.setAllowedRedirectOrigins(
        tenantId,
        normalised,
      ),
    };
  }

  /** Registers the tenant's own OAuth app at a provider; the redirect URI to give the provider is ours. */
  async putOAuthApp(tenantId: string, provider: string, body: OAuthAppBody) {
    const definition = this.providers.has(provider) ? this.providers.get(provider) : undefined;
    if (!definition) throw new ApiError(404, `No provider ${provider}`);
    if (!definition.oauth2) throw new ApiError(400, `${definition.displayName} has no OAuth 2.0 flow here`);
    const app = await this.store.oauthApps.put(tenantId, provider, {
      clientId: body.client_id,
      clientSecret: body.client_secret,
    });
    return { ...app, redirect_uri: oauthCallbackUrl(this.config) };
  }

  async oauthApps(tenantId: string) {
    const result = (await this.store.oauthApps.list(tenantId)).map((a) => ({
      ...a,
      redirect_uri: oauthCallbackUrl(this.config),
    }));
    return { result, result_count: result.length };
  }

  async deleteOAuthApp(tenantId: string, provider: string): Promise<void> {
    if (!(await this.store.oauthApps.delete(tenantId, provider)))
      throw new ApiError(404, `No OAuth app for ${provider}`);
  }

  /** A re-authorisation offers only its connection's provider; otherwise the asked ones, all by default. */
  private async allowedProviders(tenantId: string, body: CreateConnectSessionBody): Promise<string[]> {
    const unknown = (body.providers ?? []).filter((p) => !this.providers.has(p));
    if (unknown.length)
      throw new ApiError(400, 'Invalid connect session', [`unknown providers: ${unknown.join(', ')}`]);
    if (body.connection_id !== undefined) {
      const connection = await this.connections.find(tenantId, body.connection_id);
      if (body.providers && !body.providers.includes(connection.provider))
        throw new ApiError(400, 'Invalid connect session', [
          `connection ${connection.id} is a ${connection.provider} connection, not among providers`,
        ]);
      return [connection.provider];
    }
    if (body.providers?.length === 0)
      throw new ApiError(400, 'Invalid connect session', ['providers must name at least one provider']);
    return body.providers ? [...new Set(body.providers)] : this.providers.all().map((d) => d.name);
  }

  private view(session: ConnectSession, token: string): OpenedConnectSession {
    return {
      id: session.id,
      token,
      url: connectLinkOf(this.config, token),
      expires_at: session.expires_at,
      providers: session.providers,
      external_id: session.external_id,
      redirect_url: session.redirect_url,
      connection_id: session.connection_id,
    };
  }
}
