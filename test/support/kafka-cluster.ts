import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './kafka-harness';

const script = `${REPO_ROOT}/scripts/kafka.sh`;
const run = promisify(execFile);

/**
 * The project's 3-node KRaft cluster (`scripts/kafka.sh cluster`, replication factor 3,
 * min.insync.replicas 2) for fleet tests: started if needed, its broker list returned.
 */
export function startKafkaCluster(): string {
  const out = execFileSync('bash', [script, 'cluster', 'start'], { encoding: 'utf8', timeout: 180_000 });
  return out.trim().split('\n').pop()!.trim();
}

/** SIGKILL one node (a crash: nothing flushed). */
export async function killKafkaNode(node: number): Promise<void> {
  await run('bash', [script, 'cluster', 'kill', String(node)]);
}

/** Starts a killed node and waits until it serves metadata and has rejoined. */
export async function reviveKafkaNode(node: number): Promise<void> {
  await run('bash', [script, 'cluster', 'revive', String(node)], { timeout: 180_000 });
}

export function stopKafkaCluster(): void {
  execFileSync('bash', [script, 'cluster', 'stop'], { stdio: 'ignore', timeout: 120_000 });
}
