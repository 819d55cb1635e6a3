import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern needs a constructor of any arguments
type SettingsClass = new (...args: any[]) => object;

/**
 * Settings of the apps that consume Kafka in a group and serve no HTTP of their own (normalizer,
 * dispatcher): how fast the group forgets a crashed member, and where their readiness is answered.
 */
export function withConsumerWorkerSettings<TBase extends SettingsClass>(Base: TBase) {
  class ConsumerWorkerSettings extends Base {
    /**
     * How long the group waits for a member that died without leaving before its partitions move on
     * (a clean shutdown leaves at once). Kafka's broker accepts 6 s to 30 min by default.
     */
    @IsInt()
    @Min(6_000)
    @Max(1_800_000)
    KAFKA_SESSION_TIMEOUT_MS: number = 30_000;

    /**
     * This instance's name in its consumer group (Kafka's static membership), unique among the app's
     * instances and kept across restarts (a StatefulSet's pod name, `normalizer-1`): restarted under the
     * same name, it takes the crashed instance's partitions at once instead of after the session timeout.
     * Unset: the group waits out a crashed member's session (dynamic membership).
     */
    @IsOptional()
    @Matches(/^[A-Za-z0-9._-]{1,200}$/, {
      message: 'KAFKA_GROUP_INSTANCE_ID must be 1 to 200 letters, digits, dots, dashes or underscores',
    })
    KAFKA_GROUP_INSTANCE_ID?: string;

    /** Port of `/health/live` and `/health/ready` (ready = member of its consumer group); unset: none. */
    @IsOptional()
    @IsInt()
    @Min(0)
    @Max(65_535)
    HEALTH_PORT?: number;

    @IsString()
    HEALTH_HOST: string = '127.0.0.1';
  }
  return ConsumerWorkerSettings;
}
