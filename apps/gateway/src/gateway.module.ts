import { DynamicModule, Module } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ALL_TOPICS, BusLifecycle, createKafka, ReliableProducer } from '@app/bus';
import { brokerList } from '@app/config';
import { HealthModule } from '@app/http';
import {
  AppInstallationTokenMinter,
  HttpTransport,
  ProviderClient,
  ProviderRegistry,
  TokenRefresher,
  TokenRevoker,
} from '@app/providers';
import { AdminController } from './admin/admin.controller';
import { AdminGuard } from './auth/admin.guard';
import { BatchController } from './batch/batch.controller';
import { TenantAuthGuard } from './auth/tenant-auth.guard';
import { ConnectPageController } from './connect/connect-page.controller';
import { ConnectPageService } from './connect/connect-page.service';
import { ConnectSessionsController } from './connect/connect-sessions.controller';
import { ConnectSessionsService } from './connect/connect-sessions.service';
import { OAuthConnectService } from './connect/oauth-connect.service';
import { ConnectionEventsPublisher } from './connect/connection-events';
import { ConnectionsController } from './connections/connections.controller';
import { ConnectionsService } from './connections/connections.service';
import { WebhookRegistrationService } from './connections/webhook-registration.service';
import { GatewayConfig } from './gateway.config';
import { IntegrationsController } from './integrations/integrations.controller';
import { EventContractController } from './openapi/event-contract.controller';
import { OverridesController } from './overrides/overrides.controller';
import { OverridesService } from './overrides/overrides.service';
import { OverrideFailureRecorder } from './overrides/override-failure-recorder';
import { FairUseLimiter, fairUseLimitsOf } from './fair-use/fair-use-limiter';
import { TenantSandbox } from './fair-use/tenant-sandbox';
import { RecentApiKeys } from './fair-use/early-refusal';
import { ProxyController } from './proxy/proxy.controller';
import { StoreModule, tokenLeasesOf } from '@app/store';
import { STORE, type Store } from './store.provider';
import { DEFAULT_LANE, parseTenantLanes, workersOfLane } from './tenant-lanes/tenant-lanes';
import { SubscriptionsController, SubscriptionsService } from './subscriptions';
import { SyncsController } from './syncs/syncs.controller';
import { SyncsService } from './syncs/syncs.service';
import { CursorSigner } from './unified/cursor-signer';
import { IdempotencyJanitor } from './unified/idempotency-janitor';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { UnifiedController } from './unified/unified.controller';
import { UnifiedService } from './unified/unified.service';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig): DynamicModule {
    const kafka = createKafka({ brokers: brokerList(config), clientId: `${config.KAFKA_CLIENT_ID}-gateway` });
    const registry = new ProviderRegistry();
    const producer = new ReliableProducer(kafka, 5_000);
    // Cursors are signed with a key derived from the encryption keys, so no extra secret is needed.
    const cursorKey = createHash('sha256').update(`cursor:${config.ENCRYPTION_KEYS}`).digest();
    return {
      module: GatewayModule,
      imports: [
        HealthModule.forKafka(kafka),
        StoreModule.forRoot(config, { hotReadCacheMs: config.GATEWAY_READ_CACHE_MS }),
      ],
      controllers: [
        EventContractController,
        AdminController,
        ConnectionsController,
        ConnectSessionsController,
        ConnectPageController,
        IntegrationsController,
        AttachmentsController,
        UnifiedController,
        BatchController,
        ProxyController,
        OverridesController,
        SubscriptionsController,
        SyncsController,
      ],
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: ProviderRegistry, useValue: registry },
        {
          provide: ProviderClient,
          inject: [STORE, ConnectionEventsPublisher],
          useFactory: (store: Store, events: ConnectionEventsPublisher) =>
            new ProviderClient({
              registry,
              transport: new HttpTransport(config.PROVIDER_TIMEOUT_MS),
              tokens: new TokenRefresher(registry, tokenLeasesOf(store), {
                timeoutMs: config.PROVIDER_TIMEOUT_MS,
                onNeedsReauth: (connection, at) =>
                  events.publish(
                    connection,
                    'needs_reauth',
                    at,
                    `${connection.provider} refused to refresh the tokens`,
                  ),
              }),
            }),
        },
        {
          provide: TokenRevoker,
          inject: [STORE],
          useFactory: (store: Store) =>
            new TokenRevoker(registry, tokenLeasesOf(store), undefined, config.PROVIDER_TIMEOUT_MS),
        },
        {
          provide: AppInstallationTokenMinter,
          useValue: new AppInstallationTokenMinter(undefined, config.PROVIDER_TIMEOUT_MS),
        },
        { provide: CursorSigner, useValue: new CursorSigner(cursorKey) },
        { provide: ReliableProducer, useValue: producer },
        // Provisions the topics (connection events are written here) and closes the producer at shutdown.
        { provide: BusLifecycle, useValue: new BusLifecycle(kafka, ALL_TOPICS, producer) },
        ConnectionEventsPublisher,
        {
          provide: FairUseLimiter,
          // Each process enforces its share of the limits among the processes its tenants reach.
          useValue: FairUseLimiter.perWorker(
            fairUseLimitsOf(config),
            workersOfLane(
              parseTenantLanes(config.GATEWAY_TENANT_LANES),
              config.GATEWAY_LANE ?? DEFAULT_LANE,
              config.GATEWAY_WORKERS,
            ),
          ),
        },
        RecentApiKeys,
        OverrideFailureRecorder,
        TenantSandbox,
        AdminGuard,
        TenantAuthGuard,
        ConnectionsService,
        WebhookRegistrationService,
        ConnectSessionsService,
        ConnectPageService,
        OAuthConnectService,
        UnifiedService,
        AttachmentsService,
        OverridesService,
        IdempotencyJanitor,
        SubscriptionsService,
        SyncsService,
      ],
    };
  }
}
