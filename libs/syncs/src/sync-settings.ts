import { IsInt, Max, Min } from 'class-validator';

/**
 * The snapshot runner's settings, read from the environment by the app that runs it (apps/poller) and
 * validated at start-up like every app's config (docs/snapshots.md).
 */
export class SyncSettings {
  /** Records asked per provider page; the provider's own maximum caps it. */
  @IsInt()
  @Min(1)
  @Max(1000)
  SYNC_PAGE_SIZE: number = 100;

  /** A job whose runner stops renewing its lease for this long is resumed by another runner. */
  @IsInt()
  @Min(2)
  @Max(3600)
  SYNC_LEASE_SECONDS: number = 30;

  /** Between looks for a queued job when there was none. */
  @IsInt()
  @Min(10)
  SYNC_IDLE_MS: number = 1_000;

  /** Per provider request. */
  @IsInt()
  @Min(1)
  SYNC_PROVIDER_TIMEOUT_MS: number = 15_000;
}
