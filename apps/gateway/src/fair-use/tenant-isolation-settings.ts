import { IsInt, Max, Min } from 'class-validator';
import { MIN_SANDBOX_MEMORY_MB } from '@app/providers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern needs a constructor of any arguments
type SettingsClass = new (...args: any[]) => object;

/**
 * What one tenant may take of a gateway: requests per second and in flight (per tenant and per API key;
 * 0 turns a limit off), and its share of the sandbox that runs tenants' JSONata. With GATEWAY_WORKERS=N
 * each worker enforces 1/N of the request limits (connections are dealt round-robin to the workers).
 */
export function withTenantIsolationSettings<TBase extends SettingsClass>(Base: TBase) {
  class TenantIsolationSettings extends Base {
    @IsInt()
    @Min(0)
    TENANT_RATE_LIMIT_PER_SECOND: number = 100;

    /** Requests a tenant may make at once above its rate (a token bucket's size). */
    @IsInt()
    @Min(0)
    TENANT_RATE_LIMIT_BURST: number = 200;

    @IsInt()
    @Min(0)
    TENANT_MAX_CONCURRENT_REQUESTS: number = 32;

    @IsInt()
    @Min(0)
    API_KEY_RATE_LIMIT_PER_SECOND: number = 100;

    @IsInt()
    @Min(0)
    API_KEY_RATE_LIMIT_BURST: number = 200;

    @IsInt()
    @Min(0)
    API_KEY_MAX_CONCURRENT_REQUESTS: number = 32;

    /** Sandbox processes running tenants' overrides and previews (never the request thread). */
    @IsInt()
    @Min(1)
    @Max(32)
    TENANT_SANDBOX_WORKERS: number = 2;

    /** Heap of one sandbox process; an evaluation needing more ends that process alone (422). */
    @IsInt()
    @Min(MIN_SANDBOX_MEMORY_MB)
    @Max(4_096)
    TENANT_SANDBOX_MEMORY_MB: number = 256;

    /** Overrides of one tenant evaluated at once; the rest wait in its queue. */
    @IsInt()
    @Min(1)
    TENANT_SANDBOX_CONCURRENCY: number = 1;

    /** Evaluations of one tenant that may wait; beyond that its calls answer 429. */
    @IsInt()
    @Min(1)
    TENANT_SANDBOX_QUEUE: number = 16;

    /** How long an evaluation may wait for a sandbox process before its call answers 429. */
    @IsInt()
    @Min(100)
    @Max(60_000)
    TENANT_SANDBOX_MAX_WAIT_MS: number = 5_000;
  }
  return TenantIsolationSettings;
}
