import { DeliveryPolicySettings } from '@app/delivery';
import { withTenantIsolationSettings } from './fair-use/tenant-isolation-settings';
import { IsCpuList, IsTenantLanes } from './tenant-lanes/tenant-lanes';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** The gateway validates subscription URLs with the same delivery policy the dispatcher enforces. */
export class GatewayConfig extends withTenantIsolationSettings(DeliveryPolicySettings) {
  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_PORT: number = 3000;

  @IsString()
  @IsNotEmpty()
  GATEWAY_HOST: string = '127.0.0.1';

  /**
   * Port of the gateway's Prometheus `/metrics`, apart from the port tenants call (unset: none). With
   * GATEWAY_WORKERS > 1 the cluster primary serves it, summing every worker's figures.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_METRICS_PORT?: number;

  @IsString()
  @IsNotEmpty()
  GATEWAY_METRICS_HOST: string = '127.0.0.1';

  /** Creates tenants and their API keys (`Authorization: Bearer <admin key>` on /admin). */
  @IsString()
  @MinLength(24, { message: 'ADMIN_API_KEY must be at least 24 characters' })
  ADMIN_API_KEY!: string;

  /** Where providers should send webhooks (the public URL of webhook-ingest). */
  @IsString()
  @IsNotEmpty()
  PUBLIC_WEBHOOK_BASE_URL: string = 'http://127.0.0.1:3001';

  /** The gateway's public URL, for links it hands out (hosted connect pages). */
  @IsString()
  @IsNotEmpty()
  PUBLIC_GATEWAY_URL: string = 'http://127.0.0.1:3000';

  /** How often the provider webhooks we registered are checked (and re-created when gone); 0: never. */
  @IsInt()
  @Min(0)
  WEBHOOK_CHECK_INTERVAL_SECONDS: number = 900;

  /** How long a hosted connect session's link stays valid. */
  @IsInt()
  @Min(60)
  @Max(86_400)
  CONNECT_SESSION_TTL_SECONDS: number = 1800;

  /**
   * Hosts a connection's `base_url` setting may point at (comma-separated host or host:port). Empty by
   * default: connections then reach only their provider's public API, never a private network.
   */
  @IsString()
  PROVIDER_BASE_URL_ALLOWLIST: string = '';

  @IsInt()
  @Min(1)
  PROVIDER_TIMEOUT_MS: number = 15_000;

  /**
   * How long an API key's tenant, a connection's opened credentials and its mapping overrides are kept in
   * memory (ms; 0: read the store on every call). Changes made through this process show at once; a key
   * revoked or credentials rotated through another gateway process show within this bound
   * (docs/operations/caches.md).
   */
  @IsInt()
  @Min(0)
  @Max(2_000)
  GATEWAY_READ_CACHE_MS: number = 1_000;

  /**
   * The largest file an attachment upload may carry (bytes; 25 MB by default). Uploads are held in
   * memory while the provider's flow runs, so this bounds what one upload costs; downloads stream and
   * have no limit.
   */
  @IsInt()
  @Min(1)
  @Max(1024 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES: number = 25 * 1024 * 1024;

  /**
   * Worker processes sharing the gateway's port (Node cluster). Mapping and serializing provider pages
   * is CPU work on one thread per process: set this to the cores the gateway may use.
   */
  @IsInt()
  @Min(1)
  @Max(64)
  GATEWAY_WORKERS: number = 1;

  /**
   * Lanes of worker processes reserved for named tenants (`<lane>:<workers>=<tenant id>,…;…`): the
   * primary reads the API key of each new connection's first request and hands the connection to a
   * worker of that tenant's lane; every other tenant is served by the GATEWAY_WORKERS default workers.
   */
  @IsOptional()
  @IsTenantLanes()
  GATEWAY_TENANT_LANES?: string;

  /**
   * With GATEWAY_TENANT_LANES, the nice value of the default lane's processes (0: the same priority as
   * the lanes). Above 0, a lane's worker that wakes up gets a busy core before the default lane's.
   */
  @IsInt()
  @Min(0)
  @Max(19)
  GATEWAY_DEFAULT_LANE_NICE: number = 0;

  /**
   * With GATEWAY_TENANT_LANES, the CPUs the default lane's processes are pinned to (a Linux CPU list:
   * `0`, `0-1`, `0,2`); unset, they run on any. With the lanes' own `@<cpus>`, a lane's cores run nothing
   * of the default lane's, so another tenant's flood cannot take a core a lane needs.
   */
  @IsOptional()
  @IsCpuList()
  GATEWAY_DEFAULT_LANE_CPUS?: string;

  /** Set by the primary for each worker it starts with GATEWAY_TENANT_LANES: the lane it serves. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/)
  GATEWAY_LANE?: string;
}
