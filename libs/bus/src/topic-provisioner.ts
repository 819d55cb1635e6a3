import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import type { TopicSpec } from './topics';

/** Topic limit for one record batch (the broker default is 1 MiB). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * Creates the topics an app needs if they are missing. Apps call this at start-up so a fresh
 * broker (auto.create.topics.enable=false) works without a separate provisioning step.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.topic,
          numPartitions: t.numPartitions,
          replicationFactor: -1,
          // Raw deliveries may be up to the ingest's 1 MiB body limit plus their envelope.
          configEntries: [{ name: 'max.message.bytes', value: String(MAX_MESSAGE_BYTES) }],
        })),
      });
    }
    // Topics made before this limit existed get it too (alterConfigs is idempotent for one entry).
    await admin.alterConfigs({
      validateOnly: false,
      resources: topics.map((t) => ({
        type: ConfigResourceTypes.TOPIC,
        name: t.topic,
        configEntries: [{ name: 'max.message.bytes', value: String(MAX_MESSAGE_BYTES) }],
      })),
    });
    await waitForLeaders(
      admin,
      topics.map((t) => t.topic),
    );
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Every partition has a leader. `createTopics({waitForLeaders})` covers only the topics this call made:
 * when another app created them a moment ago (apps start together on a fresh broker), they exist before
 * their leaders are elected, and an offset or produce request in that window is refused.
 */
async function waitForLeaders(
  admin: ReturnType<Kafka['admin']>,
  topics: string[],
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const metadata = await admin.fetchTopicMetadata({ topics }).catch(() => undefined);
    const ready = metadata?.topics.every(
      (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
    );
    if (ready || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
