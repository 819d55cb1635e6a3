import { PlatformSettings } from '@app/config';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Every setting of the poller (docs/polling.md); the defaults are production values. */
export class PollerConfig extends PlatformSettings {
  /** Seconds between polls per resource, `resource=seconds` comma-separated; `default` for the rest. */
  @Matches(/^[a-z_]+=[1-9]\d*(,[a-z_]+=[1-9]\d*)*$/, {
    message:
      'POLL_INTERVALS must be resource=seconds pairs, comma-separated (tickets=60,comments=60,default=900)',
  })
  POLL_INTERVALS: string = 'tickets=60,comments=60,default=900';

  /** Only these unified resources (comma-separated); empty: every resource a definition marks pollable. */
  @Matches(/^([a-z_]+(,[a-z_]+)*)?$/, { message: 'POLL_RESOURCES must be resource names, comma-separated' })
  POLL_RESOURCES: string = '';

  /** Seconds between whole listings that find deletions of resources listed by update time. */
  @IsInt()
  @Min(1)
  POLL_RECONCILE_SECONDS: number = 3600;

  /** Seconds each listing reaches back before the watermark (clock skew, minute-precision filters). */
  @IsInt()
  @Min(0)
  POLL_OVERLAP_SECONDS: number = 120;

  /**
   * On connections that receive webhooks, records changed this recently wait for the next cycle: their
   * webhook's event comes first and the poll publishes nothing again. Below POLL_OVERLAP_SECONDS.
   */
  @IsInt()
  @Min(0)
  POLL_WEBHOOK_GRACE_SECONDS: number = 30;

  /** A task whose poller stops renewing for this long is taken over by another poller. */
  @IsInt()
  @Min(2)
  POLL_LEASE_SECONDS: number = 60;

  /** Share of each connection's provider rate limit the poller may spend. */
  @IsNumber()
  @Min(0.01)
  @Max(1)
  POLL_RATE_LIMIT_SHARE: number = 0.2;

  /** The hourly limit assumed where the provider's answers name none. */
  @IsInt()
  @Min(1)
  POLL_FALLBACK_LIMIT_PER_HOUR: number = 3600;

  /** Cycles this poller runs at once. */
  @IsInt()
  @Min(1)
  @Max(64)
  POLL_CONCURRENCY: number = 4;

  /** How long an idle worker waits before looking for due tasks again. */
  @IsInt()
  @Min(10)
  POLL_IDLE_MS: number = 1_000;

  /** How often new connections are picked up. */
  @IsInt()
  @Min(100)
  POLL_REFRESH_MS: number = 30_000;

  @IsInt()
  @Min(1)
  @Max(100)
  POLL_PAGE_SIZE: number = 100;

  /** Port of `/health/live` and `/health/ready`; unset: none. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65_535)
  HEALTH_PORT?: number;

  @IsString()
  HEALTH_HOST: string = '127.0.0.1';
}
