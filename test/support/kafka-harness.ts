import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface BrokerHandle {
  brokers: string;
  origin: 'KAFKA_BROKERS' | 'testcontainers' | 'local-script';
  stop(): Promise<void>;
}

/**
 * Chooses the broker the tests run against, in the order the project promises:
 * an explicit cluster (KAFKA_BROKERS), then testcontainers when a container runtime answers,
 * then the project's own local Kafka (scripts/kafka.sh), which it starts if needed.
 */
export async function acquireBroker(): Promise<BrokerHandle> {
  if (process.env.KAFKA_BROKERS) {
    return { brokers: process.env.KAFKA_BROKERS, origin: 'KAFKA_BROKERS', stop: async () => undefined };
  }
  const fromContainer = await tryTestcontainers();
  if (fromContainer) return fromContainer;
  return startLocalBroker();
}

async function tryTestcontainers(): Promise<BrokerHandle | undefined> {
  if (process.env.TESTCONTAINERS_DISABLED === 'true') return undefined;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await withTimeout(getContainerRuntimeClient(), 5_000);
  } catch {
    return undefined; // no container runtime answered: fall through to the local broker
  }
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
  const brokers = `${container.getHost()}:${container.getMappedPort(9093)}`;
  return { brokers, origin: 'testcontainers', stop: async () => void (await container.stop()) };
}

function startLocalBroker(): BrokerHandle {
  const script = path.join(REPO_ROOT, 'scripts/kafka.sh');
  execFileSync('bash', [script, 'start'], { stdio: 'inherit' });
  const port = process.env.KAFKA_PORT ?? '9092';
  // The broker is left running: it is shared by later runs and stopped by `npm run kafka:stop`.
  return { brokers: `127.0.0.1:${port}`, origin: 'local-script', stop: async () => undefined };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}
