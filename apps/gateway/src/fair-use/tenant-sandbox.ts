import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ProviderClient, TenantExpressionPool, DEFAULT_SANDBOX_LIMITS } from '@app/providers';
import { GatewayConfig } from '../gateway.config';
import { OverrideFailureRecorder } from '../overrides/override-failure-recorder';

/**
 * Moves tenants' JSONata (overrides, previews) off the request thread into a pool of sandbox processes with
 * a per-tenant share, and reports their failures to the recorder. The definitions' own expressions keep
 * running compiled, in-process.
 */
@Injectable()
export class TenantSandbox implements OnApplicationShutdown {
  readonly pool: TenantExpressionPool;

  constructor(client: ProviderClient, recorder: OverrideFailureRecorder, config: GatewayConfig) {
    this.pool = new TenantExpressionPool({
      ...DEFAULT_SANDBOX_LIMITS,
      workers: config.TENANT_SANDBOX_WORKERS,
      memoryMb: config.TENANT_SANDBOX_MEMORY_MB,
      perTenantConcurrency: config.TENANT_SANDBOX_CONCURRENCY,
      perTenantQueue: config.TENANT_SANDBOX_QUEUE,
      maxWaitMs: config.TENANT_SANDBOX_MAX_WAIT_MS,
    });
    client.expressions.isolateTenantExpressions(this.pool);
    client.expressions.onOverrideFailure((error) => recorder.record(error));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
