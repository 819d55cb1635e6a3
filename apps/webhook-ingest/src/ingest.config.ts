import { PlatformSettings } from '@app/config';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class IngestConfig extends PlatformSettings {
  @IsInt()
  @Min(0)
  @Max(65535)
  INGEST_PORT: number = 3001;

  @IsString()
  @IsNotEmpty()
  INGEST_HOST: string = '127.0.0.1';

  /** Largest accepted delivery; larger ones get 413. */
  @IsInt()
  @Min(1024)
  INGEST_MAX_BODY_BYTES: number = 1024 * 1024;

  /** How long to wait for the broker's acknowledgement before answering 503. */
  @IsInt()
  @Min(100)
  INGEST_PUBLISH_TIMEOUT_MS: number = 5_000;

  /** How long a delivery id is remembered: a redelivery inside the window answers 200 and publishes nothing. */
  @IsInt()
  @Min(1)
  INGEST_DEDUP_WINDOW_HOURS: number = 72;

  /**
   * How long (ms) a connection read for a delivery is reused for the next ones (0: read every time). A
   * webhook secret rotated or a connection deleted through another process shows within this bound
   * (docs/operations/caches.md).
   */
  @IsInt()
  @Min(0)
  @Max(2_000)
  INGEST_READ_CACHE_MS: number = 1_000;

  /** Seconds a provider is told to wait (Retry-After) when the broker did not acknowledge. */
  @IsInt()
  @Min(1)
  INGEST_RETRY_AFTER_SECONDS: number = 5;
}
