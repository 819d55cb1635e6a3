import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '@app/http';
import {
  ProviderAuthError,
  ProviderError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderRegistry,
  ProviderUnavailableError,
  ProviderClient,
  type AuthMethod,
  type ProviderDefinition,
} from '@app/providers';
import type { ConnectSession } from '@app/store';
import { baseUrlAllowlist, connectionProblems } from '../connections/connection-rules';
import { ConnectionsService } from '../connections/connections.service';
import { WebhookRegistrationService } from '../connections/webhook-registration.service';
import { GatewayConfig } from '../gateway.config';
import { STORE, type Store } from '../store.provider';
import { ConnectionEventsPublisher } from './connection-events';

/** A page the end user sees instead of what they asked for, with its HTTP status. */
export class ConnectPageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** The end user's details were refused: the form is shown again with the reasons. */
export class ConnectFormRejected extends Error {
  constructor(
    readonly status: number,
    readonly problems: string[],
  ) {
    super(problems.join('; '));
  }
}

export type ConnectOutcome =
  | { kind: 'redirect'; location: string }
  | {
      kind: 'connected';
      displayName: string;
      connectionId: string;
      externalId: string | null;
      openerOrigins: string[];
    };

/** Splits a submitted form (`settings.subdomain`, `credentials.api_token`) into its two objects. */
export function formValues(form: Record<string, unknown>): {
  settings: Record<string, string>;
  credentials: Record<string, string>;
} {
  const settings: Record<string, string> = {};
  const credentials: Record<string, string> = {};
  for (const [key, raw] of Object.entries(form)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (typeof value !== 'string') continue;
    const [group, name] = key.split('.', 2);
    if (!name) continue;
    if (group === 'settings' && value.trim() !== '') settings[name] = value.trim();
    if (group === 'credentials' && value !== '') credentials[name] = value;
  }
  return { settings, credentials };
}

