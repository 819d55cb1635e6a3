import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ApiError } from '@app/http';
import {
  AppInstallationRefused,
  AppInstallationTokenMinter,
  NeedsReauthError,
  ProviderRegistry,
  ProviderUnavailableError,
  TokenRevoker,
  type ConnectionContext,
  type ProviderDefinition,
} from '@app/providers';
import { callContextOf, type ConnectionAuthMethod, type StoredConnection } from '@app/store';
import { GatewayConfig } from '../gateway.config';
import { STORE, type Store } from '../store.provider';
import type { CreateConnectionBody, UpdateConnectionBody } from './connection-bodies';
import { connectLinkOf } from '../connect/connect-links';
import { toApiError } from '../unified/provider-errors';
import { baseUrlAllowlist, connectionProblems } from './connection-rules';
import { WebhookRegistrationService } from './webhook-registration.service';

/** What the API answers about a connection: never credentials, and the webhook secret only once. */
export type ConnectionView = StoredConnection & { webhook: { url: string; secret?: string } };

@Injectable()
export class ConnectionsService {
  private readonly allowlist: string[];
  private readonly logger = new Logger('Connections');

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly providers: ProviderRegistry,
    private readonly config: GatewayConfig,
    private readonly webhooks: WebhookRegistrationService,
    private readonly revoker: TokenRevoker,
    private readonly minter: AppInstallationTokenMinter,
  ) {
    this.allowlist = baseUrlAllowlist(config);
  }

  /**
   * `authMethod: 'oauth2'` is for the connect flow only: its credentials are the tokens the provider
   * issued, not the definition's credential form, so only its settings are checked here. An app
   * installation from the API (`auth_method`) has its first token minted here before it is stored; the
   * connect page mints it itself (and comes with the token).
   */
  async create(
    tenantId: string,
    body: CreateConnectionBody,
    authMethod: ConnectionAuthMethod = body.auth_method ?? 'credentials',
  ): Promise<ConnectionView> {
    const definition = this.providers.get(body.provider);
    if (authMethod === 'app_installation' && !body.credentials.access_token) {
      const app = definition.appInstallation;
      if (!app) throw new ApiError(400, `${definition.displayName} has no app installation method`);
      this.assertValid(connectionProblems(definition, body, this.allowlist, false, app.credentials));
      body = { ...body, credentials: await this.firstAppToken(definition, body.settings, body.credentials) };
    } else {
      // Tokens from the connect flow are the provider's, not a form: only the settings are ours to check.
      const checked = authMethod === 'credentials' ? body : { settings: body.settings };
      this.assertValid(connectionProblems(definition, checked, this.allowlist));
    }
    if (body.register_webhook && !this.webhooks.supports(definition.name))
      throw new ApiError(
        400,
        `${definition.displayName} webhooks cannot be registered through its API here`,
        ['register_webhook: register the webhook in the provider yourself (docs/providers) or leave it out'],
      );
    const issuedSecret = body.webhook_secret ? undefined : `whsec_${randomBytes(24).toString('base64url')}`;
    const connection = await this.store.connections.create(tenantId, {
      provider: body.provider,
      name: body.name,
      externalId: body.external_id,
      settings: body.settings,
      credentials: body.credentials,
      webhookSecret: body.webhook_secret ?? issuedSecret,
      authMethod,
    });
    if (body.register_webhook) {
      await this.webhooks.register(tenantId, connection.id);
      const registered = await this.find(tenantId, connection.id);
      // A provider that chose its own secret (Zendesk) signs with it: that one is shown, once.
      const secret = (await this.store.connections.findById(connection.id))?.webhookSecret;
      return this.view(registered, issuedSecret === undefined ? undefined : secret);
    }
    return this.view(connection, issuedSecret);
  }

  async list(tenantId: string, externalId?: string): Promise<ConnectionView[]> {
    return (await this.store.connections.listForTenant(tenantId))
      .filter((c) => externalId === undefined || c.external_id === externalId)
      .map((c) => this.view(c));
  }

  async get(tenantId: string, id: string): Promise<ConnectionView> {
    return this.view(await this.find(tenantId, id));
  }

  /** `authMethod` switches how the connection authenticates (re-authorising through the connect page). */
  async update(
    tenantId: string,
    id: string,
    body: UpdateConnectionBody,
    authMethod?: ConnectionAuthMethod,
  ): Promise<ConnectionView> {
    const existing = await this.find(tenantId, id);
    const definition = this.providers.get(existing.provider);
    const settings = body.settings ? { ...existing.settings, ...body.settings } : undefined;
    const method = authMethod ?? existing.auth_method;
    const credentials = method === 'credentials' ? body.credentials : undefined;
    this.assertValid(connectionProblems(definition, { settings, credentials }, this.allowlist, true));
    let replaced = body.credentials;
    if (method === 'app_installation' && replaced && !replaced.access_token)
      replaced = await this.rotatedAppCredentials(definition, tenantId, id, settings, replaced);
    const updated = await this.store.connections.update(tenantId, id, {
      name: body.name,
      externalId: body.external_id,
      settings,
      credentials: replaced,
      webhookSecret: body.webhook_secret,
      authMethod,
    });
    if (!updated) throw notFound(id);
    return this.view(updated);
  }

  /**
   * An app installation's first token, minted before anything is stored: it proves the key and finds the
   * installation. Refused → 422 with the provider's words; the provider down → 502.
   */
  async firstAppToken(
    definition: ProviderDefinition,
    settings: Record<string, string>,
    credentials: Record<string, string>,
  ): Promise<Record<string, string>> {
    const connection = { id: 'new', tenantId: '', provider: definition.name, settings, credentials };
    try {
      return (await this.minter.mint(definition, { ...connection, authMethod: 'app_installation' }))
        .credentials;
    } catch (error) {
      if (error instanceof AppInstallationRefused) throw new ApiError(422, error.message);
      if (error instanceof ProviderUnavailableError) throw new ApiError(502, error.message);
      throw error;
    }
  }

  /** New app credentials over the stored ones (a rotated private key), proved by minting a token with them. */
  private async rotatedAppCredentials(
    definition: ProviderDefinition,
    tenantId: string,
    id: string,
    settings: Record<string, string> | undefined,
    changes: Record<string, string>,
  ): Promise<Record<string, string>> {
    const stored = await this.store.connections.findWithSecretsForTenant(tenantId, id);
    if (!stored) throw notFound(id);
    const { access_token: _token, expires_at: _expiry, ...kept } = stored.credentials ?? {};
    const merged = { ...kept, ...changes };
    const fields = definition.appInstallation?.credentials;
    this.assertValid(connectionProblems(definition, { credentials: merged }, this.allowlist, false, fields));
    return this.firstAppToken(definition, settings ?? stored.settings, merged);
  }

  async delete(tenantId: string, id: string): Promise<void> {
    await this.find(tenantId, id);
    // The provider keeps no hook pointing at a connection that no longer exists…
    await this.webhooks.remove(tenantId, id);
    // …and no live grant: tokens we were issued go back to the provider (failures are logged, not fatal:
    // the end user can still revoke the app at the provider).
    const withSecrets = await this.store.connections.findWithSecretsForTenant(tenantId, id);
    const revocation = withSecrets ? await this.revoker.revoke(callContextOf(withSecrets)) : undefined;
    if (!(await this.store.connections.delete(tenantId, id))) throw notFound(id);
    if (revocation?.outcome === 'failed')
      this.logger.warn({
        msg: 'token revocation failed',
        connection_id: id,
        provider: withSecrets?.provider,
        reason: revocation.reason,
      });
  }

  /**
   * The connection with its credentials decrypted, for one provider call. Another tenant's is a 404; one
   * whose tokens the provider refused to refresh is a 401 with a link to re-connect it.
   */
  async context(tenantId: string, id: string): Promise<ConnectionContext> {
    const connection = await this.store.connections.findWithSecretsForTenant(tenantId, id);
    if (!connection) throw notFound(id);
    if (connection.authStatus === 'needs_reauth')
      throw await this.reauthRequired(tenantId, id, connection.provider);
    return callContextOf(connection);
  }

  /** A provider call's failure as the API answers it; a refused refresh gets its re-connect link. */
  async failure(
    error: unknown,
    connection: Pick<ConnectionContext, 'id' | 'tenantId' | 'provider'>,
  ): Promise<unknown> {
    if (error instanceof NeedsReauthError)
      return this.reauthRequired(connection.tenantId, connection.id, connection.provider);
    return toApiError(error, connection.id);
  }

  /**
   * 401 with `reauth_url`: a connect session re-authorising this connection (its settings fixed, so the
   * end user only signs in again), opened on demand.
   */
  private async reauthRequired(tenantId: string, id: string, provider: string): Promise<ApiError> {
    const existing = await this.find(tenantId, id);
    const { token, session } = await this.store.connectSessions.open(tenantId, {
      providers: [provider],
      external_id: existing.external_id,
      redirect_url: null,
      connection_id: id,
      settings: { [provider]: existing.settings },
      ttlMs: this.config.CONNECT_SESSION_TTL_SECONDS * 1000,
    });
    const reauthUrl = connectLinkOf(this.config, token);
    return new ApiError(
      401,
      `Connection ${id} needs re-authorisation: ${provider} refused to refresh its tokens. Send the end user to reauth_url.`,
      {
        reason: 'needs_reauth',
        connection_id: id,
        reauth_url: reauthUrl,
        reauth_expires_at: session.expires_at,
      },
    );
  }

  async find(tenantId: string, id: string): Promise<StoredConnection> {
    const connection = await this.store.connections.findForTenant(tenantId, id);
    if (!connection) throw notFound(id);
    return connection;
  }

  private view(connection: StoredConnection, issuedSecret?: string): ConnectionView {
    const url = `${this.config.PUBLIC_WEBHOOK_BASE_URL.replace(/\/+$/, '')}/webhooks/${connection.id}`;
    return { ...connection, webhook: issuedSecret ? { url, secret: issuedSecret } : { url } };
  }

  private assertValid(problems: string[]): void {
    if (problems.length > 0) throw new ApiError(400, 'Invalid connection', problems);
  }
}

function notFound(id: string): ApiError {
  return new ApiError(404, `No connection ${id}`);
}
