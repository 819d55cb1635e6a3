import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, ensureTopics, TOPICS } from '@app/bus';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { freshStoreEnv, openE2eStore } from './e2e-store';
import { startGroupAtEnd } from './topic-recorder';
import { loadConfig } from '@app/config';
import { ProviderRegistry, signWebhook } from '@app/providers';
import type { NewConnection } from '@app/store';
import { IngestConfig } from '../../apps/webhook-ingest/src/ingest.config';
import { createIngestApp } from '../../apps/webhook-ingest/src/ingest.app';
import { NormalizerConfig } from '../../apps/normalizer/src/normalizer.config';
import { startNormalizer } from '../../apps/normalizer/src/normalizer.app';
// The run's broker (CI may move it off 9092): loadConfig's env argument replaces process.env.
import { BROKERS } from '../dispatch/dispatch-support';

export interface SeededStore {
  /** Environment for apps that read this store. */
  env: Record<string, string>;
  tenantId: string;
  connectionIds: string[];
}

/** GitHub's webhook signature scheme as its definition declares it, for signing test deliveries. */
export const GITHUB_WEBHOOK_SCHEME = new ProviderRegistry().get('github').webhooks!
  .verification as Parameters<typeof signWebhook>[0];

/** A GitHub connection whose webhooks are signed with `webhookSecret`; its API token is never used. */
export function githubConnection(
  webhookSecret: string,
  settings: Record<string, string> = { owner: 'o', repo: 'r' },
): NewConnection {
  return { provider: 'github', settings, credentials: { token: 'unused' }, webhookSecret };
}

/**
 * A fresh store (SQLite temp file, or its own PostgreSQL database when E2E_STORE_DRIVER=postgres;
 * new encryption key) holding one tenant and the given connections.
 */
export async function seedStore(connections: NewConnection[]): Promise<SeededStore> {
  const env = freshStoreEnv('ticketing-e2e');
  const store = await openE2eStore(env);
  try {
    const tenant = await store.tenants.create({ name: 'e2e tenant' });
    const connectionIds: string[] = [];
    for (const connection of connections)
      connectionIds.push((await store.connections.create(tenant.id, connection)).id);
    return { env, tenantId: tenant.id, connectionIds };
  } finally {
    await store.close();
  }
}

export async function startIngest(
  env: Record<string, string>,
): Promise<{ app: NestFastifyApplication; url: string }> {
  const config = loadConfig('webhook-ingest', IngestConfig, {
    LOG_LEVEL: 'error',
    INGEST_PORT: '0',
    KAFKA_BROKERS: BROKERS,
    ...env,
  });
  const app = await createIngestApp(config);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

/** Starts a normalizer in a fresh consumer group that begins at the raw topic's current end. */
export async function startNormalizerApp(env: Record<string, string>): Promise<INestApplicationContext> {
  const config = loadConfig('normalizer', NormalizerConfig, {
    LOG_LEVEL: 'error',
    NORMALIZER_GROUP_ID: `e2e-normalizer-${randomUUID()}`,
    KAFKA_BROKERS: BROKERS,
    ...env,
  });
  const kafka = new Kafka({ brokers: config.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  await ensureTopics(kafka, ALL_TOPICS);
  await startGroupAtEnd(kafka, config.NORMALIZER_GROUP_ID, [TOPICS.rawWebhooks]);
  return startNormalizer(config);
}
