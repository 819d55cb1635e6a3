import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@app/config';
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { freshStoreEnv } from './e2e-store';

export const ADMIN_KEY = `admin-${randomBytes(24).toString('hex')}`;

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  /** A JSON call with an optional bearer key; returns status, headers and parsed body. */
  call(
    method: string,
    route: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiAnswer>;
  close(): Promise<void>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

/**
 * Starts the gateway in-process on an ephemeral port. Its store is the one `env` names, else a fresh
 * one on the e2e driver (SQLite, or PostgreSQL when E2E_STORE_DRIVER=postgres).
 */
export async function startGateway(env: Record<string, string> = {}): Promise<RunningGateway> {
  const namesStore = ['STORE_DRIVER', 'SQLITE_PATH', 'DATABASE_URL'].some((name) => name in env);
  const config = loadConfig('gateway', GatewayConfig, {
    LOG_LEVEL: 'error',
    ADMIN_API_KEY: ADMIN_KEY,
    ...(namesStore ? {} : freshStoreEnv('gateway-e2e')),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    PROVIDER_BASE_URL_ALLOWLIST: '127.0.0.1',
    // Short enough for tests of slowness, long enough for an emulator on a loaded CI machine (1 s was not).
    PROVIDER_TIMEOUT_MS: '3000',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    ...env,
  });
  const app = await createGatewayApp(config);
  await app.listen(Number(env.GATEWAY_PORT ?? 0), '127.0.0.1');
  const url = await app.getUrl();
  const call: RunningGateway['call'] = async (method, route, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${route}`, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, headers: response.headers, body, text };
  };
  return { app, url, call, close: () => app.close() };
}

/** A port free on loopback right now (for a gateway whose public URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Creates a tenant through the admin API and returns its id and API key. */
export async function createTenant(
  gateway: RunningGateway,
  name: string,
): Promise<{ id: string; key: string }> {
  const answer = await gateway.call('POST', '/admin/tenants', { key: ADMIN_KEY, body: { name } });
  if (answer.status !== 201) throw new Error(`tenant creation failed: ${answer.status} ${answer.text}`);
  return { id: answer.body.tenant.id, key: answer.body.api_key.secret };
}

/** A connection of the tenant to the GitHub emulator's seeded repository; returns its id. */
export async function connectGithubEmulator(
  gateway: RunningGateway,
  key: string,
  emulatorUrl: string,
): Promise<string> {
  const answer = await gateway.call('POST', '/connections', {
    key,
    body: {
      provider: 'github',
      settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulatorUrl },
      credentials: { token: GITHUB_SEED_TOKEN },
    },
  });
  if (answer.status !== 201) throw new Error(`connection failed: ${answer.status} ${answer.text}`);
  return answer.body.id as string;
}
