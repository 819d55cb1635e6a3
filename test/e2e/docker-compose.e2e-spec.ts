import { randomBytes } from 'node:crypto';
import { checkEnvironment, configKeys } from '@app/config';
import { GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { IngestConfig } from '../../apps/webhook-ingest/src/ingest.config';
import { NormalizerConfig } from '../../apps/normalizer/src/normalizer.config';
import { DispatcherConfig } from '../../apps/dispatcher/src/dispatcher.config';
import { PollerConfig } from '../../apps/poller/src/poller.config';
import { readCompose, type ComposeService } from '../support/compose-file';

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
  const compose = readCompose('docker-compose.yml');
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
    const kafka = compose.services.kafka;
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

/** Every app the fleet runs, with the config schema its variables must satisfy. */
const FLEET_APPS: Record<string, new () => object> = {
  gateway: GatewayConfig,
  'webhook-ingest': IngestConfig,
  normalizer: NormalizerConfig,
  dispatcher: DispatcherConfig,
  poller: PollerConfig,
};
const WORKERS = ['webhook-ingest', 'normalizer', 'dispatcher', 'poller'];

// `docker compose -f docker-compose.yml -f docker-compose.fleet.yml`: the two files merged as Compose does.
describe('docker-compose.fleet.yml over docker-compose.yml', () => {
  const fleet = readCompose('docker-compose.yml', 'docker-compose.fleet.yml');
  const nodes = Object.entries(fleet.services).filter(([, s]) => s.image?.startsWith('apache/kafka:'));
  const setting = (service: ComposeService, name: string) => service.environment?.[name];

  it('runs three KRaft nodes as one cluster: same id, one quorum naming each node, own advertised host', () => {
    expect(nodes.map(([name]) => name).sort()).toEqual(['kafka', 'kafka-2', 'kafka-3']);
    const voters = nodes.map(([name, s]) => `${setting(s, 'KAFKA_NODE_ID')}@${name}:9093`).sort();
    expect(new Set(voters.map((v) => v.split('@')[0])).size).toBe(3);
    for (const [name, service] of nodes) {
      expect(setting(service, 'KAFKA_PROCESS_ROLES')).toBe('broker,controller');
      expect(setting(service, 'CLUSTER_ID')).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(setting(service, 'CLUSTER_ID')).toBe(setting(nodes[0][1], 'CLUSTER_ID'));
      expect(setting(service, 'KAFKA_CONTROLLER_QUORUM_VOTERS')?.split(',').sort()).toEqual(voters);
      expect(setting(service, 'KAFKA_ADVERTISED_LISTENERS')).toBe(`PLAINTEXT://${name}:9092`);
      expect(service.healthcheck?.test.join(' ')).toContain('kafka-topics.sh');
    }
  });

  it('replicates every topic three times and acknowledges a write only on two replicas', () => {
    for (const [, service] of nodes) {
      expect(setting(service, 'KAFKA_DEFAULT_REPLICATION_FACTOR')).toBe('3');
      expect(setting(service, 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR')).toBe('3');
      expect(setting(service, 'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR')).toBe('3');
      expect(setting(service, 'KAFKA_MIN_INSYNC_REPLICAS')).toBe('2');
      expect(setting(service, 'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR')).toBe('2');
      expect(setting(service, 'KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE')).toBe('false');
    }
  });

  it.each(Object.entries(FLEET_APPS))(
    '%s: valid settings, all three brokers listed, started once the whole cluster is healthy',
    (name, config) => {
      const service = fleet.services[name];
      const env = interpolate(service.environment ?? {});
      expect(checkEnvironment(config, env)).toEqual([]);
      expect(env.KAFKA_BROKERS.split(',').sort()).toEqual(nodes.map(([node]) => `${node}:9092`).sort());
      for (const [node] of nodes)
        expect(service.depends_on?.[node]).toEqual({ condition: 'service_healthy' });
    },
  );

  it.each(WORKERS)('%s runs two instances, and no fixed host port keeps the second from starting', (name) => {
    const service = fleet.services[name];
    const replicas = service.deploy?.replicas ?? 1;
    expect(replicas).toBeGreaterThanOrEqual(2);
    for (const port of service.ports ?? []) {
      // "3001-3002:3001": each replica takes its own host port from the published range.
      const published = /^(\d+)(?:-(\d+))?:\d+$/.exec(port);
      expect(published).not.toBeNull();
      const [, from, to] = published!;
      expect(Number(to ?? from) - Number(from) + 1).toBeGreaterThanOrEqual(replicas);
    }
  });

  it("keeps the fleet's PostgreSQL connections under the server's default max_connections (100)", () => {
    let connections = 0;
    for (const name of Object.keys(FLEET_APPS)) {
      const service = fleet.services[name];
      const processes = (service.deploy?.replicas ?? 1) * Number(setting(service, 'GATEWAY_WORKERS') ?? 1);
      connections += processes * Number(setting(service, 'DATABASE_POOL_SIZE') ?? 10);
    }
    expect(connections).toBeLessThanOrEqual(80); // room for maintenance and migrations
  });

  it('leaves the default file one of each on a single broker', () => {
    const single = readCompose('docker-compose.yml');
    expect(Object.values(single.services).filter((s) => s.image?.startsWith('apache/kafka:'))).toHaveLength(
      1,
    );
    for (const name of WORKERS) expect(single.services[name].deploy?.replicas ?? 1).toBe(1);
  });
});
