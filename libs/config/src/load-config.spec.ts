import { IsInt, Max, Min } from 'class-validator';
import { checkEnvironment, ConfigError, configKeys, loadConfig } from './load-config';
import { KafkaSettings } from './common-settings';
import { withConsumerWorkerSettings } from './consumer-worker-settings';

class SampleConfig extends KafkaSettings {
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig('sample', SampleConfig, { PORT: '4100' });
    expect(config.PORT).toBe(4100);
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:9092');
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig('sample', SampleConfig, { PORT: '99999', KAFKA_BROKERS: 'nope' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig('sample', SampleConfig, { PORT: '99999', KAFKA_BROKERS: 'nope' });
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('KAFKA_BROKERS');
    }
  });

  it("takes a consumer worker's group instance id only as a plain name", () => {
    class WorkerConfig extends withConsumerWorkerSettings(KafkaSettings) {}
    expect(loadConfig('worker', WorkerConfig, {}).KAFKA_GROUP_INSTANCE_ID).toBeUndefined();
    expect(
      loadConfig('worker', WorkerConfig, { KAFKA_GROUP_INSTANCE_ID: 'normalizer-1' }).KAFKA_GROUP_INSTANCE_ID,
    ).toBe('normalizer-1');
    for (const bad of ['normalizer 1', 'a/b', 'x'.repeat(201)]) {
      expect(() => loadConfig('worker', WorkerConfig, { KAFKA_GROUP_INSTANCE_ID: bad })).toThrow(
        /KAFKA_GROUP_INSTANCE_ID must be 1 to 200 letters/,
      );
    }
  });

  it('lists its keys and flags unknown ones in a deployment environment', () => {
    expect(configKeys(SampleConfig)).toEqual(['KAFKA_BROKERS', 'KAFKA_CLIENT_ID', 'LOG_LEVEL', 'PORT']);
    expect(checkEnvironment(SampleConfig, { PORT: '1', TYPO_PORT: '2' })).toEqual([
      'TYPO_PORT is not a setting of this app',
    ]);
  });
});
