import { PlatformSettings, withConsumerWorkerSettings } from '@app/config';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class NormalizerConfig extends withConsumerWorkerSettings(PlatformSettings) {
  /** Consumer group: every normalizer replica joins the same one and they share the partitions. */
  @IsString()
  @IsNotEmpty()
  NORMALIZER_GROUP_ID: string = 'ticketing-normalizer';

  /**
   * Milliseconds a connection read for mapping a delivery is kept (0: read the store for each one). A
   * connection's settings or credentials changed, or the connection deleted, through another process
   * show within this bound (docs/operations/caches.md).
   */
  @IsInt()
  @Min(0)
  @Max(2_000)
  NORMALIZER_READ_CACHE_MS: number = 1_000;
}