/** The end user's side of hosted connect: the session a link names, and turning a form into a connection. */
@Injectable()
export class ConnectPageService {
  private readonly allowlist: string[];

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly providers: ProviderRegistry,
    private readonly client: ProviderClient,
    private readonly connections: ConnectionsService,
    private readonly events: ConnectionEventsPublisher,
    private readonly webhooks: WebhookRegistrationService,
    config: GatewayConfig,
  ) {
    this.allowlist = baseUrlAllowlist(config);
  }

  /** The session of a link that can still be used; a clear page for every other case. */
  async liveSession(token: string): Promise<ConnectSession> {
    const session = /^cst_[A-Za-z0-9_-]{43}$/.test(token)
      ? await this.store.connectSessions.findByToken(token)
      : undefined;
    if (!session)
      throw new ConnectPageError(404, 'Link not valid', 'This connect link is not valid. Ask for a new one.');
    return this.usable(session);
  }

  /** A session not yet used nor expired; a clear page otherwise. */
  usable(session: ConnectSession): ConnectSession {
    if (session.completed_at)
      throw new ConnectPageError(
        410,
        'Link already used',
        'This connect link was already used. Ask for a new one.',
      );
    if (session.expires_at <= new Date().toISOString())
      throw new ConnectPageError(410, 'Link expired', 'This connect link has expired. Ask for a new one.');
    return session;
  }

  async brandOf(session: ConnectSession): Promise<string> {
    return (await this.store.tenants.findById(session.tenant_id))?.name ?? 'your workspace';
  }

  definitionFor(session: ConnectSession, provider: string): ProviderDefinition {
    if (!session.providers.includes(provider) || !this.providers.has(provider))
      throw new ConnectPageError(404, 'Not available', 'This tool is not offered by this connect link.');
    return this.providers.get(provider);
  }

  offered(session: ConnectSession): ProviderDefinition[] {
    return session.providers.filter((p) => this.providers.has(p)).map((p) => this.providers.get(p));
  }

  /** The credential form's submission: checked against the definition, then `finish`. */
  async submit(token: string, provider: string, form: Record<string, unknown>): Promise<ConnectOutcome> {
    const session = await this.liveSession(token);
    const definition = this.definitionFor(session, provider);
    const submitted = formValues(form);
    const preset = session.settings[provider] ?? {};
    const settings = { ...submitted.settings, ...preset };
    const problems = connectionProblems(
      definition,
      { settings, credentials: submitted.credentials },
      this.allowlist,
    ).map((p) => p.replace(/^(settings|credentials)\./, ''));
    if (problems.length) throw new ConnectFormRejected(400, problems);
    return this.finish(session, definition, settings, submitted.credentials, 'credentials');
  }

  /**
   * The app installation form's submission (a GitHub App): checked against the method's fields, then its
   * first token minted — which proves the key and the installation — before `finish` checks and stores.
   */
  async submitApp(token: string, provider: string, form: Record<string, unknown>): Promise<ConnectOutcome> {
    const session = await this.liveSession(token);
    const definition = this.definitionFor(session, provider);
    const app = definition.appInstallation;
    if (!app)
      throw new ConnectPageError(404, 'Not available', `${definition.displayName} has no app installation.`);
    const submitted = formValues(form);
    const settings = { ...submitted.settings, ...(session.settings[provider] ?? {}) };
    const problems = connectionProblems(
      definition,
      { settings, credentials: submitted.credentials },
      this.allowlist,
      false,
      app.credentials,
    ).map((p) => p.replace(/^(settings|credentials)\./, ''));
    if (problems.length) throw new ConnectFormRejected(400, problems);
    let credentials: Record<string, string>;
    try {
      credentials = await this.connections.firstAppToken(definition, settings, submitted.credentials);
    } catch (error) {
      if (error instanceof ApiError) throw new ConnectFormRejected(error.getStatus(), [error.message]);
      throw error;
    }
    return this.finish(session, definition, settings, credentials, 'app_installation');
  }

  /**
   * Checks the details with the provider, then stores the connection and spends the session — in that
   * order, so every failure stores nothing. A session spent by a racing submission meanwhile undoes the
   * connection this one made.
   */
  async finish(
    session: ConnectSession,
    definition: ProviderDefinition,
    settings: Record<string, string>,
    credentials: Record<string, string>,
    authMethod: AuthMethod,
  ): Promise<ConnectOutcome> {
    await this.check(definition, session, settings, credentials, authMethod);
    const before = session.connection_id
      ? await this.store.connections.findForTenant(session.tenant_id, session.connection_id)
      : undefined;
    const connectionId = await this.saveConnection(
      session,
      definition.name,
      settings,
      credentials,
      authMethod,
    );
    if (!(await this.store.connectSessions.complete(session.id, connectionId))) {
      if (!session.connection_id) await this.connections.delete(session.tenant_id, connectionId);
      throw new ConnectPageError(
        410,
        'Link already used',
        'This connect link was already used. Ask for a new one.',
      );
    }
    // Where the provider's API allows, its webhook now points at our ingest (failures are the
    // connection's webhook_status, never a failed connect).
    if (this.webhooks.supports(definition.name, authMethod))
      await this.webhooks.register(session.tenant_id, connectionId);
    if (before?.auth_status === 'needs_reauth')
      await this.events.publish(
        { id: connectionId, tenantId: session.tenant_id, provider: definition.name },
        'reauthorized',
        new Date().toISOString(),
        'the end user connected the account again',
      );
    if (session.redirect_url) {
      const location = new URL(session.redirect_url);
      location.searchParams.set('connection_id', connectionId);
      if (session.external_id) location.searchParams.set('external_id', session.external_id);
      return { kind: 'redirect', location: location.toString() };
    }
    return {
      kind: 'connected',
      displayName: definition.displayName,
      connectionId,
      externalId: session.external_id,
      openerOrigins: await this.store.connectSessions.allowedRedirectOrigins(session.tenant_id),
    };
  }

  private async check(
    definition: ProviderDefinition,
    session: ConnectSession,
    settings: Record<string, string>,
    credentials: Record<string, string>,
    authMethod: AuthMethod,
  ): Promise<void> {
    const name = definition.displayName;
    try {
      await this.client.checkConnection({
        id: 'connect-check',
        tenantId: session.tenant_id,
        provider: definition.name,
        settings,
        credentials,
        authMethod,
      });
    } catch (error) {
      const said = (e: ProviderError) => {
        const message = (e.details as { message?: unknown } | undefined)?.message;
        return typeof message === 'string' && message ? `: ${message}` : '';
      };
      if (error instanceof ProviderAuthError)
        throw new ConnectFormRejected(422, [`${name} refused these credentials${said(error)}`]);
      if (error instanceof ProviderNotFoundError)
        throw new ConnectFormRejected(422, [`${name} found nothing at these settings${said(error)}`]);
      if (error instanceof ProviderRateLimitError)
        throw new ConnectFormRejected(503, [`${name} is busy (rate limited); try again in a minute`]);
      if (error instanceof ProviderUnavailableError)
        throw new ConnectFormRejected(502, [`${name} did not answer; try again in a minute`]);
      if (error instanceof ProviderError)
        throw new ConnectFormRejected(422, [`${name} said${said(error) || `: ${error.message}`}`]);
      throw error;
    }
  }

  private async saveConnection(
    session: ConnectSession,
    provider: string,
    settings: Record<string, string>,
    credentials: Record<string, string>,
    authMethod: AuthMethod,
  ): Promise<string> {
    if (session.connection_id) {
      try {
        await this.connections.update(
          session.tenant_id,
          session.connection_id,
          { settings, credentials },
          authMethod,
        );
      } catch (error) {
        if (error instanceof ApiError && error.getStatus() === 404)
          throw new ConnectPageError(
            404,
            'Connection gone',
            'The connection this link renews no longer exists.',
          );
        throw error;
      }
      return session.connection_id;
    }
    const created = await this.connections.create(
      session.tenant_id,
      {
        provider,
        name: `${provider} (connected${session.external_id ? ` by ${session.external_id}` : ''})`,
        settings,
        credentials,
        external_id: session.external_id ?? undefined,
      },
      authMethod,
    );
    return created.id;
  }
}
