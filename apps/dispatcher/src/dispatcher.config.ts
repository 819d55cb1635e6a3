import { withConsumerWorkerSettings } from '@app/config';
import { DEFAULT_RETRY_SCHEDULE, DeliveryPolicySettings } from '@app/delivery';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Matches, Max, Min } from 'class-validator';

const DAY_MS = 24 * 60 * 60 * 1000;
const DURATION = String.raw`\d+(\.\d+)?(ms|s|m|h|d)?`;

/** Every setting of the dispatcher (see docs/delivery.md); the defaults are production values. */
export class DispatcherConfig extends withConsumerWorkerSettings(DeliveryPolicySettings) {
  /** Consumer group: replicas share the partitions; each event is routed once per group. */
  @IsString()
  @IsNotEmpty()
  DISPATCH_GROUP_ID: string = 'ticketing-dispatcher';

  /** Delay before each attempt, comma-separated durations; its length is the number of attempts. */
  @Matches(new RegExp(`^${DURATION}(,${DURATION})*$`), {
    message: 'DISPATCH_RETRY_SCHEDULE must be comma-separated durations such as 0,5s,5m,30m,2h',
  })
  DISPATCH_RETRY_SCHEDULE: string = DEFAULT_RETRY_SCHEDULE;

  /** ±fraction of random jitter on every delay. */
  @IsNumber()
  @Min(0)
  @Max(0.9)
  DISPATCH_RETRY_JITTER: number = 0.2;

  /** A subscriber's Retry-After is honoured up to this long. */
  @IsInt()
  @Min(0)
  DISPATCH_RETRY_AFTER_MAX_MS: number = 10 * 60 * 60 * 1000;

  /** Minimum wait after a timeout or a 429. */
  @IsInt()
  @Min(0)
  DISPATCH_THROTTLED_MIN_DELAY_MS: number = 60_000;

  /** Whole-attempt deadline: connect, send, answer. */
  @IsInt()
  @Min(1)
  DISPATCH_TIMEOUT_MS: number = 15_000;

  /** A subscription failing without a single success for this long is disabled. */
  @IsInt()
  @Min(1)
  DISPATCH_DISABLE_AFTER_MS: number = 5 * DAY_MS;

  /** How long delivered events (bodies) and attempts are kept for the log and for replay. */
  @IsInt()
  @Min(1)
  DISPATCH_EVENT_RETENTION_MS: number = 7 * DAY_MS;

  /** Deliveries in flight per subscription (per dispatcher instance). */
  @IsInt()
  @Min(1)
  DISPATCH_CONCURRENCY_PER_SUBSCRIPTION: number = 4;

  /** Deliveries in flight per dispatcher instance, all subscriptions together. */
  @IsInt()
  @Min(1)
  DISPATCH_MAX_IN_FLIGHT: number = 64;

  /** How often the scheduler looks for due retries (new events wake it at once). */
  @IsInt()
  @Min(10)
  DISPATCH_POLL_INTERVAL_MS: number = 500;

  /** A claimed delivery is another instance's to take after this long; must exceed the timeout. */
  @IsInt()
  @Min(100)
  DISPATCH_LEASE_MS: number = 60_000;

  /** How often retention is applied. */
  @IsInt()
  @Min(1_000)
  DISPATCH_PURGE_INTERVAL_MS: number = 60 * 60 * 1000;

  /** Where the consumer group starts when it has no committed offset yet. */
  @IsIn(['earliest', 'latest'])
  DISPATCH_START_FROM: 'earliest' | 'latest' = 'earliest';
}

/** Cross-field rules class-validator cannot express; returns problems like loadConfig does. */
export function dispatcherConfigProblems(config: DispatcherConfig): string[] {
  const problems: string[] = [];
  if (config.DISPATCH_LEASE_MS <= config.DISPATCH_TIMEOUT_MS) {
    problems.push(
      'DISPATCH_LEASE_MS must exceed DISPATCH_TIMEOUT_MS, or a slow delivery could be sent twice at once',
    );
  }
  return problems;
}
