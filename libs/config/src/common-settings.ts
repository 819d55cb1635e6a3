import { IsIn, IsNotEmpty, IsString, Matches } from 'class-validator';

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
