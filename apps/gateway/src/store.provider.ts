import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { createStore, CredentialCipher, parseEncryptionKeys, type Store } from '@app/store';
import { GatewayConfig } from './gateway.config';

export type { Store };
export const STORE = Symbol('Store');

/** Opens the configured store and brings its schema up to date before the app serves anything. */
export const storeProvider: Provider = {
  provide: STORE,
  inject: [GatewayConfig],
  useFactory: async (config: GatewayConfig): Promise<Store> => {
    const { keys, activeKeyId } = parseEncryptionKeys(config.ENCRYPTION_KEYS);
    const store = await createStore({
      driver: config.STORE_DRIVER,
      sqlitePath: config.SQLITE_PATH,
      postgresUrl: config.DATABASE_URL,
      cipher: new CredentialCipher(keys, config.ENCRYPTION_ACTIVE_KEY_ID ?? activeKeyId),
    });
    await store.migrate();
    return store;
  },
};

/** Closes the store's connections when the app shuts down. */
@Injectable()
export class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STORE) private readonly store: Store) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
