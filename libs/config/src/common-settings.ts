import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Settings every service shares: where Kafka is and how to log. */
export class KafkaSettings {
  /** Comma-separated host:port list. */
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  @IsString()
  @IsNotEmpty()
  KAFKA_CLIENT_ID: string = 'unified-ticketing';

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';
}

export function brokerList(settings: KafkaSettings): string[] {
  return settings.KAFKA_BROKERS.split(',').map((b) => b.trim());
}

/** Settings of every app that reads the store (tenants, connections, overrides, dedup keys). */
export class PlatformSettings extends KafkaSettings {
  @IsIn(['sqlite', 'postgres'])
  STORE_DRIVER: 'sqlite' | 'postgres' = 'sqlite';

  /** The embedded database file (shared by the apps of one machine; WAL mode). */
  @IsString()
  @IsNotEmpty()
  SQLITE_PATH: string = '.data/ticketing.sqlite';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * PostgreSQL connections this process may hold (docs/operations/scaling.md): the sum over every
   * instance of every app must stay under the server's max_connections.
   */
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  /** `kid:<base64 of 32 bytes>` pairs, comma-separated; the first seals new data unless ENCRYPTION_ACTIVE_KEY_ID names another. */
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/, {
    message: 'ENCRYPTION_KEYS must be kid:<base64 32-byte key>[,kid:<key>...] (openssl rand -base64 32)',
  })
  ENCRYPTION_KEYS!: string;

  @IsOptional()
  @IsString()
  ENCRYPTION_ACTIVE_KEY_ID?: string;

  /**
   * OTLP/HTTP collector (e.g. http://otel-collector:4318): traces are exported there as JSON. Unset
   * (the default), tracing is off and costs nothing (docs/operations/observability.md).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s):// URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** How long finished spans are batched before export (ms). */
  @IsInt()
  @Min(10)
  @Max(60_000)
  OTEL_BSP_SCHEDULE_DELAY: number = 5_000;
}
