import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { checkEnvironment, configKeys } from '@app/config';
import { GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { IngestConfig } from '../../apps/webhook-ingest/src/ingest.config';
import { NormalizerConfig } from '../../apps/normalizer/src/normalizer.config';
import { DispatcherConfig } from '../../apps/dispatcher/src/dispatcher.config';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
}

/** What a user exports before `docker compose up`, substituted the way compose does (`${NAME:?msg}`). */
const USER_ENV: Record<string, string> = {
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  ADMIN_API_KEY: randomBytes(24).toString('hex'),
};

function interpolate(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      String(value).replace(/\$\{([A-Z_]+)(?::[?-][^}]*)?\}/g, (_m, name: string) => {
        if (!(name in USER_ENV))
          throw new Error(`docker-compose.yml uses \${${name}} that the test does not know`);
        return USER_ENV[name];
      }),
    ]),
  );
}

// No Docker engine runs here, so the compose file is checked against the apps' own config schemas.
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  };
  const apps: Record<string, new () => object> = {
    gateway: GatewayConfig,
    'webhook-ingest': IngestConfig,
    normalizer: NormalizerConfig,
    dispatcher: DispatcherConfig,
  };

  it.each(Object.entries(apps))('%s: every variable is a valid setting of the app', (name, config) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    expect(service.command?.join(' ')).toContain(`dist/apps/${name}/src/main.js`);
    const env = interpolate(service.environment ?? {});
    expect(checkEnvironment(config, env)).toEqual([]);
    expect(env.KAFKA_BROKERS).toBe('kafka:9092');
    expect(Object.keys(env).every((k) => configKeys(config).includes(k))).toBe(true);
  });

  it('runs a KRaft broker the apps can reach', () => {
    const kafka = compose.services.kafka as ComposeService & { image: string };
    expect(kafka.image).toMatch(/^apache\/kafka:4\./);
    expect(kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it('would flag a misspelt or invalid variable', () => {
    expect(
      checkEnvironment(IngestConfig, { ENCRYPTION_KEYS: USER_ENV.ENCRYPTION_KEYS, INGEST_PORTT: '1' }),
    ).toEqual(['INGEST_PORTT is not a setting of this app']);
    expect(
      checkEnvironment(IngestConfig, {
        ENCRYPTION_KEYS: USER_ENV.ENCRYPTION_KEYS,
        INGEST_PORT: 'abc',
      }).join(),
    ).toContain('INGEST_PORT');
  });
});
