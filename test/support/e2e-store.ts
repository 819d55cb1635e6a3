import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openStore, type Store } from '@app/store';
import { createDatabaseNow, e2eStoreDriver } from './e2e-databases';

/**
 * Settings for a fresh, empty store on the selected driver (no tenant, no rows), with a new
 * encryption key. `label` names the SQLite temp directory.
 */
export function freshStoreEnv(label = 'ticketing-e2e'): Record<string, string> {
  const ENCRYPTION_KEYS = `e2e:${randomBytes(32).toString('base64')}`;
  if (e2eStoreDriver() === 'postgres')
    return { STORE_DRIVER: 'postgres', DATABASE_URL: createDatabaseNow(), ENCRYPTION_KEYS };
  const dir = mkdtempSync(path.join(tmpdir(), `${label}-`));
  return { STORE_DRIVER: 'sqlite', SQLITE_PATH: path.join(dir, 'store.sqlite'), ENCRYPTION_KEYS };
}

/**
 * Removes a `freshStoreEnv` SQLite store's directory, for the benches (the e2e runs' temporary files go
 * with their run directory, test/support/global-setup.ts). A PostgreSQL store is left to its server.
 */
export function removeFreshStore(env: Record<string, string>): void {
  if (env.STORE_DRIVER === 'sqlite' && env.SQLITE_PATH)
    rmSync(path.dirname(env.SQLITE_PATH), { recursive: true, force: true });
}

/** Opens (and migrates) the store that `freshStoreEnv` settings name, as the test's own handle. */
export function openE2eStore(env: Record<string, string>): Promise<Store> {
  return openStore({
    STORE_DRIVER: env.STORE_DRIVER === 'postgres' ? 'postgres' : 'sqlite',
    SQLITE_PATH: env.SQLITE_PATH ?? '',
    DATABASE_URL: env.DATABASE_URL,
    ENCRYPTION_KEYS: env.ENCRYPTION_KEYS,
  });
}
