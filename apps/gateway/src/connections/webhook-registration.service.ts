import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { ProviderClient, ProviderRegistry, WebhookRegistrar, type ConnectionContext } from '@app/providers';
import { callContextOf, type ConnectionAuthMethod, type WebhookStatus } from '@app/store';
import { GatewayConfig } from '../gateway.config';
import { STORE, type Store } from '../store.provider';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The provider webhook of a connection, set up for the user where the provider's API allows (the
 * definition's `webhooks.registration`): registered pointing at our ingest with a fresh secret, checked
 * every WEBHOOK_CHECK_INTERVAL_SECONDS and re-created when someone deleted it, removed with the connection.
 * Failures never block connecting: they are the connection's `webhook_status`.
 */
@Injectable()
export class WebhookRegistrationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookRegistration');
  private readonly registrar: WebhookRegistrar;
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly providers: ProviderRegistry,
    client: ProviderClient,
    private readonly config: GatewayConfig,
  ) {
    this.registrar = new WebhookRegistrar(providers, client);
  }

  supports(provider: string, authMethod: ConnectionAuthMethod = 'credentials'): boolean {
    return this.registrar.supports(provider, authMethod);
  }

  /** Registers the connection's webhook (a second one is never made: an existing hook is checked instead). */
  async register(tenantId: string, id: string): Promise<WebhookStatus | undefined> {
    const connection = await this.context(tenantId, id);
    if (!connection || !this.supportsConnection(connection.context)) return undefined;
    if (connection.hookId) return this.check(tenantId, id);
    return this.create(tenantId, connection.context, connection.secret);
  }

  /** Checks the hook is still there; re-creates it when it is not. */
  async check(tenantId: string, id: string): Promise<WebhookStatus | undefined> {
    const connection = await this.context(tenantId, id);
    if (!connection || !this.supportsConnection(connection.context)) return undefined;
    if (!connection.hookId) return this.create(tenantId, connection.context, connection.secret);
    try {
      if (await this.registrar.exists(connection.context, connection.hookId)) {
        // Hooks that expire (Jira's, after 30 days) live on as long as the connection is checked.
        await this.registrar.renew(connection.context, connection.hookId);
        await this.store.connections.setWebhookState(tenantId, id, { state: 'registered' });
        return this.status(tenantId, id);
      }
    } catch (error) {
      // The provider could not say (down, credentials refused): keep the hook, report why.
      await this.store.connections.setWebhookState(tenantId, id, {
        state: 'registered',
        error: messageOf(error),
      });
      return this.status(tenantId, id);
    }
    this.logger.warn({ msg: 'provider webhook gone; registering it again', connection_id: id });
    await this.store.connections.setWebhookState(tenantId, id, { state: 'missing', hookId: null });
    return this.create(tenantId, connection.context, connection.secret);
  }

  /** Removes the hook at the provider before the connection goes (best effort: logged when it fails). */
  async remove(tenantId: string, id: string): Promise<void> {
    const connection = await this.context(tenantId, id);
    if (!connection?.hookId || !this.supportsConnection(connection.context)) return;
    try {
      await this.registrar.remove(connection.context, connection.hookId);
    } catch (error) {
      this.logger.warn({ msg: 'provider webhook not removed', connection_id: id, error: messageOf(error) });
    }
  }

  onApplicationBootstrap(): void {
    const every = this.config.WEBHOOK_CHECK_INTERVAL_SECONDS;
    // One sweeper per deployment: the single process, or the first worker of a GATEWAY_WORKERS cluster.
    if (every === 0 || (cluster.isWorker && cluster.worker?.id !== 1)) return;
    this.timer = setInterval(() => void this.sweep(), every * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Checks every hook we registered once, and retries the registrations that failed. */
  async sweep(): Promise<void> {
    // A slow sweep is not overtaken by the next one (which would register a missing hook twice).
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const { id, tenantId } of await this.store.connections.listWebhookRegistrations()) {
        await this.check(tenantId, id).catch((error: unknown) =>
          this.logger.error({ msg: 'webhook check failed', connection_id: id, error: messageOf(error) }),
        );
      }
    } finally {
      this.sweeping = false;
    }
  }

  private async create(
    tenantId: string,
    context: ConnectionContext,
    current?: string,
  ): Promise<WebhookStatus | undefined> {
    const url = `${this.config.PUBLIC_WEBHOOK_BASE_URL.replace(/\/+$/, '')}/webhooks/${context.id}`;
    try {
      const secret =
        (await this.oauthClientSecret(context)) ??
        current ??
        `whsec_${randomBytes(24).toString('base64url')}`;
      const hook = await this.registrar.register(context, { url, secret });
      await this.store.connections.setWebhookState(tenantId, context.id, {
        state: 'registered',
        hookId: hook.hookId,
        // Ours when we had none; the provider's when it chose one (Zendesk).
        secret: hook.secret !== current ? hook.secret : undefined,
      });
    } catch (error) {
      this.logger.warn({
        msg: 'provider webhook not registered',
        connection_id: context.id,
        error: messageOf(error),
      });
      await this.store.connections.setWebhookState(tenantId, context.id, {
        state: 'failed',
        error: messageOf(error),
      });
    }
    return this.status(tenantId, context.id);
  }

  private supportsConnection(context: ConnectionContext): boolean {
    return this.registrar.supports(context.provider, context.authMethod ?? 'credentials');
  }

  /** Where deliveries are signed with the tenant's OAuth client secret (Jira dynamic webhooks), that one. */
  private async oauthClientSecret(context: ConnectionContext): Promise<string | undefined> {
    if (!this.providers.get(context.provider).webhooks?.registration?.secretIsOAuthClientSecret)
      return undefined;
    const app = await this.store.oauthApps.find(context.tenantId, context.provider);
    if (!app) throw new Error(`no OAuth app of ${context.provider} to verify its webhooks with`);
    return app.clientSecret;
  }

  private async status(tenantId: string, id: string): Promise<WebhookStatus | undefined> {
    return (await this.store.connections.findForTenant(tenantId, id))?.webhook_status;
  }

  private async context(tenantId: string, id: string) {
    const [connection, stored] = await Promise.all([
      this.store.connections.findWithSecretsForTenant(tenantId, id),
      this.store.connections.findForTenant(tenantId, id),
    ]);
    if (!connection || !stored) return undefined;
    const context: ConnectionContext = callContextOf(connection);
    return { context, secret: connection.webhookSecret, hookId: stored.webhook_status.hook_id };
  }
}
