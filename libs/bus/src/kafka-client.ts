import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type KafkaConfig, type logCreator } from 'kafkajs';

export interface BusOptions {
  brokers: string[];
  clientId: string;
  /** Upper bound for one request to the broker; keeps HTTP callers from hanging when it is down. */
  requestTimeoutMs?: number;
  /** Upper bound for establishing a connection. */
  connectionTimeoutMs?: number;
}

/**
 * kafkajs logs through the app's JSON logger. Its ERROR entries are mostly retried connection
 * failures, so they are warnings here; the bus reports real failures itself as errors.
 */
const nestLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...rest } = log;
    const entry = { msg: message, ...rest };
    if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(entry);
    else if (level === logLevel.INFO) logger.debug(entry);
  };
};

/** The only place that constructs the Kafka client, so the client library can be swapped behind the bus. */
export function createKafka(options: BusOptions): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator,
    retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 2_000 },
  };
  return new Kafka(config);
}
