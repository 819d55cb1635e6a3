import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/kafka.sh');

/**
 * The reliability tests stop and start the real broker, so they need the project's own local broker
 * (scripts/kafka.sh), not an external cluster they cannot control.
 */
export function assertLocalBroker(): void {
  try {
    execFileSync('bash', [SCRIPT, 'status'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      'the reliability tests stop and restart Kafka: run them against the local broker (bash scripts/kafka.sh start)',
    );
  }
}

export function stopBroker(): void {
  execFileSync('bash', [SCRIPT, 'stop'], { stdio: 'pipe' });
}

export function startBroker(): void {
  execFileSync('bash', [SCRIPT, 'start'], { stdio: 'pipe' });
}
