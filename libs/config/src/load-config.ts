import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';

/** Thrown at start-up when the environment does not satisfy an app's config class. */
export class ConfigError extends Error {
  constructor(
    readonly appName: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration for ${appName}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type ConfigClass<T> = new () => T;

/**
 * Builds a typed, validated config object from environment variables.
 * Every property of the config class is an environment variable of the same name; class-transformer
 * converts strings (enableImplicitConversion) and class-validator checks them, so an app fails fast
 * with a message naming every bad variable instead of failing later at first use.
 */
export function loadConfig<T extends object>(
  appName: string,
  cls: ConfigClass<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const known = configKeys(cls);
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const instance = plainToInstance(cls, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ConfigError(appName, flatten(errors));
  return instance;
}

/** The environment variable names a config class understands (used to check deployment files too). */
export function configKeys<T>(cls: ConfigClass<T>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

/** Checks a set of variables (e.g. a docker-compose service's environment) against a config class. */
export function checkEnvironment<T extends object>(
  cls: ConfigClass<T>,
  env: Record<string, string>,
): string[] {
  const known = new Set(configKeys(cls));
  const unknown = Object.keys(env)
    .filter((k) => !known.has(k))
    .map((k) => `${k} is not a setting of this app`);
  try {
    loadConfig('check', cls, env);
    return unknown;
  } catch (error) {
    if (error instanceof ConfigError) return [...unknown, ...error.problems];
    throw error;
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => {
    const own = Object.values(e.constraints ?? {}).map((msg) => `${e.property}: ${msg}`);
    return [...own, ...flatten(e.children ?? [])];
  });
}
