import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type KafkaConfig, type logCreator } from 'kafkajs';
import { useNativeCrc32c } from './native-crc32c';

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
// Known, understood notices: the v2 partitioner change (we never relied on v1 placement) and bounded
// producer retries (deliberate: callers get a bounded answer; duplicates are removed by event id).
const SILENCED = [/switched default partitioner/, /Limiting retries for the idempotent producer/];

const nestLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...rest } = log;
    if (SILENCED.some((pattern) => pattern.test(message))) return;
    const entry = { msg: message, ...rest };
    if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(entry);
    else if (level === logLevel.INFO) logger.debug(entry);
  };
};

/** The only place that constructs the Kafka client, so the client library can be swapped behind the bus. */
export function createKafka(options: BusOptions): Kafka {
  useNativeCrc32c();
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
