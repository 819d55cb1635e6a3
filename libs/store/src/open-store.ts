import { CredentialCipher, parseEncryptionKeys } from './crypto/credential-cipher';
import { createStore, type Store, type StoreOptions } from './store';

/** The store settings every app shares (see PlatformSettings in @app/config). */
export interface StoreSettings {
  STORE_DRIVER: 'sqlite' | 'postgres';
  SQLITE_PATH: string;
  DATABASE_URL?: string;
  ENCRYPTION_KEYS: string;
  ENCRYPTION_ACTIVE_KEY_ID?: string;
}

/** Opens the configured store with its cipher and applies pending migrations. */
export async function openStore(
  settings: StoreSettings & {
    /** PostgreSQL pool size (10 when absent). */
    DATABASE_POOL_SIZE?: number;
  },
  options: Pick<StoreOptions, 'sqliteThread'> = {},
): Promise<Store> {
  const { keys, activeKeyId } = parseEncryptionKeys(settings.ENCRYPTION_KEYS);
  const store = await createStore({
    driver: settings.STORE_DRIVER,
    sqlitePath: settings.SQLITE_PATH,
    postgresUrl: settings.DATABASE_URL,
    postgresPoolSize: settings.DATABASE_POOL_SIZE,
    sqliteThread: options.sqliteThread,
    cipher: new CredentialCipher(keys, settings.ENCRYPTION_ACTIVE_KEY_ID ?? activeKeyId),
  });
  await store.migrate();
  return store;
}
